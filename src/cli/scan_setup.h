// SPDX-License-Identifier: GPL-2.0-or-later
// Options every command that runs the detection engine shares (scan,
// firmware, check), and the SIGINT handling that stops a run cleanly.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/finding.h"
#include "core/result.h"
#include "detect/engine.h"
#include "report/finding_sink.h"
#include "signatures/pattern_file.h"

namespace iotguard::cli {

class EngineOptions {
 public:
  void add_options(CLI::App& sub);
  // Finds the pattern file and compiles (or loads cached) rules.
  Result<std::unique_ptr<detect::Engine>> build();
  // The scan-cache database, or nothing with --no-cache.
  [[nodiscard]] std::optional<std::filesystem::path> scan_cache_file() const;
  [[nodiscard]] Severity min_severity() const;
  [[nodiscard]] std::filesystem::path cache_dir() const;
  // The pattern file --db names, or the one found; also with --no-db, for
  // the audit passes of check and firmware.
  [[nodiscard]] Result<signatures::PatternFile> pattern_file() const;
  // A command's own default for --min-severity (before parsing).
  void default_min_severity(std::string level) { min_severity_text_ = std::move(level); }

 private:
  std::optional<std::string> db_;
  bool no_db_ = false;
  std::vector<std::string> rules_, hashes_;
  int timeout_ = 60;
  bool no_anomalies_ = false, no_cache_ = false, compiled_rules_ = false;
  std::string cache_dir_;
  std::string min_severity_text_ = "low";
};

// Reports each rule file the engine left out because it did not compile, as
// an error for that file: the run goes on with the rest. Returns how many.
std::size_t report_rejected_rules(const detect::Engine& engine, report::FindingSink& sink);

// Set by SIGINT/SIGTERM; a second signal ends the process the usual way.
std::atomic<bool>& interrupt_flag();
void install_interrupt_handler();

// "64M" -> bytes.
std::optional<std::uint64_t> parse_size(const std::string& text);

}  // namespace iotguard::cli
