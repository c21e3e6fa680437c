// SPDX-License-Identifier: GPL-2.0-or-later
#include "audit/root.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <set>

namespace iotguard::audit {
namespace {

constexpr int kMaxSymlinks = 40;  // as the kernel's MAXSYMLINKS

Error errno_error(std::string_view what, std::string_view path, int err) {
  return Error{std::string(what) + " " + std::string(path) + ": " + std::strerror(err)};
}

std::vector<std::string> split_path(std::string_view p) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < p.size()) {
    while (i < p.size() && p[i] == '/') ++i;
    std::size_t j = i;
    while (j < p.size() && p[j] != '/') ++j;
    if (j > i) out.emplace_back(p.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string rel(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) {
    if (!s.empty()) s += '/';
    s += p;
  }
  return s.empty() ? "." : s;
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

Result<std::string> read_fd(int fd, std::string_view path, std::size_t max_bytes, bool exact) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return errno_error("stat", path, errno);
  if (!S_ISREG(st.st_mode)) return Error{std::string(path) + ": not a regular file"};
  if (exact && static_cast<std::uint64_t>(st.st_size) > max_bytes)
    return Error{std::string(path) + ": larger than " + std::to_string(max_bytes) + " bytes"};
  std::string out;
  out.resize(std::min<std::size_t>(max_bytes, st.st_size > 0 ? st.st_size : 65536));
  std::size_t have = 0;
  for (;;) {
    if (have == out.size()) {
      if (out.size() >= max_bytes) break;
      out.resize(std::min(max_bytes, out.size() * 2));
    }
    const ssize_t n = ::read(fd, out.data() + have, out.size() - have);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_error("read", path, errno);
    }
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  if (exact && have == max_bytes) {
    char probe = 0;
    if (::read(fd, &probe, 1) > 0)
      return Error{std::string(path) + ": larger than " + std::to_string(max_bytes) + " bytes"};
  }
  out.resize(have);
  return out;
}

}  // namespace

std::string join(std::string_view dir, std::string_view name) {
  std::string s(dir);
  if (s.empty() || s.back() != '/') s += '/';
  while (!name.empty() && name.front() == '/') name.remove_prefix(1);
  s += name;
  return s;
}

Result<Root> Root::open(const std::string& dir, RootKind kind, bool force_fallback) {
  const int fd = ::open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno_error("open root", dir, errno);
  bool use_openat2 = !force_fallback;
  if (use_openat2) {
    // Probe once: older kernels (< 5.6) or seccomp filters answer ENOSYS/EPERM.
    open_how how{};
    how.flags = O_PATH | O_CLOEXEC;
    how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
    const long r = ::syscall(SYS_openat2, fd, ".", &how, sizeof how);
    if (r < 0)
      use_openat2 = false;
    else
      ::close(static_cast<int>(r));
  }
  return Root(fd, dir, kind, use_openat2);
}

Root::Root(Root&& o) noexcept
    : fd_(std::exchange(o.fd_, -1)),
      dir_(std::move(o.dir_)),
      kind_(o.kind_),
      openat2_(o.openat2_) {}

Root& Root::operator=(Root&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(o.fd_, -1);
    dir_ = std::move(o.dir_);
    kind_ = o.kind_;
    openat2_ = o.openat2_;
  }
  return *this;
}

Root::~Root() {
  if (fd_ >= 0) ::close(fd_);
}

Result<int> Root::resolve(std::string_view path, int flags, bool follow_last) const {
  if (!openat2_) return resolve_fallback(path, flags, follow_last);
  open_how how{};
  how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC | (follow_last ? 0 : O_NOFOLLOW));
  how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
  const std::string r = rel(split_path(path));
  for (;;) {
    const long fd = ::syscall(SYS_openat2, fd_, r.c_str(), &how, sizeof how);
    if (fd >= 0) return static_cast<int>(fd);
    if (errno == EAGAIN || errno == EINTR) continue;  // a rename raced the lookup
    return errno_error("open", path, errno);
  }
}

// Portable resolution: walk the components from the root with O_NOFOLLOW,
// expand symlinks ourselves (absolute targets restart at the root), clamp ".."
// at the root.
Result<int> Root::resolve_fallback(std::string_view path, int flags, bool follow_last) const {
  std::vector<std::string> done;
  std::deque<std::string> todo;
  for (auto& c : split_path(path)) todo.push_back(std::move(c));
  int links = 0;
  while (!todo.empty()) {
    std::string c = std::move(todo.front());
    todo.pop_front();
    if (c == ".") continue;
    if (c == "..") {
      if (!done.empty()) done.pop_back();
      continue;
    }
    done.push_back(c);
    const std::string r = rel(done);
    struct stat st {};
    if (::fstatat(fd_, r.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
      return errno_error("open", path, errno);
    if (!S_ISLNK(st.st_mode)) continue;
    if (todo.empty() && !follow_last) break;
    if (++links > kMaxSymlinks) return errno_error("open", path, ELOOP);
    char buf[4096];
    const ssize_t n = ::readlinkat(fd_, r.c_str(), buf, sizeof buf);
    if (n < 0) return errno_error("readlink", path, errno);
    const std::string_view target(buf, static_cast<std::size_t>(n));
    done.pop_back();
    if (!target.empty() && target.front() == '/') done.clear();
    auto parts = split_path(target);
    todo.insert(todo.begin(), parts.begin(), parts.end());
  }
  const int fd = ::openat(fd_, rel(done).c_str(), flags | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return errno_error("open", path, errno);
  return fd;
}

Result<int> Root::parent(std::string_view path, std::string& last) const {
  auto parts = split_path(path);
  // ".." or "." as a last component would name the parent's parent: resolve it fully instead.
  if (parts.empty() || parts.back() == ".." || parts.back() == ".") {
    last = ".";
    return resolve(path, O_PATH | O_DIRECTORY, true);
  }
  last = parts.back();
  parts.pop_back();
  return resolve(rel(parts), O_PATH | O_DIRECTORY, true);
}

Result<std::string> Root::read(std::string_view path, std::size_t max_bytes) const {
  auto fd = resolve(path, O_RDONLY | O_NONBLOCK, true);
  if (!fd) return fd.error();
  Fd f(*fd);
  return read_fd(f.get(), path, max_bytes, true);
}

Result<std::string> Root::read_prefix(std::string_view path, std::size_t max_bytes) const {
  auto fd = resolve(path, O_RDONLY | O_NONBLOCK, true);
  if (!fd) return fd.error();
  Fd f(*fd);
  return read_fd(f.get(), path, max_bytes, false);
}

Result<std::vector<DirEntry>> Root::list(std::string_view path, std::size_t max_entries) const {
  auto fd = resolve(path, O_RDONLY | O_DIRECTORY, true);
  if (!fd) return fd.error();
  DIR* d = ::fdopendir(*fd);
  if (d == nullptr) {
    const int err = errno;
    ::close(*fd);
    return errno_error("opendir", path, err);
  }
  std::vector<DirEntry> out;
  while (out.size() < max_entries) {
    errno = 0;
    const dirent* e = ::readdir(d);
    if (e == nullptr) break;
    const std::string_view n = e->d_name;
    if (n == "." || n == "..") continue;
    DirEntry de{std::string(n), e->d_type};
    if (de.type == DT_UNKNOWN) {
      struct stat st {};
      if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISREG(st.st_mode))
          de.type = DT_REG;
        else if (S_ISDIR(st.st_mode))
          de.type = DT_DIR;
        else if (S_ISLNK(st.st_mode))
          de.type = DT_LNK;
      }
    }
    out.push_back(std::move(de));
  }
  ::closedir(d);
  return out;
}

Result<struct stat> Root::lstat(std::string_view path) const {
  std::string last;
  auto dir = parent(path, last);
  if (!dir) return dir.error();
  Fd f(*dir);
  struct stat st {};
  if (::fstatat(f.get(), last.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
    return errno_error("stat", path, errno);
  return st;
}

Result<struct stat> Root::stat(std::string_view path) const {
  auto fd = resolve(path, O_PATH, true);
  if (!fd) return fd.error();
  Fd f(*fd);
  struct stat st {};
  if (::fstat(f.get(), &st) != 0) return errno_error("stat", path, errno);
  return st;
}

Result<std::string> Root::readlink(std::string_view path) const {
  std::string last;
  auto dir = parent(path, last);
  if (!dir) return dir.error();
  Fd f(*dir);
  char buf[4096];
  const ssize_t n = ::readlinkat(f.get(), last.c_str(), buf, sizeof buf);
  if (n < 0) return errno_error("readlink", path, errno);
  return std::string(buf, static_cast<std::size_t>(n));
}

bool Root::is_dir(std::string_view path) const {
  auto st = stat(path);
  return st && S_ISDIR(st->st_mode);
}

bool Root::is_file(std::string_view path) const {
  auto st = stat(path);
  return st && S_ISREG(st->st_mode);
}

namespace {

struct WalkState {
  const Root::WalkLimits& limits;
  std::size_t& entries;
  const std::function<bool(const std::string&)>& skip;
  const Root::WalkVisitor& fn;
  std::set<std::pair<dev_t, ino_t>> seen;
  bool complete = true;
};

// dirfd is owned by this call. Names from readdir hold no '/', and every open
// uses O_NOFOLLOW, so the walk cannot leave the directory it was given.
void walk_dir(int dirfd, const std::string& path, unsigned depth, WalkState& w) {
  DIR* d = ::fdopendir(dirfd);
  if (d == nullptr) {
    ::close(dirfd);
    return;
  }
  while (const dirent* e = ::readdir(d)) {
    const std::string_view n = e->d_name;
    if (n == "." || n == "..") continue;
    if (w.entries >= w.limits.max_entries) {
      w.complete = false;
      break;
    }
    struct stat st {};
    if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    ++w.entries;
    const std::string p = join(path, n);
    w.fn(p, st);
    if (!S_ISDIR(st.st_mode) || w.skip(p) || !w.seen.emplace(st.st_dev, st.st_ino).second) continue;
    if (depth + 1 > w.limits.max_depth) {
      w.complete = false;
      continue;
    }
    const int sub =
        ::openat(::dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (sub >= 0) walk_dir(sub, p, depth + 1, w);
  }
  ::closedir(d);
}

}  // namespace

bool Root::walk(std::string_view top, const WalkLimits& limits, std::size_t& entries,
                const std::function<bool(const std::string&)>& skip, const WalkVisitor& fn) const {
  auto fd = resolve(top, O_RDONLY | O_DIRECTORY, false);
  if (!fd) return true;  // absent, or a symlink: nothing to walk
  WalkState w{limits, entries, skip, fn, {}, true};
  struct stat st {};
  if (::fstat(*fd, &st) == 0) {
    w.seen.emplace(st.st_dev, st.st_ino);
    fn(std::string(top), st);
  }
  walk_dir(*fd, std::string(top), 1, w);
  return w.complete;
}

}  // namespace iotguard::audit
