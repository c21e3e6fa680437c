// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <algorithm>
#include <utility>
#include <vector>

namespace iotguard {

Result<MappedFile> MappedFile::open(const std::string& path, std::uint64_t max_size, bool nofollow,
                                    std::uint64_t* too_large_size) {
  // O_NONBLOCK so that a FIFO swapped in after a stat() cannot block us.
  int fd = ::open(path.c_str(),
                  O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (nofollow ? O_NOFOLLOW : 0));
  if (fd < 0) return Error{std::string("cannot open: ") + std::strerror(errno)};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int e = errno;
    ::close(fd);
    return Error{std::string("cannot stat: ") + std::strerror(e)};
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Error{"not a regular file"};
  }
  if (static_cast<std::uint64_t>(st.st_size) > max_size) {
    ::close(fd);
    if (too_large_size != nullptr) *too_large_size = static_cast<std::uint64_t>(st.st_size);
    return Error{"file too large (" + std::to_string(st.st_size) + " bytes, limit " +
                 std::to_string(max_size) + ")"};
  }
  MappedFile mf;
  mf.size_ = static_cast<std::size_t>(st.st_size);
  if (mf.size_ > 0) {
    void* p = ::mmap(nullptr, mf.size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      int e = errno;
      ::close(fd);
      return Error{std::string("cannot map: ") + std::strerror(e)};
    }
    mf.data_ = static_cast<const std::uint8_t*>(p);
  }
  ::close(fd);
  return mf;
}

bool file_holds(const std::string& path, Bytes bytes, bool nofollow) {
  const int fd = ::open(path.c_str(),
                        O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (nofollow ? O_NOFOLLOW : 0));
  if (fd < 0) return false;
  struct stat st {};
  bool same = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
              static_cast<std::uint64_t>(st.st_size) == bytes.size();
  thread_local std::vector<std::uint8_t> buf(256 * 1024);
  std::size_t at = 0;
  while (same && at < bytes.size()) {
    const std::size_t want = std::min(buf.size(), bytes.size() - at);
    const ssize_t n = ::pread(fd, buf.data(), want, static_cast<off_t>(at));
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      same = false;
      break;
    }
    same = std::memcmp(buf.data(), bytes.data() + at, static_cast<std::size_t>(n)) == 0;
    at += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return same;
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) ::munmap(const_cast<std::uint8_t*>(data_), size_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(const_cast<std::uint8_t*>(data_), size_);
}

}  // namespace iotguard
