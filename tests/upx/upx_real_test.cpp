// SPDX-License-Identifier: GPL-2.0-or-later
// Against real UPX output, when a `upx` binary is available (IOTGUARD_UPX or
// PATH): cross-compiles a small freestanding program with many calls for
// every target UPX packs, packs it with each method, and requires the
// unpacked file's PT_LOAD contents to equal the original's. Skips cleanly
// when upx or a cross compiler is missing (CI has no upx).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "elf/reader.h"
#include "unpack/upx/upx.h"

namespace fs = std::filesystem;
namespace upx = iotguard::unpack::upx;
using Buf = std::vector<std::uint8_t>;

namespace {

std::string find_upx() {
  if (const char* e = std::getenv("IOTGUARD_UPX"); e && *e) return e;
  if (std::system("command -v upx >/dev/null 2>&1") == 0) return "upx";
  return {};
}

bool sh(const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0; }

Buf slurp(const fs::path& p) {
  std::ifstream is(p, std::ios::binary);
  return Buf((std::istreambuf_iterator<char>(is)), std::istreambuf_iterator<char>());
}

// Many small functions calling each other (so the branch filters have work),
// a compressible table and data: large enough for UPX to accept.
std::string program() {
  std::string s = "static volatile unsigned sink;\n";
  unsigned seed = 12345;
  auto rnd = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 8); };
  const int n = 1200;
  for (int i = 0; i < n; ++i) {
    s += "unsigned f" + std::to_string(i) + "(unsigned x){ x = x*" +
         std::to_string(rnd() % 997 + 3) + "u + " + std::to_string(rnd() % 99991) + "u; ";
    if (i > 0)
      for (int k = 0; k < 2; ++k)
        s += "if (x & " + std::to_string(1 << k) + "u) x ^= f" + std::to_string(rnd() % i) +
             "(x>>1); ";
    s += "sink = x; return x; }\n";
  }
  s += "const unsigned char table[49152] = {";
  for (int i = 0; i < 49152; ++i) s += std::to_string(i % 3 ? (i * 7) & 0xff : i % 251) + ",";
  s += "};\nunsigned char data[16384] = {";  // a PT_LOAD with file bytes: UPX wants one
  for (int i = 0; i < 16384; ++i) s += std::to_string(i % 13) + ",";
  s += "};\nvoid _start(void){ sink = data[5] + f" + std::to_string(n - 1) +
       "(table[3]); for(;;){} }\n";
  s += "void __start(void){ _start(); }\n";
  return s;
}

struct Arch {
  const char* cc;
  const char* format;
};
const Arch kArchs[] = {
    {"gcc", "amd64-linux.elf"},
    {"i686-linux-gnu-gcc", "i386-linux.elf"},
    {"arm-linux-gnueabi-gcc", "arm-linux.elf"},
    {"aarch64-linux-gnu-gcc", "arm64-linux.elf"},
    {"mips-linux-gnu-gcc", "mips-linux.elf"},
    {"mipsel-linux-gnu-gcc", "mipsel-linux.elf"},
    {"powerpc-linux-gnu-gcc", "powerpc-linux.elf"},
    {"powerpc64le-linux-gnu-gcc", "powerpc64le-linux.elf"},
};

}  // namespace

TEST(UpxReal, EveryArchitectureAndMethodUnpacksToTheOriginalLoads) {
  const std::string upx_bin = find_upx();
  if (upx_bin.empty()) GTEST_SKIP() << "no upx on PATH and IOTGUARD_UPX unset";
  const fs::path dir =
      fs::temp_directory_path() / ("iotguard-upx-real-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "p.c") << program();
  int checked = 0;
  for (const auto& a : kArchs) {
    const fs::path elf = dir / (std::string("p.") + a.cc);
    if (!sh(std::string(a.cc) + " -O1 -fno-inline -ffreestanding -nostdlib -static -o " +
            elf.string() + " " + (dir / "p.c").string()))
      continue;  // cross compiler missing
    const Buf orig = slurp(elf);
    auto oe = iotguard::elf::read(orig);
    ASSERT_TRUE(oe);
    for (const char* m : {"--nrv2b", "--nrv2d", "--nrv2e", "--lzma"}) {
      SCOPED_TRACE(std::string(a.cc) + " " + m);
      const fs::path packed = dir / "packed";
      fs::remove(packed);
      ASSERT_TRUE(sh(upx_bin + " -q " + m + " -o " + packed.string() + " " + elf.string()));
      Buf f = slurp(packed);
      auto pe = iotguard::elf::read(f);
      ASSERT_TRUE(pe);
      auto r = upx::recognise(f, *pe);
      ASSERT_TRUE(r);
      EXPECT_EQ(r->format, a.format);
      EXPECT_TRUE(r->tampering.empty());
      EXPECT_TRUE(r->stub_entry);
      // Tamper the way Mirai variants do: every "UPX!" replaced.
      for (int pass = 0; pass < 2; ++pass) {
        auto u = upx::unpack(f);
        ASSERT_TRUE(u) << u.error().message;
        for (const auto& s : oe->segments) {
          if (s.type != 1 || s.filesz == 0) continue;
          ASSERT_LE(s.offset + s.filesz, u->elf.size());
          EXPECT_TRUE(std::equal(orig.begin() + s.offset, orig.begin() + s.offset + s.filesz,
                                 u->elf.begin() + s.offset));
        }
        EXPECT_EQ(u->elf, orig);  // gaps (section headers) too
        for (std::size_t i = 0; i + 4 <= f.size(); ++i)
          if (std::memcmp(&f[i], "UPX!", 4) == 0) std::memcpy(&f[i], "\x10\xf0\x00\x00", 4);
      }
      ++checked;
    }
  }
  fs::remove_all(dir);
  EXPECT_GT(checked, 0);
}
