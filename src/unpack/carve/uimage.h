// SPDX-License-Identifier: GPL-2.0-or-later
// The legacy U-Boot image header (u-boot include/image.h, "legacy_img_hdr"):
// 64 bytes, big-endian, magic 0x27051956, header CRC-32 over the header with
// ih_hcrc zeroed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/byte_view.h"

namespace iotguard::unpack::carve {

inline constexpr std::uint32_t kUImageMagic = 0x27051956;
inline constexpr std::uint64_t kUImageHeaderSize = 64;

struct UImage {
  std::uint32_t data_size = 0;
  std::uint8_t os = 0, arch = 0, type = 0, comp = 0;
  std::string name;
  // Payload ranges relative to the header start: one, or one per sub-image
  // for a multi-file image (type 4).
  std::vector<std::pair<std::uint64_t, std::uint64_t>> parts;  // (offset, length)
  [[nodiscard]] std::string type_name() const;
  [[nodiscard]] std::string comp_name() const;
};

// The header at offset when its magic and header CRC hold and its data fits.
std::optional<UImage> parse_uimage(const ByteView& data, std::uint64_t offset);

}  // namespace iotguard::unpack::carve
