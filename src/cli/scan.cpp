// SPDX-License-Identifier: GPL-2.0-or-later
// `iotguard scan PATH...`: the pattern-file scanner, in clamscan's manner.
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/scan_setup.h"
#include "cli/version.h"
#include "scan/scanner.h"

namespace iotguard::cli {
namespace {

class ScanCommand final : public Command {
 public:
  [[nodiscard]] const char* name() const override { return "scan"; }
  [[nodiscard]] const char* summary() const override {
    return "Scan files and directories for Linux/IoT malware (YARA rules, hash lists, ELF "
           "anomalies)";
  }

  void configure(CLI::App& sub) override {
    sub.add_option("paths", paths_, "Files and directories to scan (recursively)")->required();
    engine_.add_options(sub);
    sub.add_option("--exclude", walk_.excludes, "Skip paths matching this glob (repeatable)")
        ->allow_extra_args(false);
    sub.add_option("--max-filesize", max_filesize_,
                   "Skip files larger than this (e.g. 64M; default 256M)");
    sub.add_option("-j,--jobs", jobs_, "Worker threads (default: all cores)")
        ->check(CLI::Range(1, 1024));
    sub.add_option("--max-mapped", max_mapped_,
                   "File content mapped at once across threads, bounding memory (default 32M; "
                   "a larger file is scanned alone)");
    sub.add_flag("-i,--infected", infected_, "Print only findings, no OK lines");
    sub.add_flag("-q,--quiet", quiet_, "Print findings and errors only, no summary");
    sub.add_flag("--no-progress", no_progress_, "Never show the progress line");
    sub.footer(
        "Examples:\n"
        "  iotguard scan /usr/bin /usr/sbin\n"
        "  iotguard scan -i --rules my-rules/ --exclude '*.log' rootfs/\n"
        "  iotguard scan --format sarif fw/ > report.sarif\n"
        "  iotguard scan --format json --no-cache samples/ | jq 'select(.type==\"finding\")'\n"
        "  iotguard scan -j 1 --max-mapped 8M /   # on a device with little RAM\n"
        "  iotguard scan -C --rules vendor.yarc fw/   # rules compiled by yarac, from a trusted "
        "source\n"
        "Text output: 'path: RULE FOUND' per detection (medium and up), 'path: RULE LOW|INFO' for\n"
        "lesser findings, 'path: OK' for clean files, then a summary.\n"
        "Exit codes: 0 nothing found, 1 a finding of medium severity or more, 2 an error\n"
        "(unreadable object, bad rules, interrupted) and nothing found.");
  }

  int run(const GlobalOptions& g) override {
    if (!max_filesize_.empty()) {
      auto v = parse_size(max_filesize_);
      if (!v) {
        std::fprintf(stderr, "iotguard scan: bad --max-filesize '%s'\n", max_filesize_.c_str());
        return kExitError;
      }
      walk_.max_filesize = *v;
    }
    std::optional<std::uint64_t> max_mapped;
    if (!max_mapped_.empty()) {
      max_mapped = parse_size(max_mapped_);
      if (!max_mapped || *max_mapped == 0) {
        std::fprintf(stderr, "iotguard scan: bad --max-mapped '%s'\n", max_mapped_.c_str());
        return kExitError;
      }
    }
    auto engine = engine_.build();
    if (!engine) {
      std::fprintf(stderr, "iotguard scan: %s\n", engine.error().message.c_str());
      return kExitError;
    }
    scan::ScanOptions opt;
    opt.walk = walk_;
    opt.jobs = jobs_;
    if (max_mapped) opt.max_mapped = *max_mapped;
    opt.cache_file = engine_.scan_cache_file();
    opt.progress = !no_progress_ && !quiet_ && ::isatty(STDERR_FILENO) == 1;
    opt.min_severity = engine_.min_severity();

    report::SinkOptions so;
    so.quiet = quiet_;
    so.only_findings = infected_ || quiet_;
    so.tool_version = IOTGUARD_VERSION;
    auto sink = report::make_sink(g.format, stdout, so);

    const auto& info = (*engine)->info();
    std::atomic<bool>& stop = interrupt_flag();
    install_interrupt_handler();
    const std::size_t rule_errors = report_rejected_rules(**engine, *sink);
    scan::ScanStats st = scan::run_scan(**engine, paths_, opt, *sink, stop);
    st.errors += rule_errors;

    report::Summary s;
    s.command = "scan";
    s.findings = st.findings;
    s.errors = st.errors;
    s.seconds = st.seconds;
    s.interrupted = st.interrupted;
    s.counts = {{"known_rules", info.yara.rules},
                {"pattern_file", info.pattern_file_version},
                {"scanned_files", st.files},
                {"files_with_findings", st.files_with_findings},
                {"data_scanned_MB", static_cast<double>(st.bytes) / 1e6},
                {"cache_hits", st.cache_hits},
                {"duplicates", st.duplicates},
                {"skipped", st.skipped}};
    sink->finish(s);
    return report::exit_code(st.outcome());
  }

 private:
  std::vector<std::string> paths_;
  EngineOptions engine_;
  scan::WalkOptions walk_;
  std::string max_filesize_, max_mapped_;
  unsigned jobs_ = 0;
  bool infected_ = false, quiet_ = false, no_progress_ = false;
};

}  // namespace

std::unique_ptr<Command> make_scan_command() { return std::make_unique<ScanCommand>(); }

}  // namespace iotguard::cli
