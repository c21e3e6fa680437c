// SPDX-License-Identifier: GPL-2.0-or-later
// Read-only memory mapping of a file: objects are mapped, never copied.
#pragma once

#include <cstdint>
#include <string>

#include "core/byte_view.h"
#include "core/result.h"

namespace iotguard {

class MappedFile {
 public:
  // Opens a regular file read-only and maps it. Refuses anything that is not a
  // regular file (devices, FIFOs would block or never end) and anything larger
  // than max_size (its size then goes to *too_large_size when given, so a
  // caller that knows why it set the limit can say so). With nofollow, a
  // symlink as the last component is refused.
  static Result<MappedFile> open(const std::string& path,
                                 std::uint64_t max_size = UINT64_C(4) << 30, bool nofollow = false,
                                 std::uint64_t* too_large_size = nullptr);

  MappedFile() = default;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  [[nodiscard]] Bytes bytes() const { return {data_, size_}; }
  [[nodiscard]] std::size_t size() const { return size_; }

 private:
  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
};

// A regular file open for reading, not mapped: for looks that need no
// page-table work to undo (dedupe's sketch and comparisons).
class OpenFile {
 public:
  // O_NOFOLLOW unless told; an error for anything but a regular file.
  static Result<OpenFile> open(const std::string& path, bool nofollow);
  OpenFile(OpenFile&& other) noexcept;
  OpenFile& operator=(OpenFile&&) = delete;
  OpenFile(const OpenFile&) = delete;
  ~OpenFile();
  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] std::uint64_t size() const { return size_; }

 private:
  OpenFile(int fd, std::uint64_t size) : fd_(fd), size_(size) {}
  int fd_ = -1;
  std::uint64_t size_ = 0;
};

// Reads exactly n bytes at `offset` (retrying short reads and EINTR);
// false when the file ends first or a read fails.
bool read_exactly(int fd, void* buf, std::size_t n, std::uint64_t offset);

// Whether two open files hold the same bytes, read block by block; false
// when their sizes differ or a read comes up short.
bool same_bytes(const OpenFile& a, const OpenFile& b);

}  // namespace iotguard
