// SPDX-License-Identifier: GPL-2.0-or-later
// The Broadcom TRX header (OpenWrt tools/firmware-utils trx.c): "HDR0",
// little-endian length, CRC-32, flags, version 1 (3 partition offsets) or
// version 2 (4), offsets relative to the header start.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "core/byte_view.h"

namespace iotguard::unpack::carve {

struct Trx {
  std::uint32_t length = 0;  // whole TRX image, header included
  std::uint16_t version = 0;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> parts;  // (offset, length) from header
};

std::optional<Trx> parse_trx(const ByteView& data, std::uint64_t offset);

}  // namespace iotguard::unpack::carve
