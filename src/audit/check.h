// SPDX-License-Identifier: GPL-2.0-or-later
// An audit check: one file under checks/, one line in registry.cpp. A check
// reads the Root through its Context and reports findings; it never writes,
// executes or follows a symlink out of the root (docs/audit-checks.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/root.h"
#include "core/finding.h"

namespace iotguard::audit {

struct CheckInfo {
  std::string_view id;  // "AUTH-001": the finding's rule
  std::string_view
      category;  // credentials, remote-access, exposure, updates, compromise, hardening
  std::string_view title;
  Severity severity = Severity::medium;  // of a finding (a check may lower it per finding)
  std::string_view rationale;
  std::string_view remediation;
  std::vector<std::string_view> references;  // "OWASP-IoT-2018-I1", "JP-IoT-GL-15", CVE ids
  bool live_only = false;                    // needs /proc and the running system
};

// What a firmware image said about an entry the extraction could not
// reproduce (setuid/setgid/sticky bits, device nodes): `iotguard firmware`
// passes the extractor's record so HARD-002/003 judge the image's modes.
struct ImageMode {
  std::string path;        // in the root, "/bin/su"
  std::uint32_t mode = 0;  // permission and special bits (07777)
  std::int64_t uid = -1;   // owner in the image; -1 unknown
};

struct AuditOptions {
  // From the pattern file (signatures::PatternFile::configure); empty: none found.
  std::filesystem::path credentials_dir;      // credentials/*.tsv
  std::filesystem::path vulnerable_versions;  // vulnerable-versions.tsv
  std::vector<std::string> only;  // run only these ids or id prefixes ("AUTH", "HARD-002")
  std::size_t max_config_bytes = std::size_t{1} << 20;   // one config/script file
  std::size_t max_binary_bytes = std::size_t{32} << 20;  // one binary searched for a version
  std::size_t max_startup_files = 4096;                  // scripts, units, crontabs examined
  std::size_t walk_max_files = 200000;                   // HARD-002/003 tree walk
  unsigned walk_max_depth = 24;
  std::size_t max_processes = 32768;
  std::size_t max_fds_per_process = 4096;
  std::size_t crypt_max_tries_fast = 4096;  // DES, MD5, SHA-256/512-crypt: every candidate
  std::size_t crypt_max_tries_slow = 48;    // yescrypt, bcrypt, scrypt: the likeliest ones
  double crypt_seconds_per_account = 5.0;
  std::int64_t now = 0;                // seconds since the epoch for UPD-002; 0 = the current time
  unsigned max_age_days = 730;         // UPD-002: newest package/firmware date older than this
  bool report_not_applicable = true;   // live-only checks on a firmware root -> info record
  std::vector<ImageMode> image_modes;  // firmware roots: modes the extraction dropped
};

struct Account;
struct TextFile;
struct Process;
struct Socket;
struct SpecialFiles;
class Context;

class Check {
 public:
  virtual ~Check() = default;
  [[nodiscard]] virtual const CheckInfo& info() const = 0;
  virtual void run(Context& ctx) const = 0;
};

// Everything a check may touch: the root, the options, shared parsed data
// (computed once per run), and the place its findings and errors go.
class Context {
 public:
  Context(const Root& root, const AuditOptions& opt);
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  const Root& root;
  const AuditOptions& opt;

  // A finding of the running check: rule, title, severity and references come
  // from its CheckInfo; detail is appended to the title. evidence["file"], when
  // present, also becomes the second link of the object chain.
  Finding& report(std::string_view detail, nlohmann::json evidence);
  void error(std::string path, std::string message);

  // /etc/passwd joined with /etc/shadow.
  const std::vector<Account>& accounts();
  // Init, inetd, rc, cron and systemd files, and top-level /etc configs.
  const std::vector<TextFile>& startup_files();
  const std::vector<TextFile>& cron_files();
  // Live only: every process and every socket from /proc.
  const std::vector<Process>& processes();
  const std::vector<Socket>& sockets();
  // World-writable and setuid entries under the system directories (one bounded walk).
  const SpecialFiles& special_files();
  [[nodiscard]] std::int64_t now() const;

  void begin(const CheckInfo& info) { current_ = &info; }
  std::vector<Finding> findings;
  std::vector<std::pair<std::string, std::string>> errors;

 private:
  const CheckInfo* current_ = nullptr;
  struct Cache;
  std::unique_ptr<Cache> cache_;
};

// Every check, in the order `iotguard audit --list` prints them (registry.cpp).
const std::vector<std::unique_ptr<Check>>& all_checks();

}  // namespace iotguard::audit
