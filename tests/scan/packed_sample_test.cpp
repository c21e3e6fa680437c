// SPDX-License-Identifier: GPL-2.0-or-later
// The engine sees through UPX: a family detected in a plain sample is also
// detected in the same sample packed, with its magic tampered and p_info
// zeroed as Mozi and Mirai variants ship (shared/threats.md s11).
#include <gtest/gtest.h>

#include <algorithm>

#include "../support/elf_builder.h"
#include "../support/mirai_sample.h"
#include "core/digest.h"
#include "detect/engine.h"
#include "elf/reader.h"
#include "signatures/pattern_file.h"
#include "upx/upx_pack.h"

using namespace iotguard;
namespace fs = std::filesystem;

namespace {

std::vector<std::uint8_t> mirai_elf() {
  const auto table = test::mirai_table(0x22, "cnc.example.net", 23, "report.example.net", 48101,
                                       {{"root", "xc3511"}});
  std::vector<std::uint8_t> code(table.begin(), table.end());
  code.resize(0x3000, 0);
  test::ElfBuilder b(false, false, 3);  // i386, laid out as a linker would: text at 0x1000
  b.entry(0x8049000)
      .segment({1, 5, 0, 0x8048000, 0x1000 + code.size(), 0x1000 + code.size(), 0x1000})
      .bytes_at(0x1000, code)
      .section({".text", 1, 6, 0x8049000, 0x1000, code.size()});
  return b.build();
}

std::vector<test::UpxPacker::Load> loads_of(const std::vector<std::uint8_t>& img) {
  std::vector<test::UpxPacker::Load> out;
  const auto parsed = elf::read(img);  // kept: a range-for over a temporary's member dangles
  for (const auto& s : parsed->segments)
    if (s.type == 1) out.push_back({s.offset, s.filesz});
  return out;
}

const Finding* find(const std::vector<Finding>& fs, const std::string& rule) {
  auto it = std::find_if(fs.begin(), fs.end(), [&](const Finding& f) { return f.rule == rule; });
  return it == fs.end() ? nullptr : &*it;
}

}  // namespace

TEST(PackedSample, FamilyFoundInsideTamperedUpxLayer) {
  auto db = signatures::PatternFile::find(fs::path(IOTGUARD_SOURCE_DIR) / "signatures");
  ASSERT_TRUE(db.ok());
  detect::EngineConfig c;
  db->configure(c);
  auto engine = detect::Engine::create(c);
  ASSERT_TRUE(engine.ok()) << engine.error().message;

  const auto plain = mirai_elf();
  auto a = (*engine)->analyse(plain, "bot", sha256_hex(plain));
  ASSERT_NE(find(a.findings, "IoT_Mirai_Table"), nullptr);

  test::PackSpec spec;
  spec.method = 2;  // NRV2B_LE32
  spec.magic = "\x10\xf0\x00\x00";
  spec.zero_p_info = true;
  const auto packed = test::UpxPacker(plain, false, 3).pack(spec, loads_of(plain));
  // Packed, the table is compressed away: only the unpacked layer shows it.
  auto p = (*engine)->analyse(packed, "bot.upx", sha256_hex(packed));
  const Finding* tampered = find(p.findings, "Packer.UPX.Tampered");
  ASSERT_NE(tampered, nullptr);
  EXPECT_EQ(tampered->severity, Severity::medium);
  EXPECT_EQ(tampered->object.str(), "bot.upx");
  const Finding* inner = find(p.findings, "IoT_Mirai_Table");
  ASSERT_NE(inner, nullptr);
  EXPECT_EQ(inner->object.str(), "bot.upx > upx");
  EXPECT_EQ(inner->evidence["config"]["c2"][0]["host"], "cnc.example.net");
}
