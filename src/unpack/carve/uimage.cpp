// SPDX-License-Identifier: GPL-2.0-or-later
#include "unpack/carve/uimage.h"

#include <zlib.h>

#include <array>
#include <cstring>

namespace iotguard::unpack::carve {
namespace {
constexpr std::uint8_t kTypeMulti = 4;
constexpr std::size_t kMaxMultiParts = 16;
}  // namespace

std::string UImage::type_name() const {
  static constexpr std::array<const char*, 8> kNames = {
      "invalid", "standalone", "kernel", "ramdisk", "multi", "firmware", "script", "filesystem"};
  return type < kNames.size() ? kNames[type] : "type-" + std::to_string(type);
}

std::string UImage::comp_name() const {
  static constexpr std::array<const char*, 7> kNames = {"none", "gzip", "bzip2", "lzma",
                                                        "lzo",  "lz4",  "zstd"};
  return comp < kNames.size() ? kNames[comp] : "comp-" + std::to_string(comp);
}

std::optional<UImage> parse_uimage(const ByteView& data, std::uint64_t offset) {
  const auto hdr = data.slice(offset, kUImageHeaderSize);
  if (!hdr || data.read<std::uint32_t>(offset, Endian::big) != kUImageMagic) return std::nullopt;
  std::array<std::uint8_t, kUImageHeaderSize> copy{};
  std::memcpy(copy.data(), hdr->data(), copy.size());
  const std::uint32_t hcrc = *data.read<std::uint32_t>(offset + 4, Endian::big);
  std::memset(copy.data() + 4, 0, 4);
  if (::crc32(0L, copy.data(), static_cast<uInt>(copy.size())) != hcrc) return std::nullopt;

  UImage u;
  u.data_size = *data.read<std::uint32_t>(offset + 12, Endian::big);
  u.os = (*hdr)[28];
  u.arch = (*hdr)[29];
  u.type = (*hdr)[30];
  u.comp = (*hdr)[31];
  u.name = std::string(*ByteView(*hdr).cstring(32, 32));
  if (!data.contains(offset + kUImageHeaderSize, u.data_size)) return std::nullopt;

  if (u.type != kTypeMulti) {
    u.parts.emplace_back(kUImageHeaderSize, u.data_size);
    return u;
  }
  // Multi-file: a zero-terminated table of big-endian sizes, then the images,
  // each padded to 4 bytes.
  const std::uint64_t end = kUImageHeaderSize + u.data_size;
  std::vector<std::uint32_t> sizes;
  std::uint64_t pos = kUImageHeaderSize;
  for (;;) {
    if (pos + 4 > end || sizes.size() > kMaxMultiParts) return u;  // malformed: no parts
    const std::uint32_t s = *data.read<std::uint32_t>(offset + pos, Endian::big);
    pos += 4;
    if (s == 0) break;
    sizes.push_back(s);
  }
  for (std::uint32_t s : sizes) {
    if (pos + s > end) break;
    u.parts.emplace_back(pos, s);
    pos += (static_cast<std::uint64_t>(s) + 3) & ~UINT64_C(3);
  }
  return u;
}

}  // namespace iotguard::unpack::carve
