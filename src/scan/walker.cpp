// SPDX-License-Identifier: GPL-2.0-or-later
#include "scan/walker.h"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <utility>

namespace iotguard::scan {
namespace {

class Walker {
 public:
  Walker(const WalkOptions& o, const std::atomic<bool>& stop, WalkResult& r)
      : o_(o), stop_(stop), r_(r) {}

  void root(std::string path) {
    // "dir/" and "dir" name the same tree; keep reported paths free of "//".
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    struct stat st {};
    // A path named by the user may be a symlink: follow it (stat, not lstat).
    if (::stat(path.c_str(), &st) != 0) {
      r_.errors.push_back({path, std::strerror(errno)});
      return;
    }
    if (S_ISDIR(st.st_mode)) {
      int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (fd < 0) {
        r_.errors.push_back({path, std::strerror(errno)});
        return;
      }
      if (!seen_dirs_.emplace(st.st_dev, st.st_ino).second) {
        ::close(fd);
        return;
      }
      dir(fd, path, 0);  // takes ownership of fd
    } else {
      struct stat link {};
      file(path, st, ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode));
    }
  }

 private:
  bool excluded(const std::string& path, const char* name) const {
    for (const auto& g : o_.excludes)
      if (::fnmatch(g.c_str(), path.c_str(), 0) == 0 || ::fnmatch(g.c_str(), name, 0) == 0)
        return true;
    return false;
  }

  void file(const std::string& path, const struct stat& st, bool named_symlink = false) {
    if (!S_ISREG(st.st_mode)) {
      ++r_.special;
      return;
    }
    if (!seen_files_.emplace(st.st_dev, st.st_ino).second) {
      ++r_.hardlinks;  // another name for an inode already listed
      return;
    }
    if (static_cast<std::uint64_t>(st.st_size) > o_.max_filesize) {
      r_.skipped.push_back(
          {path, "larger than --max-filesize (" + std::to_string(st.st_size) + " bytes)"});
      return;
    }
    FileEntry e;
    e.path = path;
    e.named_symlink = named_symlink;
    e.dev = st.st_dev;
    e.ino = st.st_ino;
    e.size = static_cast<std::uint64_t>(st.st_size);
    e.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    r_.bytes += e.size;
    r_.files.push_back(std::move(e));
  }

  // Reads one directory through its fd; entries are opened relative to it with
  // O_NOFOLLOW so a swapped-in symlink cannot lead the walk out of the tree.
  void dir(int fd, const std::string& path, int depth) {
    DIR* d = ::fdopendir(fd);
    if (d == nullptr) {
      r_.errors.push_back({path, std::strerror(errno)});
      ::close(fd);
      return;
    }
    std::vector<std::string> names;
    while (dirent* de = ::readdir(d)) {
      if (std::strcmp(de->d_name, ".") == 0 || std::strcmp(de->d_name, "..") == 0) continue;
      names.emplace_back(de->d_name);
    }
    // Sorted so output order is stable from run to run.
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
      if (stop_.load(std::memory_order_relaxed)) break;
      const std::string child = path == "/" ? "/" + name : path + "/" + name;
      if (excluded(child, name.c_str())) {
        ++r_.excluded;
        continue;
      }
      struct stat st {};
      if (::fstatat(::dirfd(d), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        r_.errors.push_back({child, std::strerror(errno)});
        continue;
      }
      if (S_ISLNK(st.st_mode)) {
        ++r_.symlinks;
        continue;
      }
      if (S_ISDIR(st.st_mode)) {
        if (depth + 1 > o_.max_depth) {
          r_.skipped.push_back({child, "deeper than the directory depth limit"});
          continue;
        }
        if (!seen_dirs_.emplace(st.st_dev, st.st_ino).second) continue;
        int cfd =
            ::openat(::dirfd(d), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (cfd < 0) {
          r_.errors.push_back({child, std::strerror(errno)});
          continue;
        }
        dir(cfd, child, depth + 1);
      } else {
        file(child, st);
      }
    }
    ::closedir(d);
  }

  const WalkOptions& o_;
  const std::atomic<bool>& stop_;
  WalkResult& r_;
  std::set<std::pair<dev_t, ino_t>> seen_files_, seen_dirs_;
};

}  // namespace

WalkResult walk(const std::vector<std::string>& roots, const WalkOptions& options,
                const std::atomic<bool>& stop) {
  WalkResult r;
  Walker w(options, stop, r);
  for (const auto& root : roots) {
    if (stop.load()) break;
    w.root(root);
  }
  return r;
}

}  // namespace iotguard::scan
