// SPDX-License-Identifier: GPL-2.0-or-later
// A small root tree built inside a test, and a helper that runs checks on it.
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "audit/run.h"

namespace iotguard::audit::test {

class TinyRoot {
 public:
  TinyRoot() {
    static std::atomic<int> n{0};
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("tinyroot-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  ~TinyRoot() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TinyRoot(const TinyRoot&) = delete;
  TinyRoot& operator=(const TinyRoot&) = delete;

  [[nodiscard]] std::string dir() const { return dir_.string(); }
  [[nodiscard]] std::string at(std::string_view p) const {
    while (!p.empty() && p.front() == '/') p.remove_prefix(1);
    return (dir_ / p).string();
  }

  TinyRoot& file(std::string_view p, std::string_view content, mode_t mode = 0644) {
    const auto full = std::filesystem::path(at(p));
    std::filesystem::create_directories(full.parent_path());
    std::ofstream(full, std::ios::binary) << content;
    ::chmod(full.c_str(), mode);
    return *this;
  }
  TinyRoot& dir(std::string_view p, mode_t mode = 0755) {
    std::filesystem::create_directories(at(p));
    ::chmod(at(p).c_str(), mode);
    return *this;
  }
  TinyRoot& link(std::string_view p, std::string_view target) {
    const auto full = std::filesystem::path(at(p));
    std::filesystem::create_directories(full.parent_path());
    std::filesystem::create_symlink(std::string(target), full);
    return *this;
  }
  TinyRoot& mtime(std::string_view p, std::int64_t t) {
    timespec ts[2] = {{static_cast<time_t>(t), 0}, {static_cast<time_t>(t), 0}};
    ::utimensat(AT_FDCWD, at(p).c_str(), ts, AT_SYMLINK_NOFOLLOW);
    return *this;
  }

  // Runs the checks named in only (ids or prefixes) with the source tree's signatures.
  AuditReport audit(std::vector<std::string> only, RootKind kind = RootKind::firmware,
                    AuditOptions opt = {}) const {
    auto root = Root::open(dir(), kind);
    EXPECT_TRUE(root.ok());
    opt.only = std::move(only);
    const auto shipped = std::filesystem::path(IOTGUARD_SOURCE_DIR) / "signatures";
    if (opt.credentials_dir.empty()) opt.credentials_dir = shipped / "credentials";
    if (opt.vulnerable_versions.empty())
      opt.vulnerable_versions = shipped / "vulnerable-versions.tsv";
    return run(*root, opt);
  }

 private:
  std::filesystem::path dir_;
};

// (rule, one evidence value as text) of every finding: what tests compare.
inline std::set<std::pair<std::string, std::string>> keys(const AuditReport& r,
                                                          const std::string& field) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& f : r.findings) {
    std::string v;
    if (f.evidence.contains(field))
      v = f.evidence[field].is_string() ? f.evidence[field].get<std::string>()
                                        : f.evidence[field].dump();
    out.emplace(f.rule, v);
  }
  return out;
}

}  // namespace iotguard::audit::test
