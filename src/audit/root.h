// SPDX-License-Identifier: GPL-2.0-or-later
// The tree an audit reads: the live system ("/", with /proc) or an extracted
// firmware tree. Every path is resolved inside the root, one component at a
// time: absolute symlink targets restart at the root and ".." stops there, so
// nothing an image contains can make a check read a file outside it.
#pragma once

#include <sys/stat.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace iotguard::audit {

enum class RootKind {
  live,      // the running system: /proc, sockets and processes are examined
  firmware,  // an extracted tree: live-only checks are not applicable
};

struct DirEntry {
  std::string name;
  unsigned char type = 0;  // DT_REG, DT_DIR, DT_LNK, ... (DT_UNKNOWN is resolved by lstat)
};

class Root {
 public:
  // Opens the root directory. force_fallback skips openat2(RESOLVE_IN_ROOT)
  // and uses the portable resolver (tests exercise both).
  static Result<Root> open(const std::string& dir, RootKind kind, bool force_fallback = false);

  Root(Root&& other) noexcept;
  Root& operator=(Root&& other) noexcept;
  Root(const Root&) = delete;
  Root& operator=(const Root&) = delete;
  ~Root();

  [[nodiscard]] RootKind kind() const { return kind_; }
  [[nodiscard]] bool live() const { return kind_ == RootKind::live; }
  // The directory as the user named it ("/" for the live system).
  [[nodiscard]] const std::string& dir() const { return dir_; }

  // Whole regular file, following in-root symlinks; refuses files larger than
  // max_bytes and anything that is not a regular file. Procfs files (size 0)
  // are read to EOF, up to max_bytes.
  [[nodiscard]] Result<std::string> read(std::string_view path, std::size_t max_bytes) const;
  // At most max_bytes from the start of a regular file (never an error for size).
  [[nodiscard]] Result<std::string> read_prefix(std::string_view path, std::size_t max_bytes) const;
  // Directory entries (without "." and ".."), at most max_entries.
  [[nodiscard]] Result<std::vector<DirEntry>> list(std::string_view path,
                                                   std::size_t max_entries = 65536) const;
  // stat of the object itself (lstat) or of what it resolves to in the root.
  [[nodiscard]] Result<struct stat> lstat(std::string_view path) const;
  [[nodiscard]] Result<struct stat> stat(std::string_view path) const;
  [[nodiscard]] Result<std::string> readlink(std::string_view path) const;
  [[nodiscard]] bool exists(std::string_view path) const { return lstat(path).ok(); }
  [[nodiscard]] bool is_dir(std::string_view path) const;
  [[nodiscard]] bool is_file(std::string_view path) const;

  // Walks the tree under top (a directory that is not itself a symlink) with
  // descriptors: symlinks are reported, never followed; directories are
  // entered once; depth and entry count are capped. Returns false when a cap
  // stopped the walk early. skip(path) keeps a directory from being entered.
  struct WalkLimits {
    std::size_t max_entries = 200000;
    unsigned max_depth = 24;
  };
  using WalkVisitor = std::function<void(const std::string& path, const struct stat& st)>;
  bool walk(std::string_view top, const WalkLimits& limits, std::size_t& entries,
            const std::function<bool(const std::string&)>& skip, const WalkVisitor& fn) const;

 private:
  Root(int fd, std::string dir, RootKind kind, bool use_openat2)
      : fd_(fd), dir_(std::move(dir)), kind_(kind), openat2_(use_openat2) {}
  // An O_PATH (or flags) descriptor for path inside the root; follow_last
  // decides whether a symlink in the last component is followed.
  [[nodiscard]] Result<int> resolve(std::string_view path, int flags, bool follow_last) const;
  [[nodiscard]] Result<int> resolve_fallback(std::string_view path, int flags,
                                             bool follow_last) const;
  // The directory holding path's last component, and that component.
  [[nodiscard]] Result<int> parent(std::string_view path, std::string& last) const;

  int fd_ = -1;
  std::string dir_;
  RootKind kind_ = RootKind::firmware;
  bool openat2_ = true;
};

// "a/b" + "c" -> "a/b/c"; keeps a single leading "/".
std::string join(std::string_view dir, std::string_view name);

}  // namespace iotguard::audit
