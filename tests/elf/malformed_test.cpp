// SPDX-License-Identifier: GPL-2.0-or-later
// Hand-made malformed ELF files, in all four class/byte-order combinations:
// each must give the named anomaly (src/elf/anomalies.cpp, docs/elf-reader.md)
// or a clean error, never a crash. Run under the asan-ubsan preset, where every
// image is a heap buffer of exactly its size, so an out-of-bounds read aborts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "../support/elf_builder.h"
#include "elf/constants.h"
#include "elf/reader.h"

using namespace iotguard;
using iotguard::test::ElfBuilder;

namespace {

struct Combo {
  bool is64, be;
};

std::string combo_name(const ::testing::TestParamInfo<Combo>& i) {
  return std::string(i.param.is64 ? "ELF64" : "ELF32") + (i.param.be ? "BE" : "LE");
}

// Field offsets (gABI) for patching built images.
struct Fields {
  std::size_t word, ehsize, phsize, shsize;
  std::size_t e_entry, e_phoff, e_shoff, e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum,
      e_shstrndx;
  std::size_t p_type, p_flags, p_offset, p_vaddr, p_filesz, p_memsz;
  std::size_t sh_type, sh_offset, sh_size, sh_link, sh_info;
};
constexpr Fields k32{4,  52, 32, 40, 24, 28, 32, 40, 42, 44, 46, 48,
                     50, 0,  24, 4,  8,  16, 20, 4,  16, 20, 24, 28};
constexpr Fields k64{8,  64, 56, 64, 24, 32, 40, 52, 54, 56, 58, 60,
                     62, 0,  4,  8,  16, 32, 40, 4,  24, 32, 40, 44};

// Where the test image keeps its parts (file offsets; vaddr = 0x10000 + offset).
constexpr std::uint64_t kBase = 0x10000;
constexpr std::uint64_t kInterp = 0x200, kNote = 0x220, kDynamic = 0x240, kDynstr = 0x300,
                        kText = 0x380, kLoadEnd = 0x400, kSymtab = 0x400, kStrtab = 0x460,
                        kPayloadEnd = 0x480;
// Program header indexes and section indexes of the test image.
enum Phdr { kPhLoad, kPhInterp, kPhNote, kPhDynamic, kPhNum };
enum Shdr { kShInterp = 1, kShNote, kShDynamic, kShDynstr, kShText, kShStrtab, kShSymtab };

class Image {
 public:
  Image(Combo c, bool with_sections = true)
      : c_(c), f_(c.is64 ? k64 : k32), b_(c.is64, c.be, elf::EM_MIPS) {
    const std::uint64_t sym = c.is64 ? 24 : 16, dyn = c.is64 ? 16 : 8;
    b_.type(elf::ET_EXEC).entry(kBase + kText).with_section_headers(with_sections);
    b_.segment({elf::PT_LOAD, elf::PF_R | elf::PF_X, 0, kBase, kLoadEnd, kLoadEnd, 0x1000})
        .segment({elf::PT_INTERP, elf::PF_R, kInterp, kBase + kInterp, 13, 13, 1})
        .segment({elf::PT_NOTE, elf::PF_R, kNote, kBase + kNote, 24, 24, 4})
        .segment({elf::PT_DYNAMIC, elf::PF_R, kDynamic, kBase + kDynamic, 4 * dyn, 4 * dyn, 4})
        .bytes_at(kInterp, std::vector<std::uint8_t>(kPayloadEnd - kInterp, 0));
    b_.section({".interp", elf::SHT_PROGBITS, 2, kBase + kInterp, kInterp, 13, 0, 0, 1, 0})
        .section({".note.gnu.build-id", elf::SHT_NOTE, 2, kBase + kNote, kNote, 24, 0, 0, 4, 0})
        .section({".dynamic", elf::SHT_DYNAMIC, 3, kBase + kDynamic, kDynamic, 4 * dyn, kShDynstr,
                  0, 4, dyn})
        .section({".dynstr", elf::SHT_STRTAB, 2, kBase + kDynstr, kDynstr, 11, 0, 0, 1, 0})
        .section({".text", elf::SHT_PROGBITS, 6, kBase + kText, kText, 0x80, 0, 0, 4, 0})
        .section({".strtab", elf::SHT_STRTAB, 0, 0, kStrtab, 6, 0, 0, 1, 0})
        .section({".symtab", elf::SHT_SYMTAB, 0, 0, kSymtab, 2 * sym, kShStrtab, 1, 4, sym});
    img = b_.build();
    // Contents: interpreter path, a GNU build-id note, a dynamic table naming
    // libc.so.6, its strings, code bytes, and a symbol table with "main".
    const std::string interp = "/lib/ld.so.1";
    std::copy(interp.begin(), interp.end(), img.begin() + kInterp);
    put(kNote, 4, 4), put(kNote + 4, 4, 8), put(kNote + 8, 4, elf::NT_GNU_BUILD_ID);
    std::copy_n("GNU", 4, img.begin() + kNote + 12);
    for (int i = 0; i < 8; ++i) img[kNote + 16 + i] = static_cast<std::uint8_t>(0xa0 + i);
    const std::uint64_t w = f_.word;
    put(kDynamic, w, elf::DT_NEEDED), put(kDynamic + w, w, 1);
    put(kDynamic + dyn, w, elf::DT_STRTAB), put(kDynamic + dyn + w, w, kBase + kDynstr);
    put(kDynamic + 2 * dyn, w, elf::DT_STRSZ), put(kDynamic + 2 * dyn + w, w, 11);
    std::copy_n("\0libc.so.6", 11, img.begin() + kDynstr);
    std::fill(img.begin() + kText, img.begin() + kLoadEnd, 0x24);
    std::copy_n("\0main", 6, img.begin() + kStrtab);
    const std::uint64_t s1 = kSymtab + sym;  // symbol 1: "main", FUNC GLOBAL in .text
    put(s1, 4, 1);
    if (c.is64) {
      img[s1 + 4] = 0x12, put(s1 + 6, 2, kShText), put(s1 + 8, 8, kBase + kText);
    } else {
      put(s1 + 4, 4, kBase + kText), img[s1 + 12] = 0x12, put(s1 + 14, 2, kShText);
    }
  }

  void put(std::uint64_t off, std::uint64_t n, std::uint64_t v) {
    b_.put(img, off, static_cast<int>(n), v);
  }
  [[nodiscard]] std::uint64_t get(std::uint64_t off, std::uint64_t n) const {
    std::uint64_t v = 0;
    for (std::uint64_t i = 0; i < n; ++i)
      v = c_.be ? (v << 8) | img[off + i] : v | std::uint64_t{img[off + i]} << (8 * i);
    return v;
  }
  [[nodiscard]] const Fields& f() const { return f_; }
  [[nodiscard]] std::uint64_t word() const { return f_.word; }
  void header(std::size_t field, std::uint64_t v, std::uint64_t n = 0) {
    put(field, n != 0 ? n : width(field), v);
  }
  [[nodiscard]] std::uint64_t shoff() const { return get(f_.e_shoff, f_.word); }
  [[nodiscard]] std::uint64_t phend() const {
    return f_.ehsize + kPhNum * std::uint64_t{f_.phsize};
  }
  // Program header i, field at offset field; words are class-sized except type/flags.
  void phdr(int i, std::size_t field, std::uint64_t v) {
    const bool narrow = field == f_.p_type || field == f_.p_flags;
    put(f_.ehsize + i * f_.phsize + field, narrow ? 4 : f_.word, v);
  }
  void shdr(int i, std::size_t field, std::uint64_t v) {
    const bool narrow = field == f_.sh_type || field == f_.sh_link || field == f_.sh_info;
    put(shoff() + i * f_.shsize + field, narrow ? 4 : f_.word, v);
  }

  std::vector<std::uint8_t> img;

 private:
  [[nodiscard]] std::uint64_t width(std::size_t field) const {
    if (field == f_.e_entry || field == f_.e_phoff || field == f_.e_shoff) return f_.word;
    return 2;
  }
  Combo c_;
  Fields f_;
  ElfBuilder b_;
};

// Reads a copy of exactly these bytes (so ASan sees the real end).
Result<elf::ElfFile> read(const std::vector<std::uint8_t>& bytes, const elf::ReadLimits& l = {}) {
  const std::vector<std::uint8_t> copy(bytes.begin(), bytes.end());
  return elf::read(copy, l);
}

std::string ids(const elf::ElfFile& f) {
  std::string s;
  for (const auto& a : f.anomalies) s += a.id + " (" + a.detail + "); ";
  return s.empty() ? "none" : s;
}

#define EXPECT_ANOMALY(f, id) \
  EXPECT_TRUE((f).has_anomaly(id)) << "want " << (id) << ", got " << ids(f)

class Malformed : public ::testing::TestWithParam<Combo> {};

INSTANTIATE_TEST_SUITE_P(AllClasses, Malformed,
                         ::testing::Values(Combo{false, false}, Combo{false, true},
                                           Combo{true, false}, Combo{true, true}),
                         combo_name);

// The unbroken image reads completely and cleanly: the cases below differ from
// it by one corruption each.
TEST_P(Malformed, BaseImageIsCleanAndComplete) {
  Image im(GetParam());
  auto f = read(im.img);
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_TRUE(f->anomalies.empty()) << ids(*f);
  EXPECT_EQ(f->segments.size(), std::size_t{kPhNum});
  ASSERT_EQ(f->sections.size(), 9u);
  EXPECT_EQ(f->sections[kShSymtab].name, ".symtab");
  EXPECT_EQ(f->interpreter.value_or(""), "/lib/ld.so.1");
  EXPECT_EQ(f->needed, std::vector<std::string>{"libc.so.6"});
  EXPECT_EQ(f->build_id.value_or(""), "a0a1a2a3a4a5a6a7");
  EXPECT_EQ(f->symtab_count, 2u);
  ASSERT_EQ(f->symbols.size(), 1u);
  EXPECT_EQ(f->symbols[0].name, "main");
  EXPECT_EQ(f->symbols[0].value, kBase + kText);
  EXPECT_EQ(f->linking(), "dynamic");
  EXPECT_FALSE(f->is_stripped());
}

TEST_P(Malformed, ZeroLengthAndShortIdentificationAreErrors) {
  EXPECT_FALSE(read({}).ok());
  Image im(GetParam());
  for (std::size_t n = 1; n < 16; ++n)
    EXPECT_FALSE(read({im.img.begin(), im.img.begin() + static_cast<std::ptrdiff_t>(n)}).ok())
        << n << " bytes";
}

// Cut at every byte: inside the ELF header, the program headers, the payload
// and the section headers. Each cut names the structure it broke.
TEST_P(Malformed, TruncatedAtEveryByte) {
  Image im(GetParam());
  const std::uint64_t eh = im.f().ehsize, phend = im.phend(), shoff = im.shoff();
  for (std::uint64_t n = 16; n < im.img.size(); ++n) {
    SCOPED_TRACE("truncated to " + std::to_string(n) + " bytes");
    auto f = read({im.img.begin(), im.img.begin() + static_cast<std::ptrdiff_t>(n)});
    ASSERT_TRUE(f.ok()) << f.error().message;
    if (n < eh) {
      EXPECT_ANOMALY(*f, "truncated_header");
      continue;
    }
    EXPECT_FALSE(f->has_anomaly("truncated_header"));
    if (n < phend) {
      EXPECT_ANOMALY(*f, "program_headers_outside_file");
      EXPECT_EQ(f->segments.size(), (n - eh) / im.f().phsize);
    } else {
      EXPECT_EQ(f->segments.size(), std::size_t{kPhNum});
    }
    if (n > phend && n < kLoadEnd) EXPECT_ANOMALY(*f, "segment_past_eof");
    // The section table is last, so every cut breaks it.
    EXPECT_ANOMALY(*f, "section_table_outside_file");
    if (n >= shoff) EXPECT_EQ(f->sections.size(), (n - shoff) / im.f().shsize);
    if (n < kInterp + 13) EXPECT_FALSE(f->interpreter.has_value());
  }
}

TEST_P(Malformed, EveryHeaderByteSetToExtremesNeverCrashes) {
  Image im(GetParam());
  const std::uint64_t end = im.phend();
  for (std::uint64_t i = 0; i < end; ++i)
    for (std::uint8_t v : {std::uint8_t{0}, std::uint8_t{0x7f}, std::uint8_t{0xff}}) {
      auto img = im.img;
      img[i] = v;
      auto f = read(img);
      if (i < 4 && v != im.img[i]) {
        EXPECT_FALSE(f.ok());  // the magic
      } else if ((i == 4 || i == 5) && v != im.img[i]) {
        EXPECT_FALSE(f.ok());  // class, data encoding
      } else {
        EXPECT_TRUE(f.ok()) << "byte " << i << " = " << int(v);
      }
    }
}

TEST_P(Malformed, SectionTableOffsetPastEndOfFile) {
  Image im(GetParam());
  im.header(im.f().e_shoff, im.img.size() + 0x1000);
  auto f = read(im.img);
  ASSERT_TRUE(f.ok());
  EXPECT_ANOMALY(*f, "section_table_outside_file");
  EXPECT_TRUE(f->sections.empty());
  EXPECT_EQ(f->needed, std::vector<std::string>{"libc.so.6"});  // PT_DYNAMIC still read
}

TEST_P(Malformed, SectionTableOffsetOverflows) {
  Image im(GetParam());
  im.header(im.f().e_shoff, im.word() == 8 ? ~std::uint64_t{0} - 8 : 0xfffffff8);
  auto f = read(im.img);
  ASSERT_TRUE(f.ok());
  EXPECT_ANOMALY(*f, "section_table_outside_file");
  EXPECT_TRUE(f->sections.empty());
}

TEST_P(Malformed, SectionCountFFFF) {
  Image im(GetParam());
  im.header(im.f().e_shnum, 0xffff);
  auto f = read(im.img);
  ASSERT_TRUE(f.ok());
  EXPECT_ANOMALY(*f, "section_table_outside_file");
  EXPECT_EQ(f->shnum, 0xffffu);
  EXPECT_EQ(f->sections.size(), 9u);  // all that fit
}

TEST_P(Malformed, SectionNameIndexGarbage) {
  for (std::uint64_t v : {std::uint64_t{9}, std::uint64_t{0x1234}, std::uint64_t{0xfeff}}) {
    Image im(GetParam());
    im.header(im.f().e_shstrndx, v);
    auto f = read(im.img);
    ASSERT_TRUE(f.ok());
    EXPECT_ANOMALY(*f, "bad_section_name_index");
    for (const auto& s : f->sections) EXPECT_TRUE(s.name.empty());
  }
}

TEST_P(Malformed, SectionNameTableIsNobitsOrOutsideFile) {
  {
    Image im(GetParam());
    im.shdr(8, im.f().sh_type, elf::SHT_NOBITS);
    auto f = read(im.img);
    EXPECT_ANOMALY(*f, "bad_section_name_index");
  }
  {
    Image im(GetParam());
    im.shdr(8, im.f().sh_offset, im.img.size() - 2);
    auto f = read(im.img);
    EXPECT_ANOMALY(*f, "bad_section_name_index");
    EXPECT_ANOMALY(*f, "section_past_eof");
  }
}

// gABI extended numbering: counts too large for the header live in section 0.
TEST_P(Malformed, ExtendedSectionCountInSectionZero) {
  Image im(GetParam());
  im.header(im.f().e_shnum, 0);
  im.shdr(0, im.f().sh_size, 9);
  auto f = read(im.img);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->e_shnum, 0u);
  EXPECT_EQ(f->shnum, 9u);
  ASSERT_EQ(f->sections.size(), 9u);
  EXPECT_EQ(f->sections[kShText].name, ".text");
  EXPECT_FALSE(f->has_anomaly("no_section_headers")) << ids(*f);
}

TEST_P(Malformed, ExtendedSectionCountGarbage) {
  Image im(GetParam());
  im.header(im.f().e_shnum, 0);
  im.shdr(0, im.f().sh_size, im.word() == 8 ? ~std::uint64_t{0} : 0xffffffff);
  auto f = read(im.img);
  ASSERT_TRUE(f.ok());
  EXPECT_ANOMALY(*f, "section_table_outside_file");
  EXPECT_EQ(f->sections.size(), 9u);
}

TEST_P(Malformed, ExtendedNameIndexViaShnXindex) {
  Image im(GetParam());
  im.header(im.f().e_shstrndx, elf::SHN_XINDEX);
  im.shdr(0, im.f().sh_link, 8);
  auto f = read(im.img);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->shstrndx, 8u);
  EXPECT_EQ(f->sections[kShText].name, ".text");
  EXPECT_TRUE(f->anomalies.empty()) << ids(*f);

  im.shdr(0, im.f().sh_link, 0x7fffffff);
  f = read(im.img);
  EXPECT_ANOMALY(*f, "bad_section_name_index");
}

TEST_P(Malformed, ExtendedProgramHeaderCountViaPnXnum) {
  Image im(GetParam());
  im.header(im.f().e_phnum, elf::PN_XNUM);
  im.shdr(0, im.f().sh_info, kPhNum);
  auto f = read(im.img);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->phnum, std::uint64_t{kPhNum});
  EXPECT_EQ(f->segments.size(), std::size_t{kPhNum});
  EXPECT_EQ(f->interpreter.value_or(""), "/lib/ld.so.1");

  im.shdr(0, im.f().sh_info, 0xffffffff);
  f = read(im.img);
  EXPECT_ANOMALY(*f, "program_headers_outside_file");
}

TEST_P(Malformed, PnXnumWithoutSectionTable) {
  Image im(GetParam());
  im.header(im.f().e_phnum, elf::PN_XNUM);
  im.header(im.f().e_shoff, 0);
  im.header(im.f().e_shnum, 0);
  auto f = read(im.img);
  ASSERT_TRUE(f.ok());
  EXPECT_ANOMALY(*f, "program_headers_outside_file");
  EXPECT_ANOMALY(*f, "no_section_headers");
}

TEST_P(Malformed, HugeProgramHeaderCount) {
  Image im(GetParam());
  im.header(im.f().e_phnum, 0xfffe);
  auto f = read(im.img);
  ASSERT_TRUE(f.ok());
  EXPECT_ANOMALY(*f, "program_headers_outside_file");
  EXPECT_EQ(f->segments.size(), (im.img.size() - im.f().ehsize) / im.f().phsize);
}

TEST_P(Malformed, CountsBeyondReadLimitsAreCut) {
  Image im(GetParam());
  elf::ReadLimits lim;
  lim.max_program_headers = 2;
  lim.max_sections = 3;
  auto f = read(im.img, lim);
  ASSERT_TRUE(f.ok());
  EXPECT_ANOMALY(*f, "too_many_program_headers");
  EXPECT_ANOMALY(*f, "too_many_sections");
  EXPECT_EQ(f->segments.size(), 2u);
  EXPECT_EQ(f->sections.size(), 3u);

  elf::ReadLimits few_symbols;
  few_symbols.max_symbols = 0;
  f = read(im.img, few_symbols);
  EXPECT_TRUE(f->symbols.empty());
  EXPECT_TRUE(f->symbols_truncated);
  EXPECT_EQ(f->symtab_count, 2u);  // still counted
}

TEST_P(Malformed, EntrySizesTooSmall) {
  for (std::uint64_t v : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{31}}) {
    Image im(GetParam());
    im.header(im.f().e_phentsize, v);
    auto f = read(im.img);
    EXPECT_ANOMALY(*f, "bad_program_header_table");
    EXPECT_TRUE(f->segments.empty());
  }
  for (std::uint64_t v : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{39}}) {
    Image im(GetParam());
    im.header(im.f().e_shentsize, v);
    auto f = read(im.img);
    EXPECT_ANOMALY(*f, "bad_section_table");
    EXPECT_TRUE(f->sections.empty());
  }
}

TEST_P(Malformed, ProgramHeaderTableOffsetPastEndOfFile) {
  Image im(GetParam());
  im.header(im.f().e_phoff, im.img.size());
  auto f = read(im.img);
  EXPECT_ANOMALY(*f, "program_headers_outside_file");
  EXPECT_TRUE(f->segments.empty());
}

TEST_P(Malformed, BadHeaderSize) {
  Image im(GetParam());
  im.header(im.f().e_ehsize, 0x1234);
  EXPECT_ANOMALY(*read(im.img), "bad_header_size");
}

TEST_P(Malformed, InterpreterPastEndOfFileOrLyingSize) {
  const auto& F = GetParam().is64 ? k64 : k32;
  {
    Image im(GetParam());
    im.phdr(kPhInterp, F.p_offset, im.img.size() + 16);
    auto f = read(im.img);
    EXPECT_ANOMALY(*f, "segment_past_eof");
    EXPECT_FALSE(f->interpreter.has_value());
    EXPECT_EQ(f->linking(), "dynamic");  // PT_INTERP is there, whatever it points to
  }
  {
    Image im(GetParam());
    im.phdr(kPhInterp, F.p_filesz, im.word() == 8 ? ~std::uint64_t{0} : 0xffffffff);
    auto f = read(im.img);
    EXPECT_ANOMALY(*f, "segment_past_eof");
    EXPECT_FALSE(f->interpreter.has_value());
  }
  {
    Image im(GetParam());  // shorter than the string: cut at p_filesz, not read on
    im.phdr(kPhInterp, F.p_filesz, 4);
    auto f = read(im.img);
    EXPECT_EQ(f->interpreter.value_or("?"), "/lib");
  }
}

TEST_P(Malformed, DynamicPastEndOfFileOrLying) {
  const auto& F = GetParam().is64 ? k64 : k32;
  {
    Image im(GetParam());
    im.phdr(kPhDynamic, F.p_offset, im.word() == 8 ? ~std::uint64_t{0} - 4 : 0xfffffffc);
    auto f = read(im.img);
    EXPECT_ANOMALY(*f, "segment_past_eof");
    EXPECT_TRUE(f->needed.empty());
  }
  {
    Image im(GetParam());  // a size running past the end: the table is read up to DT_NULL
    im.phdr(kPhDynamic, F.p_filesz, im.word() == 8 ? ~std::uint64_t{0} : 0xffffffff);
    auto f = read(im.img);
    EXPECT_ANOMALY(*f, "segment_past_eof");
    EXPECT_EQ(f->needed, std::vector<std::string>{"libc.so.6"});
  }
  {
    Image im(GetParam());  // DT_NEEDED's string offset far outside DT_STRSZ and the file
    im.put(kDynamic + im.word(), im.word(), 0xfffffff0);
    auto f = read(im.img);
    EXPECT_TRUE(f->needed.empty());
  }
  {
    Image im(GetParam());  // DT_STRTAB at an address no segment or section maps
    im.put(kDynamic + 3 * im.word(), im.word(), 0xdead0000);
    auto f = read(im.img);
    EXPECT_TRUE(f->needed.empty());
  }
}

TEST_P(Malformed, NotesPastEndOfFileOrLying) {
  const auto& F = GetParam().is64 ? k64 : k32;
  const std::uint64_t huge = GetParam().is64 ? ~std::uint64_t{0} - 2 : 0xfffffffe;
  auto no_build_id = [&](Image& im, const char* what) {
    auto f = read(im.img);
    ASSERT_TRUE(f.ok()) << what;
    EXPECT_FALSE(f->build_id.has_value()) << what;
  };
  {
    Image im(GetParam());
    im.phdr(kPhNote, F.p_offset, huge);
    im.shdr(kShNote, F.sh_offset, huge);
    no_build_id(im, "note offset past EOF");
    EXPECT_ANOMALY(*read(im.img), "segment_past_eof");
  }
  for (std::uint64_t field : {kNote, kNote + 4}) {  // namesz, then descsz
    for (std::uint64_t v :
         {std::uint64_t{0xffffffff}, std::uint64_t{0x7ffffffd}, std::uint64_t{25}}) {
      Image im(GetParam());
      im.put(field, 4, v);
      no_build_id(im, field == kNote ? "huge namesz" : "huge descsz");
    }
  }
  {
    Image im(GetParam());  // a region size that is not a whole note
    im.phdr(kPhNote, F.p_filesz, 13);
    im.shdr(kShNote, F.sh_size, 13);
    no_build_id(im, "cut region");
  }
}

TEST_P(Malformed, SymbolTableWithBadLinkOrPlace) {
  const auto& F = GetParam().is64 ? k64 : k32;
  for (std::uint64_t link : {std::uint64_t{0xffff}, std::uint64_t{0xffffffff},
                             std::uint64_t{kShSymtab}, std::uint64_t{0}}) {
    Image im(GetParam());
    im.shdr(kShSymtab, F.sh_link, link);
    auto f = read(im.img);
    ASSERT_TRUE(f.ok());
    EXPECT_EQ(f->symtab_count, 2u) << "link " << link;
    EXPECT_FALSE(f->is_stripped());
  }
  {
    Image im(GetParam());  // the string table is NOBITS
    im.shdr(kShStrtab, F.sh_type, elf::SHT_NOBITS);
    auto f = read(im.img);
    ASSERT_EQ(f->symbols.size(), 1u);
    EXPECT_EQ(f->symbols[0].name, "");
  }
  {
    Image im(GetParam());
    im.shdr(kShSymtab, F.sh_offset, im.img.size() + 1);
    auto f = read(im.img);
    EXPECT_ANOMALY(*f, "section_past_eof");
    EXPECT_EQ(f->symtab_count, 0u);
  }
  {
    Image im(GetParam());  // a size that runs past the end: counts only whole records inside
    im.shdr(kShSymtab, F.sh_size, im.word() == 8 ? ~std::uint64_t{0} : 0xffffffff);
    auto f = read(im.img);
    EXPECT_ANOMALY(*f, "section_past_eof");
    EXPECT_EQ(f->symtab_count, (im.img.size() - kSymtab) / (im.word() == 8 ? 24 : 16));
  }
}

TEST_P(Malformed, EntryOutsideExecutableSegment) {
  for (std::uint64_t entry : {std::uint64_t{0x1000}, kBase + kLoadEnd, std::uint64_t{0xfffffff0}}) {
    Image im(GetParam());
    im.header(im.f().e_entry, entry);
    EXPECT_ANOMALY(*read(im.img), "entry_outside_executable_segment");
  }
  Image im(GetParam());  // inside, but the segment is not executable
  im.phdr(kPhLoad, im.f().p_flags, elf::PF_R);
  EXPECT_ANOMALY(*read(im.img), "entry_outside_executable_segment");
}

TEST_P(Malformed, LoadSegmentPastEndOfFile) {
  Image im(GetParam());
  im.phdr(kPhLoad, im.f().p_filesz, im.img.size() + 1);
  im.phdr(kPhLoad, im.f().p_memsz, im.img.size() + 1);
  EXPECT_ANOMALY(*read(im.img), "segment_past_eof");
}

TEST_P(Malformed, FileSizeLargerThanMemorySize) {
  Image im(GetParam());
  im.phdr(kPhLoad, im.f().p_memsz, 0x10);
  auto f = read(im.img);
  EXPECT_ANOMALY(*f, "oversized_segment");
  EXPECT_ANOMALY(*f, "entry_outside_executable_segment");  // the entry is past memsz now
}

TEST_P(Malformed, HugeMemorySize) {
  Image im(GetParam());
  im.phdr(kPhLoad, im.f().p_memsz, 0xc0000000);
  EXPECT_ANOMALY(*read(im.img), "oversized_segment");
}

TEST_P(Malformed, OverlappingAndWritableExecutableSegments) {
  const auto& F = GetParam().is64 ? k64 : k32;
  Image im(GetParam());  // turn PT_NOTE into a second R-W-X load inside the first
  im.phdr(kPhNote, F.p_type, elf::PT_LOAD);
  im.phdr(kPhNote, F.p_flags, elf::PF_R | elf::PF_W | elf::PF_X);
  auto f = read(im.img);
  EXPECT_ANOMALY(*f, "overlapping_segments");
  EXPECT_ANOMALY(*f, "writable_executable_segment");
}

TEST_P(Malformed, SectionPastEndOfFile) {
  Image im(GetParam());
  im.shdr(kShText, im.f().sh_size, 0x100000);
  EXPECT_ANOMALY(*read(im.img), "section_past_eof");
}

TEST_P(Malformed, Overlay) {
  Image im(GetParam());
  const std::uint64_t end = im.img.size();
  im.img.resize(end + 100, 0x41);
  auto f = read(im.img);
  EXPECT_ANOMALY(*f, "overlay");
  EXPECT_EQ(f->overlay_offset, end);
  EXPECT_EQ(f->overlay_size, 100u);
}

TEST_P(Malformed, NoSectionHeaders) {
  Image im(GetParam(), false);
  auto f = read(im.img);
  EXPECT_ANOMALY(*f, "no_section_headers");
  EXPECT_TRUE(f->is_stripped());
  EXPECT_EQ(f->needed, std::vector<std::string>{"libc.so.6"});  // found through PT_DYNAMIC
  EXPECT_FALSE(f->has_anomaly("upx_like"));
}

TEST_P(Malformed, UpxMagicAfterProgramHeaders) {
  Image im(GetParam());
  std::copy_n("UPX!", 4, im.img.begin() + static_cast<std::ptrdiff_t>(im.phend()) + 4);
  EXPECT_ANOMALY(*read(im.img), "upx_like");
}

// UPX's layout with the magic wiped: no sections, a small executable stub and
// one big high-entropy load segment; the same layout with low entropy is not.
TEST_P(Malformed, UpxLayoutWithoutMagic) {
  for (bool random : {true, false}) {
    ElfBuilder b(GetParam().is64, GetParam().be, elf::EM_ARM);
    std::vector<std::uint8_t> bulk(0x4000);
    std::mt19937 rng(7);
    for (auto& x : bulk) x = random ? static_cast<std::uint8_t>(rng()) : 0x55;
    b.with_section_headers(false)
        .entry(0x8000 + 0x100)
        .segment({elf::PT_LOAD, elf::PF_R | elf::PF_X, 0, 0x8000, 0x200, 0x200, 0x1000})
        .segment(
            {elf::PT_LOAD, elf::PF_R | elf::PF_W, 0x1000, 0x20000, bulk.size(), 0x40000, 0x1000})
        .bytes_at(0x100, std::vector<std::uint8_t>(0x100, 0x90))
        .bytes_at(0x1000, bulk);
    auto f = read(b.build());
    ASSERT_TRUE(f.ok());
    EXPECT_ANOMALY(*f, "no_section_headers");
    EXPECT_EQ(f->has_anomaly("upx_like"), random) << ids(*f);
  }
}

// Many section headers all naming one long unterminated run of bytes: the
// names together stay within ReadLimits::max_name_bytes (a 1 MiB file must not
// cost hundreds of MiB of strings).
TEST(MalformedNames, NameBytesAreBounded) {
  for (const std::uint64_t budget : {std::uint64_t{10000}, elf::ReadLimits{}.max_name_bytes}) {
    const std::size_t count = budget == 10000 ? 100 : 8000;
    ElfBuilder b(true, false, elf::EM_AARCH64);
    b.bytes_at(0x100, std::vector<std::uint8_t>(16384, 'A'));  // sh_name i+1 still sees 4096
    for (std::size_t i = 0; i < count; ++i) b.section({"", elf::SHT_PROGBITS, 0, 0, 0x100, 16});
    auto img = b.build();
    const std::uint64_t shoff =
        img[40] | std::uint64_t{img[41]} << 8 | std::uint64_t{img[42]} << 16;
    const std::uint64_t strtab_hdr = shoff + (count + 1) * 64;
    b.put(img, strtab_hdr + 24, 8, 0x100);  // .shstrtab -> the run of 'A'
    b.put(img, strtab_hdr + 32, 8, 16384);
    elf::ReadLimits lim;
    lim.max_name_bytes = budget;
    auto f = read(img, lim);
    ASSERT_TRUE(f.ok());
    ASSERT_EQ(f->sections.size(), count + 2);
    std::uint64_t total = 0;
    for (const auto& s : f->sections) total += s.name.size();
    EXPECT_LE(total, budget);
    EXPECT_GT(total, budget - lim.max_string);
    EXPECT_EQ(f->sections[1].name.size(), lim.max_string);
    EXPECT_ANOMALY(*f, "names_truncated");
  }
}

}  // namespace
