// SPDX-License-Identifier: GPL-2.0-or-later
// The records UPX writes into a packed ELF (UPX src/p_unix.h, stub/src/include/linux.h):
//   l_info  12 bytes right after the packed file's program headers
//   p_info  12 bytes right after l_info
//   b_info  12 bytes before each compressed block; {0, "UPX!"} ends the blocks
//   PackHeader 32 bytes plus a 4-byte offset of p_info at the end of the file
// l_info, p_info and b_info sizes are in the target's byte order; every magic is
// stored as the bytes "UPX!".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/byte_view.h"

namespace iotguard::unpack::upx {

inline constexpr std::uint8_t kMagic[4] = {'U', 'P', 'X', '!'};
inline constexpr std::size_t kInfoSize = 12;        // each of l_info, p_info, b_info
inline constexpr std::size_t kPackHeaderSize = 32;  // version >= 10, non-DOS formats

// b_method values (UPX src/conf.h).
enum Method : std::uint8_t {
  kNrv2bLe32 = 2,
  kNrv2b8 = 3,
  kNrv2bLe16 = 4,
  kNrv2dLe32 = 5,
  kNrv2d8 = 6,
  kNrv2dLe16 = 7,
  kNrv2eLe32 = 8,
  kNrv2e8 = 9,
  kNrv2eLe16 = 10,
  kLzma = 14,
  kDeflate = 15,
  kZstd = 16,
};

struct LInfo {
  std::uint32_t checksum = 0;
  std::uint8_t magic[4] = {};
  std::uint16_t lsize = 0;  // loader size
  std::uint8_t version = 0, format = 0;
};

struct PInfo {
  std::uint32_t progid = 0, filesize = 0, blocksize = 0;
};

struct BInfo {
  std::uint32_t sz_unc = 0, sz_cpr = 0;
  std::uint8_t method = 0, ftid = 0, cto8 = 0, extra = 0;
  std::uint8_t raw_cpr[4] = {};  // sz_cpr as stored: the end marker holds "UPX!" there
};

struct PackHeader {
  std::uint8_t magic[4] = {};
  std::uint8_t version = 0, format = 0, method = 0, level = 0;
  std::uint32_t u_len = 0, c_len = 0, u_adler = 0, c_adler = 0, u_file_size = 0;
  std::uint8_t filter = 0, filter_cto = 0;
  std::uint32_t overlay_offset = 0;  // the 4 bytes after the header: offset of p_info
};

std::optional<LInfo> read_l_info(ByteView v, std::uint64_t off, Endian e);
std::optional<PInfo> read_p_info(ByteView v, std::uint64_t off, Endian e);
std::optional<BInfo> read_b_info(ByteView v, std::uint64_t off, Endian e);
// A PackHeader at off (its magic is not checked: the caller decides).
std::optional<PackHeader> read_pack_header(ByteView v, std::uint64_t off, Endian e);

bool is_magic(const std::uint8_t m[4]);
bool method_known(std::uint8_t m);
bool method_supported(std::uint8_t m);  // NRV2B/D/E in all bit-buffer widths, LZMA
std::string method_name(std::uint8_t m);
// UPX's name for an ELF target from e_machine, class and byte order.
std::string format_name(std::uint16_t machine, bool is64, Endian e);
// "10 f0 00 00"
std::string hex_bytes(const std::uint8_t* p, std::size_t n);

}  // namespace iotguard::unpack::upx
