// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
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

Result<OpenFile> OpenFile::open(const std::string& path, bool nofollow) {
  const int fd = ::open(path.c_str(),
                        O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (nofollow ? O_NOFOLLOW : 0));
  if (fd < 0) return Error{std::string("cannot open: ") + std::strerror(errno)};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Error{"not a regular file"};
  }
  return OpenFile(fd, static_cast<std::uint64_t>(st.st_size));
}

OpenFile::OpenFile(OpenFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), size_(other.size_) {}

OpenFile::~OpenFile() {
  if (fd_ >= 0) ::close(fd_);
}

bool read_exactly(int fd, void* buf, std::size_t n, std::uint64_t offset) {
  auto* p = static_cast<std::uint8_t*>(buf);
  std::size_t got = 0;
  while (got < n) {
    const ssize_t r = ::pread(fd, p + got, n - got, static_cast<off_t>(offset + got));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    got += static_cast<std::size_t>(r);
  }
  return true;
}

bool same_bytes(const OpenFile& a, const OpenFile& b) {
  if (a.size() != b.size()) return false;
  constexpr std::size_t kBlock = 128 * 1024;
  thread_local std::vector<std::uint8_t> buf(2 * kBlock);
  std::uint8_t* pa = buf.data();
  std::uint8_t* pb = buf.data() + kBlock;
  for (std::uint64_t at = 0; at < a.size(); at += kBlock) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kBlock, a.size() - at));
    if (!read_exactly(a.fd(), pa, n, at) || !read_exactly(b.fd(), pb, n, at)) return false;
    if (std::memcmp(pa, pb, n) != 0) return false;
  }
  return true;
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
