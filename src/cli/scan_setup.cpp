// SPDX-License-Identifier: GPL-2.0-or-later
#include "cli/scan_setup.h"

#include <unistd.h>

#include <csignal>
#include <cstdlib>

namespace iotguard::cli {
namespace fs = std::filesystem;

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int sig) {
  g_interrupted.store(true);
  std::signal(sig, SIG_DFL);  // a second Ctrl-C ends the process at once
}

fs::path default_cache_root() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x != nullptr && *x == '/')
    return fs::path(x) / "iotguard";
  if (const char* h = std::getenv("HOME"); h != nullptr && *h == '/')
    return fs::path(h) / ".cache/iotguard";
  return fs::temp_directory_path() / ("iotguard-cache-" + std::to_string(::getuid()));
}

}  // namespace

std::size_t report_rejected_rules(const detect::Engine& engine, report::FindingSink& sink) {
  const auto& rejected = engine.info().yara.rejected;
  for (const auto& r : rejected)
    sink.error(r.path.string(), "YARA rule file left out, it does not compile: " + r.message);
  return rejected.size();
}

std::atomic<bool>& interrupt_flag() { return g_interrupted; }

void install_interrupt_handler() {
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
}

void EngineOptions::add_options(CLI::App& sub) {
  sub.add_option("--db", db_, "Pattern-file directory (default: the installed signatures/)");
  sub.add_flag("--no-db", no_db_, "Do not load the shipped pattern file; only --rules/--hashes");
  sub.add_option("--rules", rules_,
                 "Extra YARA rules: a .yar file, a directory of them, or (with -C) a file "
                 "compiled by yarac (repeatable)")
      ->allow_extra_args(false);
  sub.add_flag("-C,--compiled-rules", compiled_rules_,
               "Accept yarac output among --rules, as yara -C does. Only from a source you "
               "trust: libyara does not check compiled rules, and crafted ones can run code");
  sub.add_option("--hashes", hashes_,
                 "Extra hash list: TSV (hash<TAB>name), ClamAV .hdb or .hsb (repeatable)")
      ->allow_extra_args(false);
  sub.add_option("--timeout", timeout_, "YARA time limit per object, seconds (default 60)")
      ->check(CLI::Range(1, 3600));
  sub.add_flag("--no-anomalies", no_anomalies_, "Do not report ELF structure anomalies");
  sub.add_flag("--no-cache", no_cache_,
               "Neither read nor write the scan cache or the compiled-rule cache");
  sub.add_option("--cache-dir", cache_dir_,
                 "Cache directory (default: $XDG_CACHE_HOME/iotguard or ~/.cache/iotguard)");
  sub.add_option("--min-severity", min_severity_text_,
                 "Report findings at or above this severity: info, low, medium, high, critical "
                 "(default low)")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}, CLI::ignore_case))
      ->option_text("LEVEL");
}

fs::path EngineOptions::cache_dir() const {
  return cache_dir_.empty() ? default_cache_root() : fs::path(cache_dir_);
}

std::optional<fs::path> EngineOptions::scan_cache_file() const {
  if (no_cache_) return std::nullopt;
  return cache_dir() / "scan-cache.sqlite";
}

Severity EngineOptions::min_severity() const {
  return parse_severity(min_severity_text_).value_or(Severity::low);
}

Result<signatures::PatternFile> EngineOptions::pattern_file() const {
  return signatures::PatternFile::find(db_);
}

Result<std::unique_ptr<detect::Engine>> EngineOptions::build() {
  detect::EngineConfig c;
  for (const auto& r : rules_) c.rules.emplace_back(r);
  for (const auto& h : hashes_) c.hashes.emplace_back(h);
  std::optional<fs::path> beside_pattern_file;
  if (!no_db_) {
    auto pf = pattern_file();
    if (!pf) return pf.error();
    pf->configure(c);
    beside_pattern_file = pf->compiled_cache_dir();
  }
  c.yara_timeout_seconds = timeout_;
  c.elf_anomalies = !no_anomalies_;
  c.compiled_rules = compiled_rules_;
  // Compiled rules live beside the pattern file when it is writable (the
  // pattern file's own cache), else in the user's cache directory.
  if (!no_cache_) c.cache_dir = beside_pattern_file.value_or(cache_dir() / "rules");
  return detect::Engine::create(c);
}

}  // namespace iotguard::cli
