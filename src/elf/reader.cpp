// SPDX-License-Identifier: GPL-2.0-or-later
// Record layouts follow the System V gABI ("ELF header", "Program header",
// "Sections", "Symbol table", "Dynamic section"); one Parser template serves
// ELF32/ELF64 in both byte orders, so every bounds check exists once.
#include "elf/reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "core/entropy.h"
#include "elf/anomalies.h"
#include "elf/constants.h"
#include "elf/notes.h"

namespace iotguard::elf {
namespace {

// Byte offsets of the fields we read, per class.
template <bool Is64>
struct Layout;

template <>
struct Layout<false> {
  using Word = std::uint32_t;
  static constexpr std::size_t ehdr_size = 52;
  static constexpr std::size_t e_entry = 24, e_phoff = 28, e_shoff = 32, e_flags = 36,
                               e_ehsize = 40, e_phentsize = 42, e_phnum = 44, e_shentsize = 46,
                               e_shnum = 48, e_shstrndx = 50;
  static constexpr std::size_t phdr_size = 32;
  static constexpr std::size_t p_type = 0, p_offset = 4, p_vaddr = 8, p_paddr = 12, p_filesz = 16,
                               p_memsz = 20, p_flags = 24, p_align = 28;
  static constexpr std::size_t shdr_size = 40;
  static constexpr std::size_t sh_name = 0, sh_type = 4, sh_flags = 8, sh_addr = 12, sh_offset = 16,
                               sh_size = 20, sh_link = 24, sh_info = 28, sh_addralign = 32,
                               sh_entsize = 36;
  static constexpr std::size_t sym_size = 16;
  static constexpr std::size_t st_name = 0, st_value = 4, st_size = 8, st_info = 12, st_shndx = 14;
  static constexpr std::size_t dyn_size = 8, d_val = 4;
};

template <>
struct Layout<true> {
  using Word = std::uint64_t;
  static constexpr std::size_t ehdr_size = 64;
  static constexpr std::size_t e_entry = 24, e_phoff = 32, e_shoff = 40, e_flags = 48,
                               e_ehsize = 52, e_phentsize = 54, e_phnum = 56, e_shentsize = 58,
                               e_shnum = 60, e_shstrndx = 62;
  static constexpr std::size_t phdr_size = 56;
  static constexpr std::size_t p_type = 0, p_flags = 4, p_offset = 8, p_vaddr = 16, p_paddr = 24,
                               p_filesz = 32, p_memsz = 40, p_align = 48;
  static constexpr std::size_t shdr_size = 64;
  static constexpr std::size_t sh_name = 0, sh_type = 4, sh_flags = 8, sh_addr = 16, sh_offset = 24,
                               sh_size = 32, sh_link = 40, sh_info = 44, sh_addralign = 48,
                               sh_entsize = 56;
  static constexpr std::size_t sym_size = 24;
  static constexpr std::size_t st_name = 0, st_info = 4, st_shndx = 6, st_value = 8, st_size = 16;
  static constexpr std::size_t dyn_size = 16, d_val = 8;
};

template <bool Is64, Endian E>
class Parser {
  using L = Layout<Is64>;
  using Word = typename L::Word;

 public:
  Parser(Bytes bytes, const ReadLimits& limits, ElfFile& out) : v_(bytes), lim_(limits), f_(out) {}

  void run() {
    header();
    sections();  // before segments: extended numbering for e_phnum lives in section 0
    segments();
    section_names();
    dynamic();
    if (lim_.read_symbols) symbols();
    read_notes(v_, f_, lim_.max_notes);
    if (lim_.entropy) f_.entropy = shannon_entropy(v_.bytes());
    find_overlay();
    find_anomalies(v_, f_);
  }

 private:
  template <class T>
  T u(std::uint64_t off) const {  // caller has checked the record is inside the file
    return v_.read<T>(off, E).value_or(0);
  }
  std::uint64_t word(std::uint64_t off) const { return u<Word>(off); }

  void note(std::string id, std::string detail) {
    f_.anomalies.push_back({std::move(id), std::move(detail)});
  }

  void header() {
    f_.is64 = Is64;
    f_.endian = E;
    f_.ident_version = v_.bytes()[6];
    f_.osabi = v_.bytes()[7];
    f_.abiversion = v_.bytes()[8];
    f_.file_size = v_.size();
    // The caller checked 16 bytes of e_ident; the rest of the header may be cut.
    if (!v_.contains(0, L::ehdr_size)) {
      note("truncated_header", fmt::format("file ends at {} bytes, inside the {}-byte ELF header",
                                           v_.size(), L::ehdr_size));
    }
    f_.type = u<std::uint16_t>(16);
    f_.machine = u<std::uint16_t>(18);
    f_.version = u<std::uint32_t>(20);
    f_.entry = word(L::e_entry);
    f_.phoff = word(L::e_phoff);
    f_.shoff = word(L::e_shoff);
    f_.flags = u<std::uint32_t>(L::e_flags);
    f_.ehsize = u<std::uint16_t>(L::e_ehsize);
    f_.phentsize = u<std::uint16_t>(L::e_phentsize);
    f_.e_phnum = u<std::uint16_t>(L::e_phnum);
    f_.shentsize = u<std::uint16_t>(L::e_shentsize);
    f_.e_shnum = u<std::uint16_t>(L::e_shnum);
    f_.e_shstrndx = u<std::uint16_t>(L::e_shstrndx);
    f_.phnum = f_.e_phnum;
    f_.shnum = f_.e_shnum;
    f_.shstrndx = f_.e_shstrndx;
  }

  // Section headers. With extended numbering (gABI) the real counts live in
  // section 0: sh_size for e_shnum==0, sh_link for SHN_XINDEX, sh_info for PN_XNUM.
  void sections() {
    if (f_.shoff == 0) {
      if (f_.e_shnum != 0)
        note("bad_section_table", fmt::format("e_shnum is {} but e_shoff is 0", f_.e_shnum));
      return;
    }
    if (f_.shentsize < L::shdr_size) {
      note("bad_section_table", fmt::format("e_shentsize {} is smaller than a section header ({})",
                                            f_.shentsize, L::shdr_size));
      return;
    }
    if (!v_.contains(f_.shoff, L::shdr_size)) {
      note("section_table_outside_file",
           fmt::format("e_shoff 0x{:x} lies past the end of the file ({} bytes)", f_.shoff,
                       v_.size()));
      return;
    }
    const std::uint64_t s0 = f_.shoff;
    if (f_.e_shnum == 0) f_.shnum = word(s0 + L::sh_size);
    if (f_.e_shstrndx == SHN_XINDEX) f_.shstrndx = u<std::uint32_t>(s0 + L::sh_link);
    if (f_.e_phnum == PN_XNUM) f_.phnum = u<std::uint32_t>(s0 + L::sh_info);

    std::uint64_t fit = (v_.size() - f_.shoff) / f_.shentsize;
    std::uint64_t n = f_.shnum;
    if (n > fit) {
      note("section_table_outside_file",
           fmt::format("{} section headers of {} bytes at 0x{:x} run past the end of the file; "
                       "{} fit",
                       f_.shnum, f_.shentsize, f_.shoff, fit));
      n = fit;
    }
    if (n > lim_.max_sections) {
      note("too_many_sections",
           fmt::format("{} sections; reading the first {}", n, lim_.max_sections));
      n = lim_.max_sections;
    }
    f_.sections.reserve(static_cast<std::size_t>(n));
    for (std::uint64_t i = 0; i < n; ++i) {
      const std::uint64_t o = f_.shoff + i * f_.shentsize;
      Section s;
      s.name_offset = u<std::uint32_t>(o + L::sh_name);
      s.type = u<std::uint32_t>(o + L::sh_type);
      s.flags = word(o + L::sh_flags);
      s.addr = word(o + L::sh_addr);
      s.offset = word(o + L::sh_offset);
      s.size = word(o + L::sh_size);
      s.link = u<std::uint32_t>(o + L::sh_link);
      s.info = u<std::uint32_t>(o + L::sh_info);
      s.addralign = word(o + L::sh_addralign);
      s.entsize = word(o + L::sh_entsize);
      f_.sections.push_back(std::move(s));
    }
  }

  void segments() {
    if (f_.phnum == 0) return;
    if (f_.phentsize < L::phdr_size) {
      note("bad_program_header_table",
           fmt::format("e_phentsize {} is smaller than a program header ({})", f_.phentsize,
                       L::phdr_size));
      return;
    }
    if (f_.phoff >= v_.size()) {
      note("program_headers_outside_file",
           fmt::format("e_phoff 0x{:x} lies past the end of the file ({} bytes)", f_.phoff,
                       v_.size()));
      return;
    }
    std::uint64_t fit = (v_.size() - f_.phoff) / f_.phentsize;
    std::uint64_t n = f_.phnum;
    if (n > fit) {
      note("program_headers_outside_file",
           fmt::format("{} program headers at 0x{:x} run past the end of the file; {} fit",
                       f_.phnum, f_.phoff, fit));
      n = fit;
    }
    if (n > lim_.max_program_headers) {
      note("too_many_program_headers",
           fmt::format("{} program headers; reading the first {}", n, lim_.max_program_headers));
      n = lim_.max_program_headers;
    }
    f_.segments.reserve(static_cast<std::size_t>(n));
    for (std::uint64_t i = 0; i < n; ++i) {
      const std::uint64_t o = f_.phoff + i * f_.phentsize;
      Segment s;
      s.type = u<std::uint32_t>(o + L::p_type);
      s.flags = u<std::uint32_t>(o + L::p_flags);
      s.offset = word(o + L::p_offset);
      s.vaddr = word(o + L::p_vaddr);
      s.paddr = word(o + L::p_paddr);
      s.filesz = word(o + L::p_filesz);
      s.memsz = word(o + L::p_memsz);
      s.align = word(o + L::p_align);
      if (lim_.entropy) s.entropy = shannon_entropy(v_.clamp(s.offset, s.filesz));
      if (s.type == PT_INTERP && !f_.interpreter) {
        if (auto b = v_.slice(s.offset, s.filesz); b && !b->empty()) {
          ByteView iv(*b);
          f_.interpreter = std::string(iv.cstring(0, lim_.max_string).value_or(""));
        }
      }
      f_.segments.push_back(s);
    }
  }

  // Names from the section-header string table. A bad e_shstrndx leaves names
  // empty instead of guessing.
  void section_names() {
    if (f_.sections.empty()) return;
    if (f_.shstrndx == SHN_UNDEF) return;
    if (f_.shstrndx >= f_.sections.size()) {
      note("bad_section_name_index", fmt::format("e_shstrndx {} is not a section (there are {})",
                                                 f_.shstrndx, f_.sections.size()));
      return;
    }
    const Section& strtab = f_.sections[static_cast<std::size_t>(f_.shstrndx)];
    auto table = v_.slice(strtab.offset, strtab.size);
    if (!table || strtab.type == SHT_NOBITS) {
      note("bad_section_name_index", "the section-name string table lies outside the file");
      return;
    }
    ByteView names(*table);
    for (auto& s : f_.sections) s.name = name_at(names, s.name_offset);
  }

  // A section or symbol name, charged to ReadLimits::max_name_bytes; past the
  // budget names stay empty (anomaly names_truncated) so memory stays bounded.
  std::string name_at(const ByteView& table, std::uint64_t off) {
    const std::string_view n = table.cstring(off, lim_.max_string).value_or("");
    if (n.size() > lim_.max_name_bytes - name_bytes_) {  // name_bytes_ <= max_name_bytes
      if (!names_cut_)
        note("names_truncated", fmt::format("section and symbol names exceed {} bytes; later "
                                            "names are left empty",
                                            lim_.max_name_bytes));
      names_cut_ = true;
      return {};
    }
    name_bytes_ += n.size();
    return std::string(n);
  }

  // File offset of a virtual address, through the PT_LOAD segments.
  std::optional<std::uint64_t> vaddr_to_offset(std::uint64_t addr) const {
    for (const auto& s : f_.segments) {
      if (s.type != PT_LOAD) continue;
      if (addr >= s.vaddr && addr - s.vaddr < s.filesz) return s.offset + (addr - s.vaddr);
    }
    return std::nullopt;
  }

  // DT_NEEDED / DT_SONAME / DT_FLAGS_1. Works without section headers, as the
  // loader does: PT_DYNAMIC for the table, DT_STRTAB mapped through PT_LOAD.
  void dynamic() {
    std::uint64_t off = 0, size = 0;
    bool found = false;
    for (const auto& s : f_.segments)
      if (s.type == PT_DYNAMIC) {
        off = s.offset, size = s.filesz, found = true;
        break;
      }
    if (!found)
      for (const auto& s : f_.sections)
        if (s.type == SHT_DYNAMIC) {
          off = s.offset, size = s.size, found = true;
          break;
        }
    if (!found) return;
    Bytes table = v_.clamp(off, size);
    ByteView dv(table);
    std::uint64_t strtab = 0, strsz = 0;
    bool have_strtab = false;
    std::vector<std::pair<std::int64_t, std::uint64_t>> entries;
    const std::uint64_t count =
        std::min<std::uint64_t>(table.size() / L::dyn_size, lim_.max_dynamic_entries);
    for (std::uint64_t i = 0; i < count; ++i) {
      const std::uint64_t o = i * L::dyn_size;
      const auto tag =
          static_cast<std::int64_t>(Is64 ? dv.read<std::uint64_t>(o, E).value_or(0)
                                         : static_cast<std::uint64_t>(static_cast<std::int32_t>(
                                               dv.read<std::uint32_t>(o, E).value_or(0))));
      const std::uint64_t val = dv.read<Word>(o + L::d_val, E).value_or(0);
      if (tag == DT_NULL) break;
      if (tag == DT_STRTAB) strtab = val, have_strtab = true;
      if (tag == DT_STRSZ) strsz = val;
      if (tag == DT_FLAGS_1) f_.dt_flags_1 = val;
      if (tag == DT_NEEDED || tag == DT_SONAME) entries.emplace_back(tag, val);
    }
    if (!have_strtab) return;
    auto str_off = vaddr_to_offset(strtab);
    if (!str_off) {
      // Prelinked or oddly laid out files: fall back to the .dynstr section.
      for (const auto& s : f_.sections)
        if (s.type == SHT_STRTAB && s.addr == strtab) str_off = s.offset;
    }
    if (!str_off) return;
    Bytes strings = v_.clamp(*str_off, strsz != 0 ? strsz : v_.size());
    ByteView sv(strings);
    for (const auto& [tag, val] : entries) {
      auto name = sv.cstring(val, lim_.max_string);
      if (!name) continue;
      if (tag == DT_NEEDED)
        f_.needed.emplace_back(*name);
      else
        f_.soname = std::string(*name);
    }
  }

  void symbols() {
    for (const auto& s : f_.sections) {
      if (s.type != SHT_SYMTAB && s.type != SHT_DYNSYM) continue;
      const bool dyn = s.type == SHT_DYNSYM;
      Bytes table = v_.clamp(s.offset, s.size);
      const std::uint64_t n = table.size() / L::sym_size;
      (dyn ? f_.dynsym_count : f_.symtab_count) += n;
      ByteView strings;
      if (s.link < f_.sections.size()) {
        const Section& st = f_.sections[s.link];
        if (st.type != SHT_NOBITS) strings = ByteView(v_.clamp(st.offset, st.size));
      }
      ByteView tv(table);
      for (std::uint64_t i = 0; i < n; ++i) {
        if (f_.symbols.size() >= lim_.max_symbols) {
          f_.symbols_truncated = true;
          break;
        }
        const std::uint64_t o = i * L::sym_size;
        Symbol sym;
        const auto name_off = tv.read<std::uint32_t>(o + L::st_name, E).value_or(0);
        sym.value = tv.read<Word>(o + L::st_value, E).value_or(0);
        sym.size = tv.read<Word>(o + L::st_size, E).value_or(0);
        const auto info = tv.read<std::uint8_t>(o + L::st_info, E).value_or(0);
        sym.type = info & 0xf;
        sym.bind = info >> 4;
        sym.shndx = tv.read<std::uint16_t>(o + L::st_shndx, E).value_or(0);
        sym.dynamic = dyn;
        sym.name = name_at(strings, name_off);
        if (i == 0 && sym.name.empty() && sym.value == 0) continue;  // the null symbol
        f_.symbols.push_back(std::move(sym));
      }
    }
  }

  // Bytes past the last byte any header, segment or section accounts for.
  void find_overlay() {
    auto end_of = [&](std::uint64_t off, std::uint64_t len) -> std::uint64_t {
      if (off >= v_.size()) return 0;
      return off + std::min<std::uint64_t>(len, v_.size() - off);
    };
    std::uint64_t last = std::min<std::uint64_t>(L::ehdr_size, v_.size());
    last = std::max(last, end_of(f_.phoff, f_.segments.size() * std::uint64_t{f_.phentsize}));
    last = std::max(last, end_of(f_.shoff, f_.sections.size() * std::uint64_t{f_.shentsize}));
    for (const auto& s : f_.segments) last = std::max(last, end_of(s.offset, s.filesz));
    for (const auto& s : f_.sections)
      if (s.type != SHT_NOBITS && s.type != SHT_NULL)
        last = std::max(last, end_of(s.offset, s.size));
    if (last < v_.size()) {
      f_.overlay_offset = last;
      f_.overlay_size = v_.size() - last;
    }
  }

  ByteView v_;
  const ReadLimits& lim_;
  ElfFile& f_;
  std::uint64_t name_bytes_ = 0;
  bool names_cut_ = false;
};

}  // namespace

bool is_elf(Bytes bytes) { return bytes.size() >= 4 && std::memcmp(bytes.data(), kMagic, 4) == 0; }

Result<ElfFile> read(Bytes bytes, const ReadLimits& limits) {
  if (!is_elf(bytes)) return Error{"not an ELF file (no \\x7fELF magic)"};
  if (bytes.size() < 16) return Error{"truncated ELF identification (fewer than 16 bytes)"};
  const std::uint8_t cls = bytes[4], data = bytes[5];
  if (cls != ELFCLASS32 && cls != ELFCLASS64)
    return Error{fmt::format("unknown ELF class {} in e_ident[EI_CLASS]", cls)};
  if (data != ELFDATA2LSB && data != ELFDATA2MSB)
    return Error{fmt::format("unknown ELF data encoding {} in e_ident[EI_DATA]", data)};
  ElfFile f;
  const bool be = data == ELFDATA2MSB;
  if (cls == ELFCLASS64) {
    if (be)
      Parser<true, Endian::big>(bytes, limits, f).run();
    else
      Parser<true, Endian::little>(bytes, limits, f).run();
  } else {
    if (be)
      Parser<false, Endian::big>(bytes, limits, f).run();
    else
      Parser<false, Endian::little>(bytes, limits, f).run();
  }
  return f;
}

}  // namespace iotguard::elf
