// SPDX-License-Identifier: GPL-2.0-or-later
// One b_info block: stored, or compressed and then maybe filtered
// (UPX src/p_unix.cpp unpackExtent: sz_cpr == sz_unc means stored as is).
#include <cstring>

#include <fmt/format.h>

#include "unpack/upx/decompress.h"
#include "unpack/upx/filters.h"
#include "unpack/upx/layout.h"

namespace iotguard::unpack::upx {

std::optional<std::string> decode_block(const BInfo& b, Bytes payload,
                                        std::span<std::uint8_t> out) {
  if (payload.size() != b.sz_cpr || out.size() != b.sz_unc) return "block sizes do not match";
  if (b.sz_cpr == b.sz_unc) {
    std::memcpy(out.data(), payload.data(), out.size());
    return std::nullopt;
  }
  if (auto err = decompress(b.method, payload, out)) return err;
  if (b.ftid != 0 && !unfilter(b.ftid, b.cto8, out))
    return fmt::format("unsupported filter 0x{:02x}", b.ftid);
  return std::nullopt;
}

}  // namespace iotguard::unpack::upx
