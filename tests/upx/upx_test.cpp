// SPDX-License-Identifier: GPL-2.0-or-later
// UPX unpacker: decompressor round trips with libucl / liblzma, unfilters,
// recognition and rebuild of files in UPX's layout (plain and tampered), and
// the bounds on lying sizes and decompression bombs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "elf/reader.h"
#include "unpack/upx/decompress.h"
#include "unpack/upx/filters.h"
#include "unpack/upx/upx.h"
#include "upx/upx_pack.h"

namespace upx = iotguard::unpack::upx;
using iotguard::test::Buf;

namespace {

// Something that compresses like code: repeated patterns with noise.
Buf sample(std::size_t n, unsigned seed = 1) {
  std::mt19937 rng(seed);
  Buf b(n);
  for (std::size_t i = 0; i < n; ++i)
    b[i] = (i % 7 == 0) ? static_cast<std::uint8_t>(rng()) : static_cast<std::uint8_t>(i * 13 / 5);
  return b;
}

// An original static ELF: headers, a text PT_LOAD, a gap, a data PT_LOAD, section headers.
Buf original(bool is64, std::uint16_t machine) {
  iotguard::test::ElfBuilder b(is64, false, machine);
  b.type(2).entry(0x401000);
  const Buf text = sample(0x9000, 2), data = sample(0x3000, 3);
  b.segment({1, 5, 0, 0x400000, 0x1000 + text.size(), 0x1000 + text.size(), 0x1000});
  b.segment({1, 6, 0xc000, 0x60c000, data.size(), data.size() + 0x800, 0x1000});
  b.bytes_at(0x1000, text).bytes_at(0xc000, data);
  b.section({".text", 1, 6, 0x401000, 0x1000, text.size()});
  b.section({".data", 1, 3, 0x60c000, 0xc000, data.size()});
  return b.build();
}

std::vector<iotguard::test::UpxPacker::Load> loads_of(const Buf& elf) {
  auto f = iotguard::elf::read(elf);
  std::vector<iotguard::test::UpxPacker::Load> out;
  for (const auto& s : f->segments)
    if (s.type == 1) out.push_back({s.offset, s.filesz});
  return out;
}

Buf packed(const Buf& orig, bool is64, std::uint16_t machine, const iotguard::test::PackSpec& s) {
  return iotguard::test::UpxPacker(orig, is64, machine).pack(s, loads_of(orig));
}

std::optional<upx::Recognition> recog(const Buf& f) {
  auto e = iotguard::elf::read(f);
  if (!e) return std::nullopt;
  return upx::recognise(f, *e);
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST(UpxDecompress, NrvRoundTripsEveryMethod) {
  const Buf in = sample(100000);
  for (std::uint8_t m = 2; m <= 10; ++m) {
    const Buf c = iotguard::test::nrv_compress(m, in);
    ASSERT_LT(c.size(), in.size()) << int(m);
    Buf out(in.size());
    EXPECT_FALSE(upx::decompress(m, c, out)) << int(m);
    EXPECT_EQ(out, in) << int(m);
  }
}

TEST(UpxDecompress, NrvWrongBitBufferWidthFails) {
  const Buf in = sample(50000);
  const Buf c = iotguard::test::nrv_compress(2, in);  // NRV2B le32
  Buf out(in.size());
  const bool failed = upx::decompress(3, c, out).has_value();  // read as NRV2B 8-bit
  EXPECT_TRUE(failed || out != in);
}

TEST(UpxDecompress, LzmaRoundTripWithUpxPropertyHeader) {
  const Buf in = sample(200000);
  for (auto [lc, lp, pb] : {std::tuple{3u, 0u, 2u}, {0u, 2u, 0u}, {4u, 0u, 4u}}) {
    const Buf c = iotguard::test::lzma_compress(in, lc, lp, pb);
    Buf out(in.size());
    EXPECT_FALSE(upx::decompress(14, c, out));
    EXPECT_EQ(out, in);
  }
}

TEST(UpxDecompress, LzmaBadPropertyHeaderIsAnError) {
  Buf c = iotguard::test::lzma_compress(sample(1000));
  c[0] ^= 0x08;  // (lc + lp) no longer matches
  Buf out(1000);
  EXPECT_TRUE(upx::decompress(14, c, out));
}

TEST(UpxDecompress, LyingSizesStayInsideTheDeclaredBlock) {
  const Buf in = sample(100000);
  for (std::uint8_t m : {2, 5, 8, 14}) {
    const Buf c = iotguard::test::compress(m, in);
    Buf small(1000);  // declared smaller than the stream: stops at 1000, reports
    EXPECT_TRUE(upx::decompress(m, c, small)) << int(m);
    Buf big(in.size() + 5000);  // declared larger: the stream ends early
    EXPECT_TRUE(upx::decompress(m, c, big)) << int(m);
    Buf cut(c.begin(), c.begin() + static_cast<std::ptrdiff_t>(c.size() / 2));
    Buf out(in.size());
    EXPECT_TRUE(upx::decompress(m, cut, out)) << int(m);
  }
}

TEST(UpxFilters, X86CallTrickRestoresCalls) {
  // e8 <rel32> with rel = 0x100: the filter stores BE (target | cto << 24).
  Buf b(64, 0x90);
  const std::uint32_t at = 10, target = at + 1 + 0x100, cto = 0x17;
  b[at] = 0xe8;
  const std::uint32_t enc = target + (cto << 24);
  for (int i = 0; i < 4; ++i) b[at + 1 + i] = static_cast<std::uint8_t>(enc >> (8 * (3 - i)));
  b[30] = 0x0f;  // jcc 0f 85, only for 0x49
  b[31] = 0x85;
  const std::uint32_t enc2 = (32 + 0x40) + (cto << 24);
  for (int i = 0; i < 4; ++i) b[32 + i] = static_cast<std::uint8_t>(enc2 >> (8 * (3 - i)));
  Buf b46 = b;
  ASSERT_TRUE(upx::unfilter(0x49, cto, b));
  EXPECT_EQ(b[at + 1], 0x00);
  EXPECT_EQ(b[at + 2], 0x01);  // rel32 0x100 little-endian
  EXPECT_EQ(b[32], 0x40);
  ASSERT_TRUE(upx::unfilter(0x46, cto, b46));
  EXPECT_EQ(b46[32], cto);  // 0x46 leaves the jcc alone
}

TEST(UpxFilters, ArmBranchesLoseTheirWordIndex) {
  Buf le(16, 0), be(16, 0), a64(16, 0);
  le[4 + 3] = 0xeb;  // BL at word 1, displacement 5 + 1 (filtered)
  le[4] = 6;
  ASSERT_TRUE(upx::unfilter(0x50, 0, le));
  EXPECT_EQ(le[4], 5);
  be[4] = 0xeb;
  be[7] = 6;
  ASSERT_TRUE(upx::unfilter(0x51, 0, be));
  EXPECT_EQ(be[7], 5);
  a64[4 + 3] = 0x94;  // BL
  a64[4] = 9;
  ASSERT_TRUE(upx::unfilter(0x52, 0, a64));
  EXPECT_EQ(a64[4], 8);
  EXPECT_EQ(a64[7], 0x94);
  EXPECT_FALSE(upx::unfilter(0x99, 0, a64));
}

// UPX 5.1's RISC-V filter (0x55) as filter/auipc.h applies it to one AUIPC
// pair at `at`: the absolute address (AUIPC's page + the partner's signed
// 12-bit immediate + position) goes big-endian into bytes 1..4, its low bit
// next to the AUIPC opcode and bits 1..7 into the rotated partner word.
void auipc_filter_pair(Buf& b, std::uint32_t at) {
  auto le = [&](std::uint32_t o) {
    return b[o] | (std::uint32_t{b[o + 1]} << 8) | (std::uint32_t{b[o + 2]} << 16) |
           (std::uint32_t{b[o + 3]} << 24);
  };
  const std::uint32_t w1 = le(at), w2 = le(at + 4), r_aui = (w1 >> 7) & 0x1f;
  const auto imm12 = static_cast<std::uint32_t>(static_cast<std::int32_t>(w2) >> 20);
  const std::uint32_t addr = (w1 & ~0xfffu) + imm12 + at;
  b[at] = static_cast<std::uint8_t>(((addr & 1) << 7) | 0x17);
  for (int i = 0; i < 4; ++i) b[at + 1 + i] = static_cast<std::uint8_t>(addr >> (8 * (3 - i)));
  const std::uint32_t n2 = (w2 << 12) | (r_aui << 7) | ((addr >> 1) & 0x7f);
  for (int i = 0; i < 4; ++i) b[at + 4 + i] = static_cast<std::uint8_t>(n2 >> (8 * i));
}

TEST(UpxFilters, RiscvAuipcPairsGetTheirImmediatesBack) {
  auto put = [](Buf& b, std::size_t o, std::uint32_t w, int n) {
    for (int i = 0; i < n; ++i) b[o + i] = static_cast<std::uint8_t>(w >> (8 * i));
  };
  Buf orig(48, 0);
  put(orig, 0, 0x0001, 2);      // c.nop: 2 bytes
  put(orig, 2, 0x00000013, 4);  // addi x0, x0, 0: 4 bytes
  put(orig, 6, 0x0001, 2);
  // auipc x5, 0x12345 ; addi x6, x5, -16 (negative: the page rounds up)
  put(orig, 8, (0x12345u << 12) | (5u << 7) | 0x17, 4);
  put(orig, 12, (0xff0u << 20) | (5u << 15) | (6u << 7) | 0x13, 4);
  // auipc x10, 0x7 ; jalr x1, 0x7f0(x10)
  put(orig, 16, (0x7u << 12) | (10u << 7) | 0x17, 4);
  put(orig, 20, (0x7f0u << 20) | (10u << 15) | (1u << 7) | 0x67, 4);
  for (std::size_t o = 24; o < orig.size(); o += 4) put(orig, o, 0x00000013, 4);
  Buf b = orig;
  auipc_filter_pair(b, 16);  // UPX filters a run of pairs last to first
  auipc_filter_pair(b, 8);
  ASSERT_NE(b, orig);
  ASSERT_TRUE(upx::filter_supported(0x55));
  ASSERT_TRUE(upx::unfilter(0x55, 0, b));
  EXPECT_EQ(b, orig);
}

TEST(UpxFilters, PowerPcBranchWithMarker) {
  Buf b(16, 0);
  // bl at offset 8 to absolute 0x108 with marker 3 in bits 22..25: 0x48 | ...
  const std::uint32_t w = (18u << 26) | (3u << 22) | 0x108 | 1;
  for (int i = 0; i < 4; ++i) b[8 + i] = static_cast<std::uint8_t>(w >> (8 * (3 - i)));
  ASSERT_TRUE(upx::unfilter(0xd0, 3, b));
  const std::uint32_t r = (b[8] << 24) | (b[9] << 16) | (b[10] << 8) | b[11];
  EXPECT_EQ(r, (18u << 26) | 0x100 | 1);
}

class UpxLayout : public ::testing::TestWithParam<std::tuple<bool, int>> {};

TEST_P(UpxLayout, RecognisesAndRebuildsTheOriginal) {
  const auto [is64, method] = GetParam();
  const std::uint16_t machine = is64 ? 62 : 3;
  const Buf orig = original(is64, machine);
  iotguard::test::PackSpec s;
  s.method = static_cast<std::uint8_t>(method);
  const Buf f = packed(orig, is64, machine, s);
  auto r = recog(f);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->packed);
  EXPECT_EQ(r->format, is64 ? "amd64-linux.elf" : "i386-linux.elf");
  EXPECT_TRUE(r->tampering.empty()) << r->tampering.front();
  auto u = upx::unpack(f);
  ASSERT_TRUE(u) << u.error().message;
  EXPECT_TRUE(u->gaps_restored);
  EXPECT_EQ(u->elf, orig);
  EXPECT_EQ(upx::findings(*r, "x").size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Methods, UpxLayout,
                         ::testing::Combine(::testing::Bool(),
                                            ::testing::Values(2, 3, 4, 5, 6, 7, 8, 9, 10, 14)));

TEST(UpxTampered, EveryTrickIsNamedAndStillUnpacks) {
  const Buf orig = original(false, 40);  // ARM, as Mirai ships
  iotguard::test::PackSpec s;
  s.magic = "\x10\xf0\x00\x00";
  s.zero_p_info = true;
  s.overlay = Buf(300, 0x41);
  s.nogdb = true;
  const Buf f = packed(orig, false, 40, s);
  auto r = recog(f);
  ASSERT_TRUE(r);
  for (const char* id : {"l_info_magic", "p_filesize_zeroed", "p_blocksize_zeroed", "trailer_magic",
                         "eof_magic", "overlay", "section_headers"})
    EXPECT_TRUE(has(r->tamper_ids, id)) << id;
  EXPECT_TRUE(has(r->tampering, "l_info magic replaced by 10 f0 00 00"));
  auto u = upx::unpack(f);
  ASSERT_TRUE(u) << u.error().message;
  EXPECT_EQ(u->elf, orig);
  auto fs = upx::findings(u->info, "mirai.arm7");
  ASSERT_EQ(fs.size(), 2u);
  EXPECT_EQ(fs[0].rule, "Packer.UPX");
  EXPECT_EQ(fs[0].severity, iotguard::Severity::info);
  EXPECT_EQ(fs[1].rule, "Packer.UPX.Tampered");
  EXPECT_EQ(fs[1].severity, iotguard::Severity::medium);
  EXPECT_EQ(fs[1].evidence["tamper_ids"].size(), r->tamper_ids.size());
}

TEST(UpxTampered, EachTrickAloneIsNamedAlone) {
  const Buf orig = original(true, 62);
  iotguard::test::PackSpec s;
  s.zero_p_info = true;
  auto r = recog(packed(orig, true, 62, s));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->tamper_ids, (std::vector<std::string>{"p_filesize_zeroed", "p_blocksize_zeroed"}));
  s = {};
  s.overlay = Buf(64, 0x7f);
  r = recog(packed(orig, true, 62, s));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->tamper_ids, (std::vector<std::string>{"overlay"}));
  EXPECT_EQ(r->overlay_size, 64u);
  EXPECT_TRUE(upx::unpack(packed(orig, true, 62, s)));
}

// UPX 5.x copies the original's PT_NOTE bodies between its program headers and
// l_info: that is where UPX puts l_info, not a sign of tampering; l_info
// further on still is.
TEST(UpxTampered, NotesBeforeLInfoAreUpx5LayoutNotTampering) {
  const Buf orig = original(false, 40);
  iotguard::test::PackSpec s;
  s.note = Buf(37, 0x5a);  // padded to 40
  auto r = recog(packed(orig, false, 40, s));
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->tamper_ids.empty()) << r->tamper_ids.front();
  EXPECT_EQ(r->l_info_offset, 52u + 3 * 32 + 40);
  auto u = upx::unpack(packed(orig, false, 40, s));
  ASSERT_TRUE(u) << u.error().message;
  EXPECT_EQ(u->elf, orig);

  s.l_info_gap = 16;
  r = recog(packed(orig, false, 40, s));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->tamper_ids, (std::vector<std::string>{"l_info_moved"}));
  EXPECT_TRUE(upx::unpack(packed(orig, false, 40, s)));
}

TEST(UpxRecognise, PlainElfIsNotPacked) {
  const Buf orig = original(true, 62);
  EXPECT_FALSE(recog(orig));
  EXPECT_FALSE(upx::unpack(orig));
  // The magic alone, without a block that decodes, is not enough either.
  Buf fake = orig;
  std::memcpy(&fake[64 + 2 * 56 + 4], "UPX!", 4);
  auto r = recog(fake);
  EXPECT_FALSE(r && r->packed);
}

TEST(UpxBounds, OutputLimitAndRatioRefuseBombs) {
  const Buf orig = original(true, 62);
  const Buf f = packed(orig, true, 62, {});
  upx::Limits tiny;
  tiny.max_output = 0x4000;
  EXPECT_FALSE(upx::unpack(f, tiny));
  upx::Limits ratio;
  ratio.max_ratio = 0;  // restored size may not exceed the packed file's
  EXPECT_FALSE(upx::unpack(f, ratio));
  upx::Limits blocks;
  blocks.max_blocks = 2;
  EXPECT_FALSE(upx::unpack(f, blocks));
}

TEST(UpxBounds, HugeDeclaredPtLoadIsRefused) {
  // A bomb: the original's header claims a 1 GiB PT_LOAD.
  iotguard::test::ElfBuilder b(true, false, 62);
  b.type(2).segment({1, 5, 0, 0x400000, 0x40000000, 0x40000000, 0x1000});
  Buf orig = b.build();
  orig.resize(0x2000, 0);
  iotguard::test::UpxPacker p(orig, true, 62);
  const Buf f = p.pack({}, {{0, 0x2000}});
  auto u = upx::unpack(f);
  ASSERT_FALSE(u);
  EXPECT_NE(u.error().message.find("limit"), std::string::npos) << u.error().message;
}

TEST(UpxBounds, CorruptBlocksGiveErrorsNotCrashes) {
  const Buf orig = original(false, 3);
  const Buf f = packed(orig, false, 3, {});
  std::mt19937 rng(7);
  int errors = 0;
  for (int i = 0; i < 300; ++i) {
    Buf g = f;
    const std::size_t at = 52 + 2 * 32 + 24 + rng() % 2000;  // in the block stream
    g[at] ^= static_cast<std::uint8_t>(1 + rng() % 255);
    auto u = upx::unpack(g);
    if (!u)
      ++errors;
    else
      EXPECT_LE(u->elf.size(), upx::Limits{}.max_output);
  }
  EXPECT_GT(errors, 0);
}

TEST(UpxCli, UnpackWritesTheOriginalAndRefusesToOverwrite) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("iotguard-upx-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const Buf orig = original(true, 62);
  iotguard::test::PackSpec s;
  s.magic = "OPS!";
  const Buf f = packed(orig, true, 62, s);
  std::ofstream(dir / "in", std::ios::binary)
      .write(reinterpret_cast<const char*>(f.data()), static_cast<std::streamsize>(f.size()));
  std::ofstream(dir / "plain", std::ios::binary)
      .write(reinterpret_cast<const char*>(orig.data()), static_cast<std::streamsize>(orig.size()));
  const std::string bin = IOTGUARD_BINARY;
  auto run = [&](const std::string& args) {
    const int rc = std::system((bin + " " + args + " >/dev/null 2>&1").c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  };
  EXPECT_EQ(run("unpack " + (dir / "in").string() + " -o " + (dir / "out").string()), 0);
  std::ifstream is(dir / "out", std::ios::binary);
  Buf got((std::istreambuf_iterator<char>(is)), std::istreambuf_iterator<char>());
  EXPECT_EQ(got, orig);
  EXPECT_EQ(run("unpack " + (dir / "in").string() + " -o " + (dir / "out").string()), 2);
  EXPECT_EQ(run("unpack --force " + (dir / "in").string() + " -o " + (dir / "out").string()), 0);
  EXPECT_EQ(run("unpack " + (dir / "plain").string() + " -o " + (dir / "out2").string()), 1);
  EXPECT_FALSE(fs::exists(dir / "out2"));
  fs::remove_all(dir);
}
