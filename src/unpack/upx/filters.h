// SPDX-License-Identifier: GPL-2.0-or-later
// Undoing the branch filters UPX applies to executable blocks before
// compressing them. Each filter turns relative branch displacements into
// absolute targets (which compress better); the b_info of a block names the
// filter (b_ftid) and its parameter (b_cto8). UPX's ELF packers use
// (UPX src/p_lx_elf.cpp getFilters(), src/filter/filter_impl.cpp):
//   0x46, 0x49  i386 / amd64: E8 call, E9 jmp (0x49 also 0F 8x jcc), with the
//               top displacement byte replaced by the marker cto8
//   0x50        ARM little-endian: 24-bit BL displacement
//   0x51        ARM big-endian: 24-bit BL displacement
//   0x52        AArch64: 26-bit B/BL displacement
//   0x55        RISC-V 64 (UPX 5.1+): AUIPC + following instruction as one absolute address
//   0xd0        PowerPC (32, 64 and 64le): 24-bit b/bl displacement with a 4-bit marker
//   MIPS        no filter
#pragma once

#include <cstdint>
#include <span>

namespace iotguard::unpack::upx {

bool filter_supported(std::uint8_t id);

// Restores `block` in place. Returns false (leaving it untouched) for an
// unknown filter id. Positions are relative to the block start, as UPX's ELF
// packer filters each block on its own (addvalue 0).
bool unfilter(std::uint8_t id, std::uint8_t cto8, std::span<std::uint8_t> block);

}  // namespace iotguard::unpack::upx
