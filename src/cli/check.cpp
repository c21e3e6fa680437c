// SPDX-License-Identifier: GPL-2.0-or-later
// `iotguard check`: the main job on a device. Scans the places IoT malware
// lives (executable directories and the writable temporary ones bots run
// from), then audits the live system, into one report.
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "audit/run.h"
#include "cli/command.h"
#include "cli/scan_setup.h"
#include "cli/version.h"
#include "scan/scanner.h"

namespace iotguard::cli {
namespace {

// Where a bot's binary sits on a device: the system's executable directories
// and the tmpfs mounts Mirai-style loaders write to (shared/threats.md s2.3).
constexpr const char* kDefaultPaths[] = {
    "/bin",     "/sbin",    "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin", "/tmp",
    "/var/tmp", "/dev/shm", "/var/run", "/opt"};

class CheckCommand final : public Command {
 public:
  [[nodiscard]] const char* name() const override { return "check"; }
  [[nodiscard]] const char* summary() const override {
    return "Scan this machine's executable and temporary directories, then audit it (the main job)";
  }

  void configure(CLI::App& sub) override {
    sub.add_option("paths", paths_, "Paths to scan instead of the defaults");
    // On a whole system, low-severity structure notes (ELF overlays, missing
    // noexec) drown the verdicts: show medium and up unless asked.
    engine_.default_min_severity("medium");
    engine_.add_options(sub);
    sub.add_flag("--no-audit", no_audit_, "Scan only");
    sub.add_flag("--no-scan", no_scan_, "Audit only");
    sub.add_flag("-q,--quiet", quiet_, "Findings and errors only, no summary");
    sub.footer(
        "Examples:\n"
        "  iotguard check\n"
        "  iotguard check --format sarif > device.sarif\n"
        "  iotguard check --min-severity low /data/apps   (default: medium)\n"
        "Default scan paths: /bin /sbin /usr/bin /usr/sbin /usr/local/bin /usr/local/sbin /tmp\n"
        "/var/tmp /dev/shm /var/run /opt (those that exist).\n"
        "Exit codes: 0 nothing found, 1 a detection (medium or more) or an audit finding above\n"
        "info, 2 an error and nothing found.");
  }

  int run(const GlobalOptions& g) override {
    const auto t0 = std::chrono::steady_clock::now();
    report::SinkOptions so;
    so.quiet = quiet_;
    so.only_findings = true;
    so.tool_version = IOTGUARD_VERSION;
    auto sink = report::make_sink(g.format, stdout, so);
    install_interrupt_handler();
    report::Summary s;
    s.command = "check";
    report::RunOutcome outcome;

    if (!no_scan_) {
      auto engine = engine_.build();
      if (!engine) {
        std::fprintf(stderr, "iotguard check: %s\n", engine.error().message.c_str());
        return kExitError;
      }
      std::vector<std::string> paths = paths_;
      if (paths.empty()) {
        std::error_code ec;
        for (const char* p : kDefaultPaths)
          if (std::filesystem::is_directory(p, ec)) paths.emplace_back(p);
      }
      s.errors += report_rejected_rules(**engine, *sink);
      scan::ScanOptions opt;
      opt.cache_file = engine_.scan_cache_file();
      opt.min_severity = engine_.min_severity();
      opt.progress = !quiet_ && ::isatty(STDERR_FILENO) == 1;
      const auto st = scan::run_scan(**engine, paths, opt, *sink, interrupt_flag());
      s.findings += st.findings;
      s.errors += st.errors;
      s.interrupted = st.interrupted;
      s.counts["pattern_file"] = (*engine)->info().pattern_file_version;
      s.counts["scanned_files"] = st.files;
      s.counts["files_with_findings"] = st.files_with_findings;
      s.counts["cache_hits"] = st.cache_hits;
      outcome.found = outcome.found || st.outcome().found;
    }

    if (!no_audit_ && !interrupt_flag().load()) {
      audit::AuditOptions aopt;
      if (auto pf = engine_.pattern_file()) pf->configure(aopt);
      auto root = audit::Root::open("/", audit::RootKind::live);
      if (!root) {
        sink->error("/", root.error().message);
        ++s.errors;
      } else {
        auto ar = audit::run(*root, aopt);
        for (const auto& f : ar.findings) {
          if (f.severity < engine_.min_severity()) continue;
          sink->finding(f);
          ++s.findings;
          outcome.finding(f.severity, report::kWeaknessThreshold);
        }
        for (const auto& [path, msg] : ar.errors) {
          sink->error(path, msg);
          ++s.errors;
        }
        s.counts["audit_checks"] = ar.checks_run;
      }
    }
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    sink->finish(s);
    outcome.failed = s.errors > 0 || s.interrupted;  // scan and audit errors alike
    return report::exit_code(outcome);
  }

 private:
  std::vector<std::string> paths_;
  EngineOptions engine_;
  bool no_audit_ = false, no_scan_ = false, quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> make_check_command() { return std::make_unique<CheckCommand>(); }

}  // namespace iotguard::cli
