// SPDX-License-Identifier: GPL-2.0-or-later
// Builds files in UPX's packed-ELF layout for tests (see src/unpack/upx/recognise.cpp
// for the layout): blocks compressed with libucl / liblzma, a stand-in stub, the
// gaps, the end marker and the trailer. Nothing here comes from UPX's code.
#pragma once

#include <lzma.h>
#include <ucl/ucl.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "support/elf_builder.h"

namespace iotguard::test {

using Buf = std::vector<std::uint8_t>;

inline Buf nrv_compress(std::uint8_t method, const Buf& in) {
  if (ucl_init() != UCL_E_OK) throw std::runtime_error("ucl_init");
  ucl_compress_config_t conf;
  std::memset(&conf, 0xff, sizeof conf);
  const int sizes[3] = {32, 8, 16};  // UPX methods 2..10: le32, 8, le16 per algorithm
  conf.bb_size = sizes[(method - 2) % 3];
  Buf out(in.size() + in.size() / 8 + 256);
  ucl_uint n = static_cast<ucl_uint>(out.size());
  int rc;
  if (method <= 4)
    rc = ucl_nrv2b_99_compress(in.data(), static_cast<ucl_uint>(in.size()), out.data(), &n, nullptr,
                               10, &conf, nullptr);
  else if (method <= 7)
    rc = ucl_nrv2d_99_compress(in.data(), static_cast<ucl_uint>(in.size()), out.data(), &n, nullptr,
                               10, &conf, nullptr);
  else
    rc = ucl_nrv2e_99_compress(in.data(), static_cast<ucl_uint>(in.size()), out.data(), &n, nullptr,
                               10, &conf, nullptr);
  if (rc != UCL_E_OK) throw std::runtime_error("ucl compress");
  out.resize(n);
  return out;
}

// Raw LZMA1 with UPX's two-byte property header in front.
inline Buf lzma_compress(const Buf& in, unsigned lc = 3, unsigned lp = 0, unsigned pb = 2) {
  lzma_options_lzma opt;
  lzma_lzma_preset(&opt, 6);
  opt.lc = lc;
  opt.lp = lp;
  opt.pb = pb;
  const lzma_filter f[] = {{LZMA_FILTER_LZMA1, &opt}, {LZMA_VLI_UNKNOWN, nullptr}};
  Buf out(in.size() + in.size() / 2 + 1024);
  out[0] = static_cast<std::uint8_t>(((lc + lp) << 3) | pb);
  out[1] = static_cast<std::uint8_t>((lp << 4) | lc);
  std::size_t pos = 2;
  if (lzma_raw_buffer_encode(f, nullptr, in.data(), in.size(), out.data(), &pos, out.size()) !=
      LZMA_OK)
    throw std::runtime_error("lzma encode");
  out.resize(pos);
  return out;
}

inline Buf compress(std::uint8_t method, const Buf& in) {
  return method == 14 ? lzma_compress(in) : nrv_compress(method, in);
}

struct PackSpec {
  std::uint8_t method = 8;
  std::uint32_t block = 0x4000;  // split extents into blocks of this size
  bool zero_p_info = false;
  const char* magic = "UPX!";  // written in l_info, the end marker and the trailer
  Buf overlay;
  bool nogdb = false;  // e_shoff/e_shnum/e_shstrndx = 0xffff, as Mirai's tools/nogdb.c
  // UPX 5.x copies PT_NOTE bodies behind its program headers, before l_info.
  Buf note;
  std::uint64_t l_info_gap = 0;  // extra bytes before l_info (moved by hand)
};

// Packs a little-endian ELF (32 or 64-bit) whose PT_LOADs are given, in UPX's layout.
class UpxPacker {
 public:
  UpxPacker(const Buf& original, bool is64, std::uint16_t machine)
      : orig_(original), is64_(is64), machine_(machine) {}

  struct Load {
    std::uint64_t offset, filesz;
  };

  Buf pack(const PackSpec& s, const std::vector<Load>& loads) const {
    ElfBuilder outer(is64_, false, machine_);
    outer.type(2).entry(0x400000 + 0x100).with_section_headers(false);
    // Two PT_LOADs like UPX's: the compressed data + stub, and a small one.
    outer.segment({1, 5, 0, 0x400000, 0, 0, 0x1000});
    outer.segment({1, 6, 0, 0x800000, 0, 0x1000, 0x1000});
    const std::uint64_t phend = is64_ ? 64 + 3 * 56 : 52 + 3 * 32;
    if (!s.note.empty()) outer.segment({4, 4, phend, 0, s.note.size(), s.note.size(), 4});
    Buf f = outer.build();
    f.insert(f.end(), s.note.begin(), s.note.end());
    while (f.size() % 4) f.push_back(0);
    f.insert(f.end(), s.l_info_gap, 0);
    const std::uint64_t l_info = f.size();
    put32(f, 0);  // l_checksum
    f.insert(f.end(), s.magic, s.magic + 4);
    put16(f, 0x1000);
    f.push_back(14);
    f.push_back(is64_ ? 22 : 12);
    put32(f, 0);  // p_progid
    put32(f, s.zero_p_info ? 0 : static_cast<std::uint32_t>(orig_.size()));
    put32(f, s.zero_p_info ? 0 : s.block);
    // Block 0: the headers, then the rest of each PT_LOAD.
    const std::uint64_t hdr = is64_ ? 64 + 56 * count_phdrs() : 52 + 32 * count_phdrs();
    bool first = true;
    for (const auto& l : loads) {
      std::uint64_t at = l.offset, left = l.filesz;
      if (first) {
        block(f, s, at, hdr);
        at += hdr;
        left -= hdr;
        first = false;
      }
      for (; left;) {
        const std::uint64_t n = left < s.block ? left : s.block;
        block(f, s, at, n);
        at += n;
        left -= n;
      }
    }
    // A stand-in stub that the unpacker must skip; its entry is where outer's e_entry points.
    for (int i = 0; i < 700; ++i) f.push_back(static_cast<std::uint8_t>(i * 37 + 11));
    // The gaps (bytes between PT_LOADs and after the last).
    std::uint64_t end_loads = 0;
    for (const auto& l : loads) end_loads = std::max(end_loads, l.offset + l.filesz);
    for (std::size_t k = 0; k < loads.size(); ++k) {
      const std::uint64_t hi = loads[k].offset + loads[k].filesz;
      std::uint64_t lo = orig_.size();
      for (const auto& o : loads)
        if (o.offset >= hi && o.offset < lo) lo = o.offset;
      for (std::uint64_t at = hi; at < lo;) {
        const std::uint64_t n = std::min<std::uint64_t>(lo - at, s.block);
        block(f, s, at, n);
        at += n;
      }
    }
    put32(f, 0);  // end marker {0, magic, 0}
    f.insert(f.end(), s.magic, s.magic + 4);
    put32(f, 0);
    while (f.size() % 4) f.push_back(0);
    // Trailer: PackHeader (32 bytes, little-endian format) + offset of p_info.
    f.insert(f.end(), s.magic, s.magic + 4);
    f.push_back(14);
    f.push_back(is64_ ? 22 : 12);
    f.push_back(s.method);
    f.push_back(10);
    put32(f, 1);
    put32(f, 1);
    put32(f, 0);
    put32(f, 0);
    put32(f, static_cast<std::uint32_t>(orig_.size()));
    f.push_back(0);
    f.push_back(0);
    f.push_back(0);
    f.push_back(0);
    put32(f, static_cast<std::uint32_t>(l_info + 12));
    f.insert(f.end(), s.overlay.begin(), s.overlay.end());
    if (s.nogdb) {
      if (is64_) {
        std::memset(&f[40], 0, 8);
        f[40] = f[41] = 0xff;
      } else {
        f[32] = f[33] = 0xff;
      }
      const std::size_t base = is64_ ? 60 : 48;
      for (int i = 0; i < 4; ++i) f[base + i] = 0xff;
    }
    // Point the outer PT_LOAD at the whole file, as UPX does.
    ElfBuilder fix(is64_, false, machine_);
    fix.put(f, is64_ ? 64 + 32 : 52 + 16, is64_ ? 8 : 4, f.size());
    fix.put(f, is64_ ? 64 + 40 : 52 + 20, is64_ ? 8 : 4, f.size());
    return f;
  }

 private:
  std::uint64_t count_phdrs() const {
    return is64_ ? (orig_[56] | (orig_[57] << 8)) : (orig_[44] | (orig_[45] << 8));
  }
  void block(Buf& f, const PackSpec& s, std::uint64_t at, std::uint64_t n) const {
    Buf in(orig_.begin() + static_cast<std::ptrdiff_t>(at),
           orig_.begin() + static_cast<std::ptrdiff_t>(at + n));
    Buf c = compress(s.method, in);
    const bool stored = c.size() >= in.size();
    put32(f, static_cast<std::uint32_t>(n));
    put32(f, static_cast<std::uint32_t>(stored ? n : c.size()));
    f.push_back(stored ? 0 : s.method);
    f.push_back(0);
    f.push_back(0);
    f.push_back(0);
    const Buf& body = stored ? in : c;
    f.insert(f.end(), body.begin(), body.end());
  }
  static void put32(Buf& f, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) f.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  static void put16(Buf& f, std::uint16_t v) {
    f.push_back(static_cast<std::uint8_t>(v));
    f.push_back(static_cast<std::uint8_t>(v >> 8));
  }

  Buf orig_;
  bool is64_;
  std::uint16_t machine_;
};

}  // namespace iotguard::test
