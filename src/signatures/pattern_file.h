// SPDX-License-Identifier: GPL-2.0-or-later
// The pattern file (docs/signatures.md): the shipped YARA rules, hash lists,
// credential dictionaries and manifest under one directory. Every command
// that reads it (scan, check, firmware, audit, sense, info, db) finds it and
// learns its layout here, and nowhere else.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "detect/yara/rule_catalog.h"

namespace iotguard::detect {
struct EngineConfig;
}
namespace iotguard::audit {
struct AuditOptions;
}

namespace iotguard::signatures {

// A manifest is a few KB; more is not one.
inline constexpr std::uintmax_t kMaxManifestBytes = std::uintmax_t{1} << 20;

struct VerifyReport;

class PatternFile {
 public:
  // `explicit_dir` (--db) when given, which must be a pattern file; else the
  // first pattern file among $IOTGUARD_DB, <prefix>/share/iotguard/signatures
  // beside the running binary, the configured install prefix, and the source
  // tree the binary was built from.
  static Result<PatternFile> find(const std::optional<std::filesystem::path>& explicit_dir);

  // The directory as found (as given, not made absolute).
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
  // The directory made absolute, as db info and verify print it.
  [[nodiscard]] std::filesystem::path location() const;

  // manifest.json, read whole when at most kMaxManifestBytes.
  [[nodiscard]] Result<nlohmann::json> manifest() const;
  // The manifest's "version", or "unversioned" when it has none.
  [[nodiscard]] std::string version() const;

  [[nodiscard]] std::filesystem::path rules_dir() const { return dir_ / "rules"; }
  // The hash lists: every *.tsv, *.hdb and *.hsb in it (detect/hashes/hash_list.h).
  [[nodiscard]] std::filesystem::path hashes_dir() const { return dir_ / "hashes"; }
  [[nodiscard]] std::filesystem::path credentials_dir() const { return dir_ / "credentials"; }
  [[nodiscard]] std::filesystem::path vulnerable_versions() const {
    return dir_ / "vulnerable-versions.tsv";
  }
  // Known plaintexts for `db learn` to find XOR keys by (learn/xor_strings.h).
  [[nodiscard]] std::filesystem::path cribs() const { return dir_ / "learn" / "cribs.txt"; }
  // rules/*.yar and *.yara (regular files), in name order.
  [[nodiscard]] std::vector<std::filesystem::path> rule_files() const;
  // credentials/*.tsv (regular files), in name order, as load_credentials reads them.
  [[nodiscard]] std::vector<std::filesystem::path> credential_files() const;
  // Where compiled rule sets are cached beside the pattern file: its
  // .compiled/ when the directory is writable, else nothing.
  [[nodiscard]] std::optional<std::filesystem::path> compiled_cache_dir() const;

  // Hands the rules, hash lists, dictionaries and version to the engine; its
  // own rules and hash lists come before any already in `config`.
  void configure(detect::EngineConfig& config) const;
  // Hands the credential dictionaries and the vulnerable-version table to audit.
  void configure(audit::AuditOptions& options) const;

  // Each rule file compiled on its own, with its rules (rule_meta.h reads them).
  [[nodiscard]] std::vector<detect::RuleFileCatalog> list() const;
  // Everything `db verify` checks (verify.h).
  [[nodiscard]] VerifyReport verify() const;

 private:
  explicit PatternFile(std::filesystem::path dir) : dir_(std::move(dir)) {}
  std::filesystem::path dir_;
};

}  // namespace iotguard::signatures
