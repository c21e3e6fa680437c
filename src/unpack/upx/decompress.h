// SPDX-License-Identifier: GPL-2.0-or-later
// The block decompressors UPX uses on ELF: NRV2B/2D/2E through libucl's safe
// decompressors (nrv.cpp) and LZMA through liblzma's raw decoder (lzma.cpp).
// Each fills exactly `out` (the block's declared sz_unc) and reports an error
// when the stream is corrupt, ends early or would write past `out`.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/byte_view.h"

namespace iotguard::unpack::upx {

// Returns an error message, or nothing when `out` was filled exactly.
std::optional<std::string> decompress_nrv(std::uint8_t method, Bytes in,
                                          std::span<std::uint8_t> out);
std::optional<std::string> decompress_lzma(Bytes in, std::span<std::uint8_t> out);
// Dispatches on b_method.
std::optional<std::string> decompress(std::uint8_t method, Bytes in, std::span<std::uint8_t> out);

}  // namespace iotguard::unpack::upx
