// SPDX-License-Identifier: GPL-2.0-or-later
// LZMA blocks through liblzma's raw decoder. UPX writes its own two-byte
// property header before the raw LZMA data (UPX src/compress/compress_lzma.cpp):
//   byte 0: pb in bits 0..2, and (lc + lp) in bits 3..7 (a convenience for the stub)
//   byte 1: lp in the high nibble, lc in the low nibble
// The dictionary size is not stored; a dictionary as large as the block suffices.
// The stream has no end marker: its length is the block's sz_unc.
#include <lzma.h>

#include <algorithm>

#include <fmt/format.h>

#include "unpack/upx/decompress.h"

namespace iotguard::unpack::upx {

std::optional<std::string> decompress_lzma(Bytes in, std::span<std::uint8_t> out) {
  if (in.size() < 3) return "LZMA block shorter than its property header";
  const unsigned pb = in[0] & 7u, lp = in[1] >> 4, lc = in[1] & 15u;
  if (pb > 4 || lp > 4 || lc > 8 || (in[0] >> 3) != lc + lp)
    return fmt::format("LZMA property header {:02x} {:02x} is invalid", in[0], in[1]);
  if (lc + lp > LZMA_LCLP_MAX) return "LZMA lc + lp too large";

  lzma_options_lzma opt{};
  opt.dict_size = static_cast<std::uint32_t>(
      std::clamp<std::size_t>(out.size(), LZMA_DICT_SIZE_MIN, std::size_t{1} << 30));
  opt.lc = lc;
  opt.lp = lp;
  opt.pb = pb;
  // LZMA1EXT (liblzma >= 5.4) takes the known uncompressed size, so the decoder
  // stops exactly there; an end marker after it is tolerated.
  opt.ext_flags = LZMA_LZMA1EXT_ALLOW_EOPM;
  opt.ext_size_low = static_cast<std::uint32_t>(out.size());
  opt.ext_size_high = static_cast<std::uint32_t>(static_cast<std::uint64_t>(out.size()) >> 32);
  const lzma_filter filters[] = {{LZMA_FILTER_LZMA1EXT, &opt}, {LZMA_VLI_UNKNOWN, nullptr}};

  lzma_stream s = LZMA_STREAM_INIT;
  if (lzma_raw_decoder(&s, filters) != LZMA_OK) return "liblzma refused the LZMA properties";
  s.next_in = in.data() + 2;
  s.avail_in = in.size() - 2;
  s.next_out = out.data();
  s.avail_out = out.size();
  lzma_ret rc = lzma_code(&s, LZMA_FINISH);
  const std::size_t produced = out.size() - s.avail_out;
  lzma_end(&s);
  if (rc != LZMA_STREAM_END && !(rc == LZMA_OK && produced == out.size()))
    return fmt::format("LZMA stream is corrupt (liblzma error {})", static_cast<int>(rc));
  if (produced != out.size())
    return fmt::format("LZMA stream gave {} bytes, b_info declares {}", produced, out.size());
  return std::nullopt;
}

}  // namespace iotguard::unpack::upx
