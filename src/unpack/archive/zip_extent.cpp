// SPDX-License-Identifier: GPL-2.0-or-later
#include "unpack/archive/zip_extent.h"

#include <algorithm>
#include <string_view>

namespace iotguard::unpack::archive {

std::optional<std::uint64_t> zip_extent(Bytes data) {
  static constexpr std::string_view kEocd = "PK\x05\x06";
  const ByteView v(data);
  auto it = data.begin();
  for (int tries = 0; tries < 64; ++tries) {
    it = std::search(it, data.end(), kEocd.begin(), kEocd.end());
    if (it == data.end()) return std::nullopt;
    const auto pos = static_cast<std::uint64_t>(it - data.begin());
    ++it;
    const auto cd_size = v.read<std::uint32_t>(pos + 12, Endian::little);
    const auto cd_off = v.read<std::uint32_t>(pos + 16, Endian::little);
    const auto comment = v.read<std::uint16_t>(pos + 20, Endian::little);
    if (!cd_size || !cd_off || !comment) return std::nullopt;
    // The central directory must end exactly where this record begins.
    if (static_cast<std::uint64_t>(*cd_off) + *cd_size != pos) continue;
    if (!v.contains(pos, 22 + static_cast<std::uint64_t>(*comment))) return std::nullopt;
    return pos + 22 + *comment;
  }
  return std::nullopt;
}

}  // namespace iotguard::unpack::archive
