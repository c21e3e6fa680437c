// SPDX-License-Identifier: GPL-2.0-or-later
// Runs a scan: walk the paths, replay cached results, spread the rest over
// worker threads (each file mapped, hashed, and analysed once per distinct
// content), and hand findings to the sink in a stable order.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "detect/engine.h"
#include "report/finding_sink.h"
#include "report/run_outcome.h"
#include "scan/walker.h"

namespace iotguard::scan {

struct ScanOptions {
  WalkOptions walk;
  unsigned jobs = 0;  // 0: all cores
  // File content mapped at once across workers (see scan/job_queue.h).
  std::uint64_t max_mapped = UINT64_C(32) << 20;
  std::optional<std::filesystem::path> cache_file;  // none: no scan cache
  bool progress = false;
  Severity min_severity = Severity::low;  // findings below are not reported
};

struct ScanStats {
  std::size_t files = 0;    // objects examined (including cache hits)
  std::uint64_t bytes = 0;  // bytes read and analysed (cache hits excluded)
  std::size_t files_with_findings = 0;
  std::size_t findings = 0;
  std::size_t errors = 0;
  std::size_t skipped = 0;
  std::size_t cache_hits = 0;
  std::size_t duplicates = 0;  // same content as a file analysed earlier this run
  Severity worst = Severity::info;
  bool any_finding = false;
  bool interrupted = false;
  double seconds = 0.0;

  // Found: a detection (report::kDetectionThreshold); failed: an error or an
  // interruption.
  [[nodiscard]] report::RunOutcome outcome() const {
    return {any_finding && worst >= report::kDetectionThreshold, errors > 0 || interrupted};
  }
};

ScanStats run_scan(const detect::Engine& engine, const std::vector<std::string>& paths,
                   const ScanOptions& options, report::FindingSink& sink,
                   const std::atomic<bool>& stop);

}  // namespace iotguard::scan
