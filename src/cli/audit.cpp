// SPDX-License-Identifier: GPL-2.0-or-later
// `iotguard audit [--root DIR]`: the device-hardening and compromise checks of
// src/audit over the live system or an extracted firmware tree.
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "audit/run.h"
#include "cli/command.h"
#include "cli/version.h"
#include "report/finding_sink.h"
#include "signatures/pattern_file.h"

namespace iotguard::cli {
namespace {

class AuditCommand final : public Command {
 public:
  [[nodiscard]] const char* name() const override { return "audit"; }
  [[nodiscard]] const char* summary() const override {
    return "Audit a device (live system or firmware tree): credentials, remote access, "
           "exposure, updates, compromise signs, hardening";
  }

  void configure(CLI::App& sub) override {
    sub.add_option("--root", root_,
                   "Audit this extracted firmware tree instead of the live system; live-only "
                   "checks report 'not applicable'")
        ->check(CLI::ExistingDirectory);
    sub.add_flag("--list", list_, "Print the check registry and exit");
    sub.add_option("--only", opt_.only,
                   "Run only these checks: ids (AUTH-003), id prefixes (ROOTKIT) or categories")
        ->delimiter(',');
    sub.add_option("--db", db_, "Pattern file directory (default: installed signatures)");
    sub.add_option("--max-age-days", opt_.max_age_days,
                   "UPD-002: report software older than this many days (default 730)");
    sub.add_flag("!--no-not-applicable", opt_.report_not_applicable,
                 "Leave out the 'not applicable' records of live-only checks on a firmware root");
    sub.footer(
        "Examples:\n"
        "  sudo iotguard audit\n"
        "  iotguard audit --root ./squashfs-root --format json | jq 'select(.severity != "
        "\"info\")'\n"
        "  iotguard audit --list\n"
        "  iotguard audit --only AUTH,REMOTE-001 --root rootfs/\n"
        "Exit codes: 0 nothing above info, 1 a finding of low severity or more, 2 the root or "
        "the pattern file could not be opened.");
  }

  int run(const GlobalOptions& g) override {
    if (list_) return list(g);
    auto db = signatures::PatternFile::find(db_);
    if (!db) {
      if (db_) {
        std::fprintf(stderr, "iotguard audit: %s\n", db.error().message.c_str());
        return kExitError;
      }
    } else {
      db->configure(opt_);
    }
    const bool live = !root_.has_value();
    auto root = audit::Root::open(root_.value_or("/"),
                                  live ? audit::RootKind::live : audit::RootKind::firmware);
    if (!root) {
      std::fprintf(stderr, "iotguard audit: %s\n", root.error().message.c_str());
      return kExitError;
    }
    report::SinkOptions so;
    so.tool_version = IOTGUARD_VERSION;
    auto sink = report::make_sink(g.format, stdout, so);
    const bool show_progress = g.format == report::Format::text && report::is_tty(stderr);
    const auto start = std::chrono::steady_clock::now();
    auto rep =
        audit::run(*root, opt_, [&](const audit::CheckInfo& c, std::size_t i, std::size_t n) {
          if (show_progress)
            std::fprintf(stderr, "\r[%zu/%zu] %-12s", i + 1, n, std::string(c.id).c_str());
        });
    if (show_progress) std::fputs("\r\033[K", stderr);
    if (db.ok() == false)
      rep.errors.emplace_back("signatures", db.error().message + " (AUTH-003, UPD-003 skipped)");
    report::RunOutcome outcome;  // a check that could not read a file does not fail the run
    for (const auto& f : rep.findings) {
      sink->finding(f);
      outcome.finding(f.severity, report::kWeaknessThreshold);
    }
    for (const auto& [path, msg] : rep.errors) sink->error(path, msg);
    report::Summary s;
    s.command = "audit";
    s.counts = {{"root", root->dir()},
                {"live", live},
                {"checks", rep.checks_run},
                {"not_applicable", rep.not_applicable}};
    s.findings = rep.findings.size();
    s.errors = rep.errors.size();
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    sink->finish(s);
    return report::exit_code(outcome);
  }

 private:
  int list(const GlobalOptions& g) const {
    for (const auto& c : audit::all_checks()) {
      const auto& i = c->info();
      if (g.format == report::Format::text)
        std::fputs(fmt::format("{:<12} {:<9} {}{}\n", i.id, to_string(i.severity), i.title,
                               i.live_only ? " (live only)" : "")
                       .c_str(),
                   stdout);
      else
        report::write_json_line(stdout, audit::info_json(i));
    }
    return kExitClean;
  }

  std::optional<std::string> root_;
  std::optional<std::string> db_;
  bool list_ = false;
  audit::AuditOptions opt_;
};

}  // namespace

std::unique_ptr<Command> make_audit_command() { return std::make_unique<AuditCommand>(); }

}  // namespace iotguard::cli
