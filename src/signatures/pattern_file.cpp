// SPDX-License-Identifier: GPL-2.0-or-later
#include "signatures/pattern_file.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <system_error>

#include "audit/check.h"
#include "detect/engine.h"

namespace iotguard::signatures {
namespace fs = std::filesystem;

namespace {

// A manifest or a credentials/ folder: enough to tell a pattern file from a
// directory named by mistake.
bool looks_like_pattern_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec) &&
         (fs::exists(p / "manifest.json", ec) || fs::exists(p / "credentials", ec));
}

// Regular files of `dir` whose extension is one of `exts`, in name order.
std::vector<fs::path> files_in(const fs::path& dir, std::initializer_list<const char*> exts) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::end(it); it.increment(ec)) {
    const auto ext = it->path().extension();
    if (it->is_regular_file(ec) &&
        std::any_of(exts.begin(), exts.end(), [&](const char* e) { return ext == e; }))
      out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

Result<PatternFile> PatternFile::find(const std::optional<fs::path>& explicit_dir) {
  if (explicit_dir) {
    if (looks_like_pattern_file(*explicit_dir)) return PatternFile(*explicit_dir);
    return Error{"--db " + explicit_dir->string() + " is not a signatures directory"};
  }
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("IOTGUARD_DB"); env != nullptr && *env != '\0')
    candidates.emplace_back(env);
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(exe.parent_path().parent_path() / "share/iotguard/signatures");
  candidates.push_back(fs::path(IOTGUARD_INSTALL_DATADIR) / "signatures");
  candidates.push_back(fs::path(IOTGUARD_SOURCE_DIR) / "signatures");
  for (const auto& c : candidates)
    if (looks_like_pattern_file(c)) return PatternFile(c);
  return Error{"no signatures directory found (use --db DIR or set IOTGUARD_DB)"};
}

fs::path PatternFile::location() const { return fs::absolute(dir_); }

Result<nlohmann::json> PatternFile::manifest() const {
  const fs::path p = dir_ / "manifest.json";
  std::error_code ec;
  const auto size = fs::file_size(p, ec);
  if (ec) return Error{p.string() + ": missing"};
  if (size > kMaxManifestBytes) return Error{p.string() + ": larger than 1 MiB"};
  std::ifstream in(p);
  auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error{p.string() + ": not a JSON object"};
  return j;
}

std::string PatternFile::version() const {
  auto m = manifest();
  if (!m || !m->contains("version") || !(*m)["version"].is_string()) return "unversioned";
  return (*m)["version"].get<std::string>();
}

std::vector<fs::path> PatternFile::rule_files() const {
  return files_in(rules_dir(), {".yar", ".yara"});
}

std::vector<fs::path> PatternFile::credential_files() const {
  return files_in(credentials_dir(), {".tsv"});
}

std::optional<fs::path> PatternFile::compiled_cache_dir() const {
  if (::access(dir_.c_str(), W_OK) != 0) return std::nullopt;
  return dir_ / ".compiled";
}

void PatternFile::configure(detect::EngineConfig& config) const {
  std::error_code ec;
  if (fs::is_directory(rules_dir(), ec)) config.rules.insert(config.rules.begin(), rules_dir());
  if (fs::is_directory(hashes_dir(), ec)) config.hashes.insert(config.hashes.begin(), hashes_dir());
  if (fs::is_directory(credentials_dir(), ec)) config.credentials_dir = credentials_dir();
  config.pattern_file_version = version();
}

void PatternFile::configure(audit::AuditOptions& options) const {
  options.credentials_dir = credentials_dir();
  options.vulnerable_versions = vulnerable_versions();
}

std::vector<detect::RuleFileCatalog> PatternFile::list() const {
  return detect::catalog_rule_files(rule_files());
}

}  // namespace iotguard::signatures
