// SPDX-License-Identifier: GPL-2.0-or-later
// The persistent scan cache (SQLite): a file whose (device, inode, size,
// mtime) and engine fingerprint are unchanged since its last scan is not read
// again; its stored findings are replayed.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/result.h"
#include "scan/walker.h"

struct sqlite3;
struct sqlite3_stmt;

namespace iotguard::scan {

struct CachedResult {
  std::string sha256;
  std::string kind;
  std::vector<Finding> findings;  // path and first chain link rewritten to the entry's path
};

class ScanCache {
 public:
  // per_path: verdicts depend on the path too (Detector::depends_on_path),
  // so an entry counts only for the path it was stored under; a renamed
  // file keeps its inode and mtime but not its verdict.
  static Result<std::unique_ptr<ScanCache>> open(const std::filesystem::path& db_file,
                                                 std::string fingerprint, bool per_path = false);
  ~ScanCache();
  ScanCache(const ScanCache&) = delete;
  ScanCache& operator=(const ScanCache&) = delete;

  std::optional<CachedResult> lookup(const FileEntry& e);
  void store(const FileEntry& e, const std::string& sha256, const std::string& kind,
             const std::vector<Finding>& findings);
  void flush();  // commits the open transaction

 private:
  ScanCache() = default;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* get_ = nullptr;
  sqlite3_stmt* put_ = nullptr;
  [[nodiscard]] const std::string& key(const FileEntry& e, std::string& scratch) const;
  std::string fp_;
  bool per_path_ = false;
  std::size_t pending_ = 0;
};

// Findings as stored: everything but the path, which the caller supplies.
nlohmann::json finding_to_storage(const Finding& f);
Finding finding_from_storage(const nlohmann::json& j, const std::string& path);

}  // namespace iotguard::scan
