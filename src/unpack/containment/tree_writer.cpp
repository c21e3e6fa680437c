// SPDX-License-Identifier: GPL-2.0-or-later
#include "unpack/containment/tree_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "unpack/containment/entry_path.h"
#include "unpack/containment/unique_fd.h"

namespace iotguard::unpack {
namespace {

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
constexpr std::size_t kChunk = 64 * 1024;

nlohmann::json example(const Entry& e, std::string_view why = {}) {
  nlohmann::json j = {{"entry", e.path}};
  if (!why.empty()) j["reason"] = why;
  return j;
}

std::string mode_octal(std::uint32_t m) { return fmt::format("{:04o}", m & 07777); }

// Why a component could not be opened as a directory: a symlink (an attempt
// to write through it) or another kind of file (a clash).
bool is_symlink_at(int dirfd, const std::string& name) {
  struct stat st {};
  return ::fstatat(dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
}

}  // namespace

TreeWriter::TreeWriter(int layer_dirfd, std::uint64_t layer_input, Budget& budget, IncidentLog& log)
    : root_(layer_dirfd), input_(layer_input), budget_(budget), log_(log) {}

Outcome TreeWriter::stop(const Entry& e, const std::string& reason) {
  stopped_ = true;
  log_.add(rules::kLimitReached, {{"entry", e.path}, {"limit", reason}});
  return Outcome::stop_layer;
}

bool TreeWriter::check_time(const Entry& e) {
  if (budget_.time_left()) return true;
  stop(e, budget_.reason());
  return false;
}

Outcome TreeWriter::add(const Entry& e, const ReadFn& data) {
  if (stopped_) return Outcome::stop_layer;
  if (!check_time(e)) return Outcome::stop_layer;

  switch (e.type) {
    case EntryType::chardev:
    case EntryType::blockdev:
      log_.add(rules::kDeviceNodeSkipped, example(e));
      if (on_mode_dropped) {
        const EntryPath dp = sanitize_entry_path(e.path, budget_.limits().max_path_components);
        if (dp.problem == PathProblem::none) on_mode_dropped(e, dp.joined());
      }
      return Outcome::skipped;
    case EntryType::fifo:
    case EntryType::socket:
      log_.add(rules::kSpecialFileSkipped, example(e));
      return Outcome::skipped;
    case EntryType::unknown:
      log_.add(rules::kBadEntry, example(e, "unknown entry type"));
      return Outcome::skipped;
    default:
      break;
  }

  const EntryPath p = sanitize_entry_path(e.path, budget_.limits().max_path_components);
  switch (p.problem) {
    case PathProblem::none:
      break;
    case PathProblem::traversal:
      log_.add(rules::kPathTraversal, example(e));
      return Outcome::skipped;
    case PathProblem::empty:
      if (e.type != EntryType::dir) log_.add(rules::kBadEntry, example(e, "empty name"));
      return Outcome::skipped;
    case PathProblem::too_deep:
      log_.add(rules::kBadEntry, example(e, "too many path components"));
      return Outcome::skipped;
    case PathProblem::bad_component:
      log_.add(rules::kBadEntry, example(e, "component longer than NAME_MAX"));
      return Outcome::skipped;
  }
  if (p.absolute) log_.add(rules::kAbsolutePath, example(e));
  if ((e.mode & 07000) != 0 && (e.type == EntryType::file || e.type == EntryType::dir)) {
    log_.add(rules::kSetuidStripped, {{"entry", e.path}, {"mode", mode_octal(e.mode)}});
    if (on_mode_dropped) on_mode_dropped(e, p.joined());
  }

  // Walk (and create) the parent directories one component at a time; a
  // component that is a symlink stops the walk: O_NOFOLLOW never follows it.
  UniqueFd parent(::fcntl(root_, F_DUPFD_CLOEXEC, 0));
  if (!parent.valid()) return stop(e, fmt::format("fcntl: {}", std::strerror(errno)));
  const std::size_t dirs = e.type == EntryType::dir ? p.parts.size() : p.parts.size() - 1;
  for (std::size_t i = 0; i < dirs; ++i) {
    const std::string& name = p.parts[i];
    int fd = ::openat(parent.get(), name.c_str(), kDirFlags);
    if (fd < 0 && errno == ENOENT) {
      if (!budget_.charge_file()) return stop(e, budget_.reason());
      ++files_;
      if (::mkdirat(parent.get(), name.c_str(), 0755) != 0 && errno != EEXIST)
        return stop(e, fmt::format("mkdir: {}", std::strerror(errno)));
      fd = ::openat(parent.get(), name.c_str(), kDirFlags);
    }
    if (fd < 0) {
      if (is_symlink_at(parent.get(), name))
        log_.add(rules::kSymlinkEscape, example(e, fmt::format("'{}' is a symlink", name)));
      else
        log_.add(rules::kPathConflict, example(e, fmt::format("'{}' is not a directory", name)));
      return Outcome::skipped;
    }
    parent = UniqueFd(fd);
  }

  if (e.type == EntryType::dir) {
    // Owner keeps rwx so the tree can always be read and removed.
    if (::fchmod(parent.get(), static_cast<mode_t>((e.mode & 0777) | 0700)) != 0)
      return stop(e, fmt::format("chmod: {}", std::strerror(errno)));
    if (progress) progress(files_, bytes_);
    return Outcome::written;
  }

  const std::string& name = p.parts.back();
  struct stat st {};
  if (::fstatat(parent.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
    // A later entry with the same name replaces an earlier one (tar
    // semantics); unlinkat removes a symlink itself, never its target.
    if (S_ISDIR(st.st_mode)) {
      log_.add(rules::kPathConflict, example(e, "a directory of that name exists"));
      return Outcome::skipped;
    }
    if (::unlinkat(parent.get(), name.c_str(), 0) != 0)
      return stop(e, fmt::format("unlink: {}", std::strerror(errno)));
  }

  if (!budget_.charge_file()) return stop(e, budget_.reason());
  ++files_;
  Outcome out = Outcome::written;
  switch (e.type) {
    case EntryType::symlink:
      if (e.link.empty() || e.link.size() >= 4096) {
        log_.add(rules::kBadEntry, example(e, "empty or over-long symlink target"));
        return Outcome::skipped;
      }
      // Stored as it is: the audit Root resolves it inside the tree, never outside.
      if (::symlinkat(e.link.c_str(), parent.get(), name.c_str()) != 0)
        return stop(e, fmt::format("symlink: {}", std::strerror(errno)));
      break;
    case EntryType::hardlink: {
      const EntryPath t = sanitize_entry_path(e.link, budget_.limits().max_path_components);
      if (t.problem == PathProblem::traversal) {
        log_.add(rules::kPathTraversal, example(e, fmt::format("hard link to '{}'", e.link)));
        return Outcome::skipped;
      }
      if (t.problem != PathProblem::none) {
        log_.add(rules::kBadEntry, example(e, "bad hard link target"));
        return Outcome::skipped;
      }
      UniqueFd tdir(::fcntl(root_, F_DUPFD_CLOEXEC, 0));
      for (std::size_t i = 0; tdir.valid() && i + 1 < t.parts.size(); ++i) {
        const int fd = ::openat(tdir.get(), t.parts[i].c_str(), kDirFlags);
        if (fd < 0 && is_symlink_at(tdir.get(), t.parts[i])) {
          log_.add(rules::kSymlinkEscape,
                   example(e, fmt::format("hard link target passes through '{}'", t.parts[i])));
          return Outcome::skipped;
        }
        tdir = UniqueFd(fd);
      }
      // flags 0: linkat never follows a symlink target, it links the link.
      if (!tdir.valid() ||
          ::linkat(tdir.get(), t.parts.back().c_str(), parent.get(), name.c_str(), 0) != 0) {
        log_.add(rules::kBadEntry, example(e, "hard link target missing"));
        return Outcome::skipped;
      }
      break;
    }
    default:
      out = write_file(parent.get(), name, e, data);
      break;
  }
  if (progress && (files_ % 256) == 0) progress(files_, bytes_);
  return out;
}

Outcome TreeWriter::write_file(int parent, const std::string& name, const Entry& e,
                               const ReadFn& data) {
  UniqueFd fd(
      ::openat(parent, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (!fd.valid()) return stop(e, fmt::format("create: {}", std::strerror(errno)));
  if (::fchmod(fd.get(), static_cast<mode_t>((e.mode & 0777) | 0600)) != 0)
    return stop(e, fmt::format("chmod: {}", std::strerror(errno)));
  if (!data) return Outcome::written;
  std::vector<std::uint8_t> buf(kChunk);
  for (;;) {
    if (!check_time(e)) return Outcome::stop_layer;
    const long n = data(buf.data(), buf.size());
    if (n == 0) break;
    if (n < 0) {
      if (data_error_.empty()) data_error_ = fmt::format("reading '{}' failed", e.path);
      return Outcome::skipped;
    }
    const auto len = static_cast<std::uint64_t>(n);
    const std::uint64_t input = input_probe ? std::min(input_, input_probe()) : input_;
    if (!budget_.charge_bytes(len, bytes_ + len, input)) {
      std::string why = budget_.take_layer_stop_reason();
      return stop(e, why.empty() ? budget_.reason() : why);
    }
    bytes_ += len;
    std::size_t done = 0;
    while (done < len) {
      const ssize_t w = ::write(fd.get(), buf.data() + done, len - done);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) return stop(e, fmt::format("write: {}", std::strerror(errno)));
      done += static_cast<std::size_t>(w);
    }
  }
  return Outcome::written;
}

}  // namespace iotguard::unpack
