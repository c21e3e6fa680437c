// SPDX-License-Identifier: GPL-2.0-or-later
// Bounds-checked access to untrusted bytes. Every read says whether it fit;
// nothing here can read outside the span it was given.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace iotguard {

using Bytes = std::span<const std::uint8_t>;

enum class Endian { little, big };

class ByteView {
 public:
  ByteView() = default;
  explicit ByteView(Bytes bytes) : bytes_(bytes) {}

  [[nodiscard]] std::size_t size() const { return bytes_.size(); }
  [[nodiscard]] Bytes bytes() const { return bytes_; }

  // True when [offset, offset+length) lies inside the view, without overflow.
  [[nodiscard]] bool contains(std::uint64_t offset, std::uint64_t length) const {
    return offset <= bytes_.size() && length <= bytes_.size() - offset;
  }

  // The sub-range, or nothing when it does not fit.
  [[nodiscard]] std::optional<Bytes> slice(std::uint64_t offset, std::uint64_t length) const {
    if (!contains(offset, length)) return std::nullopt;
    return bytes_.subspan(static_cast<std::size_t>(offset), static_cast<std::size_t>(length));
  }

  // The part of [offset, offset+length) that lies inside the view (maybe empty).
  [[nodiscard]] Bytes clamp(std::uint64_t offset, std::uint64_t length) const {
    if (offset >= bytes_.size()) return {};
    std::uint64_t avail = bytes_.size() - offset;
    return bytes_.subspan(static_cast<std::size_t>(offset),
                          static_cast<std::size_t>(length < avail ? length : avail));
  }

  template <class T>
  [[nodiscard]] std::optional<T> read(std::uint64_t offset, Endian endian) const {
    static_assert(std::is_unsigned_v<T>);
    if (!contains(offset, sizeof(T))) return std::nullopt;
    T v = 0;
    const std::uint8_t* p = bytes_.data() + offset;
    if (endian == Endian::little) {
      for (std::size_t i = sizeof(T); i-- > 0;) v = static_cast<T>((v << 8) | p[i]);
    } else {
      for (std::size_t i = 0; i < sizeof(T); ++i) v = static_cast<T>((v << 8) | p[i]);
    }
    return v;
  }

  // A NUL-terminated string starting at offset, at most max_len bytes, never
  // past the end of the view. Unterminated strings are cut at the limit.
  [[nodiscard]] std::optional<std::string_view> cstring(std::uint64_t offset,
                                                        std::size_t max_len = 4096) const {
    if (offset >= bytes_.size()) return std::nullopt;
    const char* start = reinterpret_cast<const char*>(bytes_.data() + offset);
    std::size_t avail = bytes_.size() - static_cast<std::size_t>(offset);
    if (avail > max_len) avail = max_len;
    std::size_t n = 0;
    while (n < avail && start[n] != '\0') ++n;
    return std::string_view(start, n);
  }

 private:
  Bytes bytes_;
};

}  // namespace iotguard
