// SPDX-License-Identifier: GPL-2.0-or-later
// How a run ended and the exit code that gives, as clamscan (docs/cli.md):
// one rule for every command that reports findings. A command says what it
// found and whether it failed; it does not pick the code.
#pragma once

#include "core/finding.h"

namespace iotguard::report {

inline constexpr int kExitClean = 0;  // nothing found, no error
inline constexpr int kExitFound = 1;  // something was found (a detection, a failed check, an alert)
inline constexpr int kExitError = 2;  // an error: bad usage, or an object could not be examined

// What makes a finding count. A detection from medium: low and info findings
// (ELF anomalies, a plain UPX packing) are reported but change nothing. An
// audit weakness or an extraction finding (a refused entry, a limit) from low.
inline constexpr Severity kDetectionThreshold = Severity::medium;
inline constexpr Severity kWeaknessThreshold = Severity::low;

struct RunOutcome {
  bool found = false;   // a finding at or above its threshold
  bool failed = false;  // an error the command counts against the run (an object not examined,
                        // an interrupted run)

  void finding(Severity severity, Severity threshold) { found = found || severity >= threshold; }
};

// Found wins over failed (a detection wins over an error), failed over clean.
[[nodiscard]] int exit_code(const RunOutcome& outcome);

}  // namespace iotguard::report
