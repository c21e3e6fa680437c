// SPDX-License-Identifier: GPL-2.0-or-later
// Recognising UPX-packed ELF by structure rather than by magic, and naming
// what malware altered (shared/threats.md §11). UPX writes, in a packed ELF
// (UPX src/p_lx_elf.cpp, src/p_unix.cpp):
//   Ehdr, Phdrs, l_info, p_info, b_info + block 0 (the original Ehdr + Phdrs), ...
//   ..., b_info {0, "UPX!"}, PackHeader (32 bytes), offset of p_info (4 bytes)
// and leaves e_shoff/e_shnum/e_shstrndx zero. A candidate l_info is accepted
// when the block after it decompresses to an ELF header of the same class,
// byte order and machine as the packed file; the magic is not needed.
#include <algorithm>
#include <array>
#include <cstring>

#include <fmt/format.h>

#include "elf/constants.h"
#include "unpack/upx/layout.h"

namespace iotguard::unpack::upx {
namespace {

constexpr std::uint32_t kMaxHeaderBlock = 1u << 20;  // block 0 holds only Ehdr + Phdrs
constexpr std::uint64_t kScanWindow = 0x1000;        // where to look for l_info by structure
constexpr std::size_t kTrailerWindow = 4u << 20;     // how far before the end a trailer may sit

// Checks a candidate l_info offset; fills the layout when block 0 proves it.
bool try_l_info(ByteView v, const elf::ElfFile& elf, std::uint64_t off, Layout& lay) {
  const Endian e = elf.endian;
  // b_info first: its sizes and method reject almost every candidate, and
  // locate() tries up to a thousand per ELF.
  auto b = read_b_info(v, off + 2 * kInfoSize, e);
  const std::uint32_t min_hdr = elf.is64 ? 64 : 52;
  if (!b || b->sz_unc < min_hdr || b->sz_unc > kMaxHeaderBlock || b->sz_cpr == 0 ||
      b->sz_cpr > b->sz_unc || !method_known(b->method))
    return false;
  auto l = read_l_info(v, off, e);
  auto p = read_p_info(v, off + kInfoSize, e);
  if (!l || !p) return false;
  auto payload = v.slice(off + 3 * kInfoSize, b->sz_cpr);
  if (!payload) return false;
  // Most candidates are ordinary ELF data that happens to look like a
  // b_info: decode them into a per-thread buffer rather than a fresh zeroed
  // one each time (up to kMaxHeaderBlock, 1 MB, per worker).
  thread_local std::vector<std::uint8_t> scratch;
  if (scratch.size() < b->sz_unc) scratch.resize(b->sz_unc);
  const std::span<std::uint8_t> hdr(scratch.data(), b->sz_unc);
  const bool decoded = method_supported(b->method) && !decode_block(*b, *payload, hdr);
  if (decoded) {
    // The original's identification must match the packed file's.
    ByteView h(hdr);
    if (std::memcmp(hdr.data(), elf::kMagic, 4) != 0 || hdr[4] != (elf.is64 ? 2 : 1) ||
        hdr[5] != (elf.endian == Endian::little ? 1 : 2) ||
        h.read<std::uint16_t>(18, e) != elf.machine)
      return false;
  } else if (!is_magic(l->magic)) {
    return false;  // neither the magic nor a decodable block 0: not UPX
  }
  lay.endian = e;
  lay.l_info_off = off;
  lay.linfo = *l;
  lay.pinfo = *p;
  lay.first = *b;
  if (decoded) lay.first_block.assign(hdr.begin(), hdr.end());
  return true;
}

// The end-of-blocks b_info {0, magic, 0} just before a PackHeader at `at`;
// UPX pads the PackHeader to a 4-byte boundary, so up to 3 bytes may lie between.
std::optional<BInfo> eof_before(ByteView v, std::uint64_t at, Endian e) {
  for (std::uint64_t pad = 0; pad < 4; ++pad) {
    if (at < kInfoSize + pad) break;
    auto b = read_b_info(v, at - kInfoSize - pad, e);
    if (b && b->sz_unc == 0 && b->method == 0 && b->ftid == 0 && b->cto8 == 0) return b;
  }
  return std::nullopt;
}

// The PackHeader at the end: by its magic, or (magic altered) by the offset
// of p_info stored right after it plus the {0, magic} end-of-blocks b_info.
void find_trailer(ByteView v, Layout& lay) {
  const Bytes f = v.bytes();
  const std::uint64_t want = lay.p_info_off();
  std::optional<std::uint64_t> by_magic, by_shape;
  if (f.size() < kPackHeaderSize + 4) return;
  const std::size_t last = f.size() - kPackHeaderSize - 4;
  const std::size_t stop = last > kTrailerWindow ? last - kTrailerWindow : 0;
  for (std::size_t i = last + 1; i-- > stop;) {
    if (v.read<std::uint32_t>(i + kPackHeaderSize, lay.endian) != want) continue;  // cheap test
    auto h = read_pack_header(v, i, lay.endian);
    if (!h || h->version < 11 || h->version > 20 || h->method != lay.first.method) continue;
    if (is_magic(h->magic)) {
      by_magic = i;
      break;
    }
    if (!by_shape && eof_before(v, i, lay.endian)) by_shape = i;
  }
  const auto at = by_magic ? by_magic : by_shape;
  if (!at) return;
  lay.trailer = read_pack_header(v, *at, lay.endian);
  lay.trailer_off = *at;
  lay.trailer_magic_ok = by_magic.has_value();
  lay.eof = eof_before(v, *at, lay.endian);
}

// Entry prologues of UPX stubs, from packing static binaries of each target
// with UPX 3.91, 3.94, 3.96, 4.2.3, 5.0.2 and 5.1.1 (kAny = any byte: branch
// displacements, registers that changed between versions). Evidence next to
// the structure, never required.
struct Prologue {
  std::uint16_t machine;
  bool big;
  std::array<int, 12> bytes;
};
constexpr int kAny = -1;
constexpr Prologue kPrologues[] = {
    // amd64 / i386: 3.96 and 4.x push first; 3.9x calls at once.
    {elf::EM_X86_64,
     false,
     {0x50, 0x52, 0xe8, kAny, kAny, kAny, kAny, 0x55, 0x53, 0x51, 0x52, 0x48}},
    {elf::EM_X86_64,
     false,
     {0xe8, kAny, kAny, kAny, kAny, 0x55, 0x53, 0x51, 0x52, 0x48, 0x01, 0xfe}},
    // 5.x: endbr64 / endbr32 first.
    {elf::EM_X86_64,
     false,
     {0xf3, 0x0f, 0x1e, 0xfa, 0x59, 0x54, 0x5f, 0x51, 0x52, kAny, kAny, kAny}},
    {elf::EM_386, false, {0xf3, 0x0f, 0x1e, 0xfb, 0xe8, kAny, kAny, kAny, kAny, 0xf3, 0x0f, 0x1e}},
    {elf::EM_386, false, {0x50, 0xe8, kAny, kAny, kAny, kAny, 0xeb, 0x0e, 0x5a, 0x58, 0x59, 0x97}},
    {elf::EM_386, false, {0xe8, kAny, kAny, kAny, kAny, 0x60, 0x8b, 0x74, 0x24, 0x24, 0x8b, 0x7c}},
    // ARM: 5.1 ldr; ldr; sub.  5.0 stmfd; sub sp; add.  4.x stmfd; sub sp; bl.
    // 3.96: sub sp; bl.  3.91-3.95: sub ip, pc; ldm.
    {elf::EM_ARM, false, {0x10, 0x90, 0x1f, 0xe5, 0x10, 0x20, 0x1f, 0xe5, 0x18, 0x30, 0x4f, 0xe2}},
    {elf::EM_ARM, false, {0x03, 0x40, 0x2d, 0xe9, 0x14, 0xd0, 0x4d, 0xe2, 0x24, 0x00, 0x8d, 0xe2}},
    {elf::EM_ARM, false, {0x03, 0x00, 0x2d, 0xe9, 0x18, 0xd0, 0x4d, 0xe2, kAny, kAny, kAny, 0xeb}},
    {elf::EM_ARM, false, {0x18, 0xd0, 0x4d, 0xe2, kAny, kAny, kAny, 0xeb, kAny, kAny, kAny, kAny}},
    {elf::EM_ARM, false, {0x1c, 0xc0, 0x4f, 0xe2, 0x06, 0x4c, 0x9c, 0xe8, kAny, kAny, kAny, kAny}},
    {elf::EM_ARM, true, {0xe5, 0x1f, 0x90, 0x10, 0xe5, 0x1f, 0x20, 0x10, 0xe2, 0x4f, 0x30, 0x18}},
    {elf::EM_ARM, true, {0xe9, 0x2d, 0x40, 0x03, 0xe2, 0x4d, 0xd0, 0x14, 0xe2, 0x8d, 0x00, 0x24}},
    {elf::EM_ARM, true, {0xe9, 0x2d, 0x00, 0x03, 0xe2, 0x4d, 0xd0, 0x18, 0xeb, kAny, kAny, kAny}},
    {elf::EM_ARM, true, {0xe2, 0x4d, 0xd0, 0x18, 0xeb, kAny, kAny, kAny, kAny, kAny, kAny, kAny}},
    {elf::EM_ARM, true, {0xe2, 0x4f, 0xc0, 0x1c, 0xe8, 0x9c, 0x4c, 0x06, kAny, kAny, kAny, kAny}},
    // arm64: 4.x and 5.x (stp; ldr, then bl, add or adr); 3.96 (bl, then the
    // decompressor, one per method); 3.94 (adr x12).
    {elf::EM_AARCH64,
     false,
     {0xe0, 0x07, 0xbf, 0xa9, 0xd3, 0xff, 0xff, 0x18, kAny, kAny, kAny, kAny}},
    {elf::EM_AARCH64,
     false,
     {kAny, kAny, kAny, 0x94, 0x01, 0x40, 0x21, 0x8b, 0xe1, 0x0b, 0xbe, 0xa9}},
    {elf::EM_AARCH64,
     false,
     {kAny, kAny, kAny, 0x94, 0xe2, 0x0f, 0xbe, 0xa9, 0xfe, 0x0b, 0x00, 0xf9}},
    {elf::EM_AARCH64,
     false,
     {kAny, kAny, kAny, 0x94, 0xfe, 0x0f, 0x1f, 0xf8, 0xe2, 0x0f, 0xbf, 0xa9}},
    {elf::EM_AARCH64,
     false,
     {kAny, kAny, kAny, 0x94, 0x9f, 0x38, 0x00, 0x71, 0xe1, 0x50, 0x00, 0x54}},
    {elf::EM_AARCH64,
     false,
     {kAny, kAny, kAny, 0x10, 0x9d, 0x29, 0x40, 0x29, 0x8b, 0x35, 0x41, 0x29}},
    // MIPS: bal; addiu (register differs: 3.9x $s7, 3.96+ $s8/$fp).
    {elf::EM_MIPS, true, {0x04, 0x11, kAny, kAny, 0x27, kAny, 0x00, 0x00, kAny, kAny, kAny, kAny}},
    {elf::EM_MIPS, false, {kAny, kAny, 0x11, 0x04, 0x00, 0x00, kAny, 0x27, kAny, kAny, kAny, kAny}},
    // RISC-V 64 (5.1+): jal a2, +4; c.addi; ld.
    {elf::EM_RISCV,
     false,
     {0x6f, 0x06, 0x40, 0x00, 0x61, 0x16, 0x83, 0x66, kAny, kAny, kAny, kAny}},
    // PowerPC: b forward (ppc64 big-endian 3.96 enters through a function
    // descriptor, followed in stub_entry()).
    {elf::EM_PPC, true, {0x48, 0x00, kAny, kAny, kAny, kAny, kAny, kAny, kAny, kAny, kAny, kAny}},
    {elf::EM_PPC64, true, {0x48, 0x00, kAny, kAny, kAny, kAny, kAny, kAny, kAny, kAny, kAny, kAny}},
    {elf::EM_PPC64,
     false,
     {kAny, kAny, 0x00, 0x48, kAny, kAny, kAny, kAny, kAny, kAny, kAny, kAny}},
};

// File offset of a virtual address inside a PT_LOAD's file bytes.
std::optional<std::uint64_t> file_offset(const elf::ElfFile& elf, std::uint64_t va) {
  for (const auto& s : elf.segments)
    if (s.type == elf::PT_LOAD && va >= s.vaddr && va - s.vaddr < s.filesz)
      return s.offset + (va - s.vaddr);
  return std::nullopt;
}

bool prologue_at(ByteView v, const elf::ElfFile& elf, std::uint64_t off) {
  auto code = v.slice(off, 12);
  if (!code) return false;
  for (const auto& p : kPrologues) {
    if (p.machine != elf.machine || p.big != (elf.endian == Endian::big)) continue;
    bool match = true;
    for (std::size_t i = 0; i < 12 && match; ++i)
      match = p.bytes[i] < 0 || (*code)[i] == static_cast<std::uint8_t>(p.bytes[i]);
    if (match) return true;
  }
  return false;
}

bool stub_entry(ByteView v, const elf::ElfFile& elf) {
  auto off = file_offset(elf, elf.entry);
  if (!off) return false;
  if (prologue_at(v, elf, *off)) return true;
  // 64-bit PowerPC ELFv1: e_entry names a function descriptor {code address, TOC, env}.
  if (elf.machine == elf::EM_PPC64 && elf.endian == Endian::big)
    if (auto code = v.read<std::uint64_t>(*off, Endian::big))
      if (auto target = file_offset(elf, *code)) return prologue_at(v, elf, *target);
  return false;
}

void tamper(Recognition& r, std::string id, std::string text) {
  r.tamper_ids.push_back(std::move(id));
  r.tampering.push_back(std::move(text));
}

// Where UPX writes l_info: right after the program headers (3.9x, 4.x) or,
// from 5.0, after the bodies of the PT_NOTE and PT_MIPS_* segments it copies
// behind them (each aligned to at most 8), padded to 4 bytes.
std::uint64_t expected_l_info(const elf::ElfFile& elf, std::uint64_t phend) {
  std::uint64_t end = phend;
  for (const auto& s : elf.segments)
    if (s.type != elf::PT_LOAD && s.filesz != 0 && s.filesz < kScanWindow && s.offset >= phend &&
        s.offset < phend + kScanWindow)
      end = std::max(end, s.offset + s.filesz);
  return (end + 3) & ~std::uint64_t{3};
}

}  // namespace

std::optional<Layout> locate(Bytes file, const elf::ElfFile& elf) {
  ByteView v(file);
  Layout lay;
  const std::uint64_t phend = elf.phoff + elf.phnum * elf.phentsize;
  if (elf.phoff == 0 || elf.phnum == 0 || phend > file.size()) return std::nullopt;
  // Where UPX puts l_info first; then, tolerating padding or tampering, a
  // little further on 4-byte steps.
  if (const std::uint64_t at = expected_l_info(elf, phend);
      at != phend && at + 3 * kInfoSize <= file.size() && try_l_info(v, elf, at, lay)) {
    find_trailer(v, lay);
    return lay;
  }
  for (std::uint64_t off = phend; off < phend + kScanWindow && off + 3 * kInfoSize <= file.size();
       off += 4)
    if (try_l_info(v, elf, off, lay)) {
      find_trailer(v, lay);
      return lay;
    }
  return std::nullopt;
}

Recognition describe(Bytes file, const elf::ElfFile& elf, const Layout& lay) {
  ByteView v(file);
  Recognition r;
  r.packed = true;
  r.format = format_name(elf.machine, elf.is64, elf.endian);
  r.method = method_name(lay.first.method);
  r.version = lay.linfo.version;
  r.l_info_offset = lay.l_info_off;
  r.stub_entry = stub_entry(v, elf);
  r.original_size = lay.pinfo.filesize ? lay.pinfo.filesize
                    : lay.trailer      ? lay.trailer->u_file_size
                                       : 0;

  if (!is_magic(lay.linfo.magic))
    tamper(r, "l_info_magic",
           fmt::format("l_info magic replaced by {}", hex_bytes(lay.linfo.magic, 4)));
  if (const std::uint64_t phend = elf.phoff + elf.phnum * elf.phentsize;
      lay.l_info_off != phend && lay.l_info_off != expected_l_info(elf, phend))
    tamper(r, "l_info_moved",
           fmt::format("l_info at 0x{:x}, not where UPX puts it (after the program headers and "
                       "the notes it copies)",
                       lay.l_info_off));
  if (lay.pinfo.filesize == 0)
    tamper(r, "p_filesize_zeroed", "p_info.p_filesize zeroed");
  else if (lay.pinfo.filesize < (lay.trailer ? lay.trailer_off + kPackHeaderSize + 4 : file.size()))
    tamper(r, "p_filesize_altered",
           fmt::format("p_info.p_filesize {} is smaller than the packed file", lay.pinfo.filesize));
  if (lay.pinfo.blocksize == 0) tamper(r, "p_blocksize_zeroed", "p_info.p_blocksize zeroed");
  if (lay.pinfo.filesize && lay.trailer && lay.trailer->u_file_size != lay.pinfo.filesize &&
      lay.trailer->u_file_size != 0)
    tamper(r, "p_filesize_altered",
           fmt::format("p_info.p_filesize {} differs from the trailer's size {}",
                       lay.pinfo.filesize, lay.trailer->u_file_size));
  if (!lay.trailer) {
    tamper(r, "trailer_missing", "UPX trailer (PackHeader at the end) not found");
  } else {
    if (!lay.trailer_magic_ok)
      tamper(
          r, "trailer_magic",
          fmt::format("trailer PackHeader magic replaced by {}", hex_bytes(lay.trailer->magic, 4)));
    else if (lay.trailer->u_file_size == 0)
      tamper(r, "trailer_size_zeroed", "trailer PackHeader u_file_size zeroed");
    if (lay.eof && !is_magic(lay.eof->raw_cpr))
      tamper(r, "eof_magic",
             fmt::format("end-of-blocks magic replaced by {}", hex_bytes(lay.eof->raw_cpr, 4)));
    const std::uint64_t end = lay.trailer_off + kPackHeaderSize + 4;
    // UPX pads nothing after the trailer; allow a zero-filled tail (UPX allows
    // a zero page for code signing) but report anything else as overlay.
    if (end < file.size()) {
      auto tail = v.clamp(end, file.size() - end);
      if (std::any_of(tail.begin(), tail.end(), [](std::uint8_t c) { return c != 0; })) {
        r.overlay_size = file.size() - end;
        tamper(r, "overlay",
               fmt::format("{} bytes appended after UPX's trailer at 0x{:x}", r.overlay_size, end));
      }
    }
  }
  if (elf.shoff != 0 || elf.e_shnum != 0 || elf.e_shstrndx != 0)
    tamper(r, "section_headers",
           fmt::format("section header fields set (e_shoff 0x{:x}, e_shnum {}, e_shstrndx {}); "
                       "UPX writes zeros",
                       elf.shoff, elf.e_shnum, elf.e_shstrndx));
  return r;
}

std::optional<Recognition> recognise(Bytes file, const elf::ElfFile& elf) {
  auto lay = locate(file, elf);
  if (!lay) return std::nullopt;
  return describe(file, elf, *lay);
}

}  // namespace iotguard::unpack::upx
