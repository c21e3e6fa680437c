// SPDX-License-Identifier: GPL-2.0-or-later
// UPX's executable filters, inverted (filters.h names the ids and targets).
#include "unpack/upx/filters.h"

#include <algorithm>
#include <cstddef>

namespace iotguard::unpack::upx {
namespace {

std::uint32_t le32(const std::uint8_t* p) {
  return p[0] | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) |
         (std::uint32_t{p[3]} << 24);
}
std::uint32_t be32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         p[3];
}
void put_le32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
void put_be32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * (3 - i)));
}

// x86 call/jump trick: an E8/E9 (and, for ids whose low nibble is >= 9, a
// 0F 80..8F jcc) whose displacement was rewritten to a big-endian absolute
// target with the marker cto8 in its top byte. After a restored branch the
// scan resumes behind its displacement, and a jcc's 0F may not be the last
// byte of that displacement.
void x86_calltrick(std::uint8_t id, std::uint8_t cto8, std::span<std::uint8_t> b) {
  if (b.size() < 5) return;
  const bool with_jcc = (id & 0x0f) >= 9;
  const std::uint32_t cto = std::uint32_t{cto8} << 24;
  std::size_t lastcall = 0;
  for (std::size_t i = 0; i < b.size() - 5; ++i) {
    const std::uint8_t op = b[i];
    const bool branch =
        op == 0xe8 || op == 0xe9 ||
        (with_jcc && i != lastcall && i > 0 && b[i - 1] == 0x0f && op >= 0x80 && op <= 0x8f);
    if (!branch || b[i + 1] != cto8) continue;
    const std::uint32_t target = be32(&b[i + 1]);
    put_le32(&b[i + 1], target - static_cast<std::uint32_t>(i) - 1 - cto);
    i += 4;
    lastcall = i + 1;
  }
}

// ARM/AArch64 branch-with-link trick: the word-scaled displacement had the
// word index added. UPX's loop visits word 0 and then every word that starts
// before len-4, so the last whole word is left alone.
template <class Visit>
void each_word(std::span<std::uint8_t> b, Visit visit) {
  if (b.size() < 4) return;
  for (std::size_t a = 0;; a += 4) {
    visit(a);
    if (a + 4 >= b.size() - 4) break;
  }
}

void arm24_le(std::span<std::uint8_t> b) {
  each_word(b, [&](std::size_t a) {
    if ((b[a + 3] & 0x0f) != 0x0b) return;  // BL: cond | 1011
    std::uint32_t v = b[a] | (std::uint32_t{b[a + 1]} << 8) | (std::uint32_t{b[a + 2]} << 16);
    v -= static_cast<std::uint32_t>(a / 4);
    for (int i = 0; i < 3; ++i) b[a + i] = static_cast<std::uint8_t>(v >> (8 * i));
  });
}

void arm24_be(std::span<std::uint8_t> b) {
  each_word(b, [&](std::size_t a) {
    if ((b[a] & 0x0f) != 0x0b) return;
    std::uint32_t v = (std::uint32_t{b[a + 1]} << 16) | (std::uint32_t{b[a + 2]} << 8) | b[a + 3];
    v -= static_cast<std::uint32_t>(a / 4);
    for (int i = 0; i < 3; ++i) b[a + 1 + i] = static_cast<std::uint8_t>(v >> (8 * (2 - i)));
  });
}

void arm64_26(std::span<std::uint8_t> b) {
  each_word(b, [&](std::size_t a) {
    if ((b[a + 3] & 0x7c) != 0x14) return;  // B / BL
    const std::uint32_t w = le32(&b[a]);
    const std::uint32_t disp = ((w & 0x03ffffff) - static_cast<std::uint32_t>(a / 4)) & 0x03ffffff;
    put_le32(&b[a], (w & 0xfc000000) | disp);
  });
}

// PowerPC b/bl (primary opcode 18): the 24-bit displacement became an
// absolute target with a 4-bit marker in its top bits. UPX reads the words
// big-endian on every PowerPC target, ppc64le included, and only looks at the
// first 4 MiB of a block.
void ppc_bxx(std::uint8_t cto8, std::span<std::uint8_t> b) {
  if (b.size() < 4) return;
  const std::size_t last = std::min<std::size_t>(b.size() - 4, 0x400000);
  for (std::size_t i = 0; i <= last; i += 4) {
    const std::uint32_t w = be32(&b[i]);
    if ((w >> 26) != 18 || ((w >> 22) & 0x0f) != cto8) continue;
    const std::uint32_t target = w & 0x003ffffc;
    put_be32(&b[i], (w & 0xfc000003) | ((target - static_cast<std::uint32_t>(i)) & 0x03fffffc));
  }
}

// RISC-V AUIPC pairs (UPX 5.1, filter/auipc.h): each AUIPC (opcode 0x17) and
// the instruction after it were rewritten to hold the absolute address they
// form, big-endian at byte 1, its low byte split between bit 7 of the AUIPC's
// first byte and the low 7 bits of the second word, with the second word
// rotated left by 12 and its immediate replaced by the AUIPC's register.
// Everything else is skipped by instruction length (2, 4 or 6 bytes).
void riscv_auipc(std::span<std::uint8_t> b) {
  if (b.size() < 8) return;
  const std::size_t last = b.size() - 8;
  for (std::size_t i = 0; i <= last;) {
    const std::uint32_t w1 = le32(&b[i]);
    if ((w1 & 0x7f) != 0x17) {
      std::size_t len = 2;
      if ((w1 & 3) == 3) len = (w1 & 0x0c) == 0x0c ? 6 : 4;  // as UPX's get_ilen()
      i += len;
      continue;
    }
    const std::uint32_t w2 = le32(&b[i + 4]);
    const std::uint32_t r_aui = (w2 >> 7) & 0x1f;
    std::uint32_t addr = be32(&b[i + 1]);
    addr = (addr & ~std::uint32_t{0xff}) | ((addr & 0x7f) << 1) | ((w1 >> 7) & 1);
    addr -= static_cast<std::uint32_t>(i);
    addr += (addr & (std::uint32_t{1} << 11)) << 1;  // the low 12 bits are sign-extended
    put_le32(&b[i], (addr & ~std::uint32_t{0xfff}) | (r_aui << 7) | 0x17);
    put_le32(&b[i + 4], (addr << 20) | (w2 >> 12));
    i += 4;  // the next instruction may be another AUIPC's partner
  }
}

}  // namespace

bool filter_supported(std::uint8_t id) {
  return id == 0x46 || id == 0x49 || id == 0x50 || id == 0x51 || id == 0x52 || id == 0x55 ||
         id == 0xd0;
}

bool unfilter(std::uint8_t id, std::uint8_t cto8, std::span<std::uint8_t> block) {
  switch (id) {
    case 0x46:
    case 0x49:
      x86_calltrick(id, cto8, block);
      return true;
    case 0x50:
      arm24_le(block);
      return true;
    case 0x51:
      arm24_be(block);
      return true;
    case 0x52:
      arm64_26(block);
      return true;
    case 0x55:
      riscv_auipc(block);
      return true;
    case 0xd0:
      ppc_bxx(cto8, block);
      return true;
    default:
      return false;
  }
}

}  // namespace iotguard::unpack::upx
