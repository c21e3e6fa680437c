// SPDX-License-Identifier: GPL-2.0-or-later
#include "elf/reader.h"

#include <gtest/gtest.h>

#include "../support/elf_builder.h"
#include "elf/constants.h"
#include "elf/machine.h"

using namespace iotguard;
using iotguard::test::ElfBuilder;

namespace {

// A minimal executable: one R-X load segment holding the headers and code.
ElfBuilder simple(bool is64, bool be, std::uint16_t machine) {
  ElfBuilder b(is64, be, machine);
  b.entry(0x10000 + 0x100)
      .segment({elf::PT_LOAD, elf::PF_R | elf::PF_X, 0, 0x10000, 0x200, 0x200, 0x1000})
      .bytes_at(0x100, std::vector<std::uint8_t>(0x100, 0x90))
      .section({".text", elf::SHT_PROGBITS, 6, 0x10100, 0x100, 0x100, 0, 0, 4, 0});
  return b;
}

}  // namespace

TEST(ElfReader, ReadsEveryClassAndByteOrder) {
  for (bool is64 : {false, true})
    for (bool be : {false, true}) {
      auto img = simple(is64, be, elf::EM_MIPS).build();
      auto f = elf::read(img);
      ASSERT_TRUE(f.ok()) << f.error().message;
      EXPECT_EQ(f->is64, is64);
      EXPECT_EQ(f->endian, be ? Endian::big : Endian::little);
      EXPECT_EQ(f->machine, elf::EM_MIPS);
      EXPECT_EQ(f->entry, 0x10100u);
      ASSERT_EQ(f->segments.size(), 1u);
      EXPECT_EQ(f->segments[0].filesz, 0x200u);
      ASSERT_EQ(f->sections.size(), 3u);
      EXPECT_EQ(f->sections[1].name, ".text");
      EXPECT_EQ(f->sections[2].name, ".shstrtab");
      EXPECT_EQ(f->linking(), "static");
      EXPECT_TRUE(f->is_stripped());
      EXPECT_FALSE(f->has_anomaly("entry_outside_executable_segment"));
      EXPECT_FALSE(f->has_anomaly("no_section_headers"));
    }
}

TEST(ElfReader, RejectsWhatIsNotElf) {
  const std::vector<std::uint8_t> junk = {'M', 'Z', 0, 0};
  EXPECT_FALSE(elf::read(junk).ok());
  std::vector<std::uint8_t> bad_class = simple(false, false, elf::EM_ARM).build();
  bad_class[4] = 7;
  EXPECT_FALSE(elf::read(bad_class).ok());
  EXPECT_FALSE(elf::read(std::vector<std::uint8_t>{0x7f, 'E', 'L', 'F', 1}).ok());
}

TEST(ElfReader, MachineNamesAndAbiFromFlags) {
  EXPECT_EQ(elf::machine_name(elf::EM_ARM).name, "ARM");
  EXPECT_EQ(elf::machine_name(elf::EM_SH).description, "Renesas / SuperH SH");
  EXPECT_EQ(elf::machine_name(0x1234).name, "EM_4660");
  EXPECT_FALSE(elf::machine_name(0x1234).known);

  auto arm = elf::read(simple(false, false, elf::EM_ARM).flags(0x05000200).build());
  EXPECT_EQ(elf::abi_description(*arm), "EABI5 soft-float");
  auto mips = elf::read(simple(false, true, elf::EM_MIPS).flags(0x70001007).build());
  EXPECT_EQ(elf::abi_description(*mips), "o32 mips32r2");
  auto n32 = elf::read(simple(false, true, elf::EM_MIPS).flags(0x80000020).build());
  EXPECT_EQ(elf::abi_description(*n32), "n32 mips64r2");
  auto n64 = elf::read(simple(true, false, elf::EM_MIPS).flags(0x80000007).build());
  EXPECT_EQ(elf::abi_description(*n64), "n64 mips64r2");
}

// A scan reads without entropy (two passes over every byte it does not need);
// the packed-layout anomaly must still see the bulk segment's entropy.
TEST(ElfReader, EntropyIsOptionalAndPackedLayoutIsFoundWithout) {
  std::vector<std::uint8_t> noise(0x4000);
  std::uint32_t x = 2463534242u;  // xorshift32: high-entropy, deterministic
  for (auto& b : noise) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    b = static_cast<std::uint8_t>(x);
  }
  ElfBuilder b(false, false, elf::EM_ARM);
  b.entry(0x10000 + 0x100)
      .segment({elf::PT_LOAD, elf::PF_R | elf::PF_X, 0, 0x10000, 0x200, 0x200, 0x1000})
      .segment({elf::PT_LOAD, elf::PF_R | elf::PF_W, 0x1000, 0x20000, 0x4000, 0x4000, 0x1000})
      .bytes_at(0x1000, noise)
      .with_section_headers(false);
  const auto img = b.build();
  for (bool entropy : {true, false}) {
    elf::ReadLimits lim;
    lim.entropy = entropy;
    auto f = elf::read(img, lim);
    ASSERT_TRUE(f.ok()) << f.error().message;
    EXPECT_TRUE(f->has_anomaly("upx_like")) << "entropy=" << entropy;
    if (entropy) {
      EXPECT_GT(f->entropy, 6.0);
      EXPECT_GT(f->segments[1].entropy, 7.9);
    } else {
      EXPECT_EQ(f->entropy, 0.0);
      EXPECT_EQ(f->segments[1].entropy, 0.0);
    }
  }
  // Low-entropy bulk: no packed-layout anomaly either way.
  ElfBuilder plain(false, false, elf::EM_ARM);
  plain.entry(0x10000 + 0x100)
      .segment({elf::PT_LOAD, elf::PF_R | elf::PF_X, 0, 0x10000, 0x200, 0x200, 0x1000})
      .segment({elf::PT_LOAD, elf::PF_R | elf::PF_W, 0x1000, 0x20000, 0x4000, 0x4000, 0x1000})
      .bytes_at(0x1000, std::vector<std::uint8_t>(0x4000, 0x41))
      .with_section_headers(false);
  elf::ReadLimits lim;
  lim.entropy = false;
  auto f = elf::read(plain.build(), lim);
  ASSERT_TRUE(f.ok());
  EXPECT_FALSE(f->has_anomaly("upx_like"));
}
