// SPDX-License-Identifier: GPL-2.0-or-later
#include "report/run_outcome.h"

namespace iotguard::report {

int exit_code(const RunOutcome& outcome) {
  if (outcome.found) return kExitFound;
  return outcome.failed ? kExitError : kExitClean;
}

}  // namespace iotguard::report
