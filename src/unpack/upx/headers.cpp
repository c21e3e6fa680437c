// SPDX-License-Identifier: GPL-2.0-or-later
// Readers for UPX's l_info / p_info / b_info / PackHeader records (headers.h).
#include "unpack/upx/headers.h"

#include <cstring>

#include <fmt/format.h>

#include "elf/constants.h"

namespace iotguard::unpack::upx {

std::optional<LInfo> read_l_info(ByteView v, std::uint64_t off, Endian e) {
  auto b = v.slice(off, kInfoSize);
  if (!b) return std::nullopt;
  LInfo l;
  l.checksum = *v.read<std::uint32_t>(off, e);
  std::memcpy(l.magic, b->data() + 4, 4);
  l.lsize = *v.read<std::uint16_t>(off + 8, e);
  l.version = (*b)[10];
  l.format = (*b)[11];
  return l;
}

std::optional<PInfo> read_p_info(ByteView v, std::uint64_t off, Endian e) {
  if (!v.contains(off, kInfoSize)) return std::nullopt;
  return PInfo{*v.read<std::uint32_t>(off, e), *v.read<std::uint32_t>(off + 4, e),
               *v.read<std::uint32_t>(off + 8, e)};
}

std::optional<BInfo> read_b_info(ByteView v, std::uint64_t off, Endian e) {
  auto b = v.slice(off, kInfoSize);
  if (!b) return std::nullopt;
  BInfo r;
  r.sz_unc = *v.read<std::uint32_t>(off, e);
  r.sz_cpr = *v.read<std::uint32_t>(off + 4, e);
  std::memcpy(r.raw_cpr, b->data() + 4, 4);
  r.method = (*b)[8];
  r.ftid = (*b)[9];
  r.cto8 = (*b)[10];
  r.extra = (*b)[11];
  return r;
}

std::optional<PackHeader> read_pack_header(ByteView v, std::uint64_t off, Endian e) {
  auto b = v.slice(off, kPackHeaderSize + 4);
  if (!b) return std::nullopt;
  PackHeader h;
  std::memcpy(h.magic, b->data(), 4);
  h.version = (*b)[4];
  h.format = (*b)[5];
  h.method = (*b)[6];
  h.level = (*b)[7];
  auto le = [&](std::uint64_t o) { return *v.read<std::uint32_t>(off + o, Endian::little); };
  auto be = [&](std::uint64_t o) { return *v.read<std::uint32_t>(off + o, Endian::big); };
  if (h.format < 128) {  // UPX packhead.cpp: little-endian formats
    h.u_adler = le(8);
    h.c_adler = le(12);
    h.u_len = le(16);
    h.c_len = le(20);
    h.u_file_size = le(24);
  } else {
    h.u_len = be(8);
    h.c_len = be(12);
    h.u_adler = be(16);
    h.c_adler = be(20);
    h.u_file_size = be(24);
  }
  h.filter = (*b)[28];
  h.filter_cto = (*b)[29];
  h.overlay_offset = *v.read<std::uint32_t>(off + kPackHeaderSize, e);
  return h;
}

bool is_magic(const std::uint8_t m[4]) { return std::memcmp(m, kMagic, 4) == 0; }

bool method_known(std::uint8_t m) {
  return (m >= kNrv2bLe32 && m <= kNrv2eLe16) || m == kLzma || m == kDeflate || m == kZstd;
}

bool method_supported(std::uint8_t m) { return (m >= kNrv2bLe32 && m <= kNrv2eLe16) || m == kLzma; }

std::string method_name(std::uint8_t m) {
  static const char* const nrv[] = {"NRV2B_LE32", "NRV2B_8", "NRV2B_LE16",
                                    "NRV2D_LE32", "NRV2D_8", "NRV2D_LE16",
                                    "NRV2E_LE32", "NRV2E_8", "NRV2E_LE16"};
  if (m >= kNrv2bLe32 && m <= kNrv2eLe16) return nrv[m - kNrv2bLe32];
  if (m == kLzma) return "LZMA";
  if (m == kDeflate) return "DEFLATE";
  if (m == kZstd) return "ZSTD";
  return fmt::format("method {}", m);
}

std::string format_name(std::uint16_t machine, bool is64, Endian e) {
  const bool be = e == Endian::big;
  switch (machine) {
    case elf::EM_386:
      return "i386-linux.elf";
    case elf::EM_X86_64:
      return "amd64-linux.elf";
    case elf::EM_ARM:
      return be ? "armeb-linux.elf" : "arm-linux.elf";
    case elf::EM_AARCH64:
      return "arm64-linux.elf";
    case elf::EM_MIPS:
      return be ? "mips-linux.elf" : "mipsel-linux.elf";
    case elf::EM_PPC:
      return "powerpc-linux.elf";
    case elf::EM_PPC64:
      return be ? "powerpc64-linux.elf" : "powerpc64le-linux.elf";
    case elf::EM_RISCV:
      return "riscv64-linux.elf";  // UPX 5.1+
    default:
      return fmt::format("machine{}-{}{}-linux.elf", machine, is64 ? "64" : "32", be ? "be" : "le");
  }
}

std::string hex_bytes(const std::uint8_t* p, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += fmt::format("{}{:02x}", i ? " " : "", p[i]);
  return s;
}

}  // namespace iotguard::unpack::upx
