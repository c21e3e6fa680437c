// SPDX-License-Identifier: GPL-2.0-or-later
// Against real UPX output, when one or more `upx` binaries are available
// (IOTGUARD_UPX="/path/upx-3.96:/path/upx-4.2.3", else `upx` on PATH):
// cross-compiles two harmless programs for every target UPX packs (a
// freestanding one with many calls, and tests/corpus/src/hello.c linked
// statically against the cross glibc), packs each with every method, and
// requires the unpacked file to equal the original byte for byte, with the
// magics intact and with every "UPX!" replaced. Big-endian ARM and ppc64 get
// the freestanding program only (Debian has no C library for them). ARM
// targets are also packed with UPX's branch filter forced, so its unfilter
// runs on real output. Each upx version prints what it checked. Skips cleanly
// when no upx or cross compiler is present (CI has no upx). docs/upx.md says
// which versions were run.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "elf/reader.h"
#include "unpack/upx/upx.h"

namespace fs = std::filesystem;
namespace upx = iotguard::unpack::upx;
using Buf = std::vector<std::uint8_t>;

namespace {

std::vector<std::string> find_upx() {
  std::vector<std::string> out;
  if (const char* e = std::getenv("IOTGUARD_UPX"); e && *e) {
    std::stringstream ss(e);
    for (std::string p; std::getline(ss, p, ':');)
      if (!p.empty()) out.push_back(p);
    return out;
  }
  if (std::system("command -v upx >/dev/null 2>&1") == 0) out.push_back("upx");
  return out;
}

bool sh(const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0; }

// Runs cmd, returns its exit status (-1 when it could not run) and its output.
int run(const std::string& cmd, std::string& output) {
  output.clear();
  FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return -1;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) output.append(buf, n);
  const int st = ::pclose(p);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

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
  const char* name;
  const char* cc;
  const char* flags;       // extra compiler flags
  const char* format;      // UPX's format name, as recognise() reports it
  bool libc;               // Debian ships a C library: also pack static hello.c
  const char* filter;      // a filter to force in one extra run, or nullptr
  std::uint8_t filter_id;  //   and the id recognise() must then report
};
const Arch kArchs[] = {
    {"amd64", "gcc", "", "amd64-linux.elf", true, nullptr, 0},
    {"i386", "i686-linux-gnu-gcc", "", "i386-linux.elf", true, nullptr, 0},
    {"armel", "arm-linux-gnueabi-gcc", "", "arm-linux.elf", true, "0x50", 0x50},
    {"armhf", "arm-linux-gnueabihf-gcc", "", "arm-linux.elf", true, nullptr, 0},
    {"armeb", "arm-linux-gnueabi-gcc", "-mbig-endian", "armeb-linux.elf", false, "0x51", 0x51},
    {"arm64", "aarch64-linux-gnu-gcc", "", "arm64-linux.elf", true, nullptr, 0},
    {"mips", "mips-linux-gnu-gcc", "", "mips-linux.elf", true, nullptr, 0},
    {"mipsel", "mipsel-linux-gnu-gcc", "", "mipsel-linux.elf", true, nullptr, 0},
    {"powerpc", "powerpc-linux-gnu-gcc", "", "powerpc-linux.elf", true, nullptr, 0},
    {"ppc64le", "powerpc64le-linux-gnu-gcc", "", "powerpc64le-linux.elf", true, nullptr, 0},
    {"ppc64", "powerpc64le-linux-gnu-gcc", "-mbig-endian", "powerpc64-linux.elf", false, nullptr,
     0},
    {"riscv64", "riscv64-linux-gnu-gcc", "", "riscv64-linux.elf", true, nullptr, 0},  // UPX 5.1+
};

struct Sample {
  const Arch* arch;
  std::string program;  // "freestanding" or "hello-static"
  fs::path elf;
};

// Compiles every sample the installed cross compilers can build.
std::vector<Sample> build_samples(const fs::path& dir) {
  std::ofstream(dir / "p.c") << program();
  const std::string hello = std::string(IOTGUARD_SOURCE_DIR) + "/tests/corpus/src/hello.c";
  std::vector<Sample> out;
  for (const auto& a : kArchs) {
    const std::string cc = std::string(a.cc) + " " + a.flags;
    const fs::path fr = dir / (std::string("free.") + a.name);
    if (sh(cc + " -O1 -fno-inline -ffreestanding -nostdlib -static -o " + fr.string() + " " +
           (dir / "p.c").string()))
      out.push_back({&a, "freestanding", fr});
    const fs::path he = dir / (std::string("hello.") + a.name);
    if (a.libc && sh(cc + " -O2 -static -o " + he.string() + " " + hello))
      out.push_back({&a, "hello-static", he});
  }
  return out;
}

// Packs, recognises and unpacks one sample with one upx and method; gtest
// failures name what differed.
void check(const std::string& upx_bin, const Sample& s, const std::string& opts,
           std::uint8_t want_filter, const fs::path& packed, bool& refused, std::uint8_t& filter) {
  const Buf orig = slurp(s.elf);
  fs::remove(packed);
  std::string out;
  const int rc =
      run(upx_bin + " -q " + opts + " -o " + packed.string() + " " + s.elf.string(), out);
  if (rc != 0) {
    // UPX's own refusals (target unknown to this version, not compressible)
    // and crashes of old UPX builds are reported, not counted against us.
    refused = true;
    std::replace(out.begin(), out.end(), '\n', ' ');
    std::cout << "    " << opts << " refused by upx (exit " << rc << "): " << out.substr(0, 200)
              << "\n";
    return;
  }
  Buf f = slurp(packed);
  auto pe = iotguard::elf::read(f);
  ASSERT_TRUE(pe);
  auto r = upx::recognise(f, *pe);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->format, s.arch->format);
  EXPECT_TRUE(r->tampering.empty());
  EXPECT_TRUE(r->stub_entry);
  // Tamper the way Mirai variants do: every "UPX!" replaced.
  for (int pass = 0; pass < 2; ++pass) {
    SCOPED_TRACE(pass ? "magics replaced" : "magics intact");
    auto u = upx::unpack(f);
    ASSERT_TRUE(u) << u.error().message;
    EXPECT_EQ(u->elf, orig);  // PT_LOADs and gaps (section headers, symbols)
    if (want_filter) EXPECT_EQ(u->info.filter, want_filter);
    filter = u->info.filter;
    for (std::size_t i = 0; i + 4 <= f.size(); ++i)
      if (std::memcmp(&f[i], "UPX!", 4) == 0) std::memcpy(&f[i], "\x10\xf0\x00\x00", 4);
  }
}

}  // namespace

TEST(UpxReal, EveryArchitectureAndMethodUnpacksToTheOriginalLoads) {
  const auto upx_bins = find_upx();
  if (upx_bins.empty()) GTEST_SKIP() << "no upx on PATH and IOTGUARD_UPX unset";
  const fs::path dir =
      fs::temp_directory_path() / ("iotguard-upx-real-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const auto samples = build_samples(dir);
  ASSERT_FALSE(samples.empty()) << "no compiler built a sample";
  for (const auto& upx_bin : upx_bins) {
    std::string version, help;
    ASSERT_EQ(run(upx_bin + " --version", version), 0) << upx_bin << " does not run";
    version = version.substr(0, version.find('\n'));
    run(upx_bin + " --help", help);
    SCOPED_TRACE(version);
    std::cout << version << " (" << upx_bin << "):\n";
    int checked = 0;
    for (const auto& s : samples) {
      if (help.find(s.arch->format) == std::string::npos) {
        std::cout << "  " << s.arch->name << ": format " << s.arch->format << " not offered\n";
        continue;
      }
      std::vector<std::pair<std::string, std::uint8_t>> runs = {
          {"--nrv2b", 0}, {"--nrv2d", 0}, {"--nrv2e", 0}, {"--lzma", 0}};
      if (s.arch->filter && s.program == "freestanding")
        runs.push_back({std::string("--nrv2e --filter=") + s.arch->filter, s.arch->filter_id});
      std::string done;
      for (const auto& [opts, want_filter] : runs) {
        SCOPED_TRACE(std::string(s.arch->name) + " " + s.program + " " + opts);
        bool refused = false;
        std::uint8_t filter = 0;
        check(upx_bin, s, opts, want_filter, dir / "packed", refused, filter);
        if (refused) continue;
        ++checked;
        done += " " + opts;
        if (filter) done += fmt::format("(filter 0x{:02x})", filter);
      }
      std::cout << "  " << s.arch->name << " " << s.program << ":" << done << "\n";
    }
    EXPECT_GT(checked, 0) << version << " packed nothing";
  }
  fs::remove_all(dir);
}
