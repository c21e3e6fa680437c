// SPDX-License-Identifier: GPL-2.0-or-later
// `iotguard firmware` end to end: the real binary on an image built here.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <sys/stat.h>

#include <cstdio>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../support/elf_builder.h"
#include "../support/mirai_sample.h"
#include "fixture.h"

using namespace iotguard::testing_fw;

namespace {

struct CliRun {
  int rc = -1;
  std::string out;
};

CliRun run(const std::string& cmd) {
  CliRun r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int st = ::pclose(p);
  r.rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::vector<nlohmann::json> json_lines(const std::string& out) {
  std::vector<nlohmann::json> v;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) v.push_back(nlohmann::json::parse(line));
  return v;
}

class FirmwareCli : public Scratch {};

TEST_F(FirmwareCli, JsonLayersFindingsAndSummaryAndTheTempTreeIsRemoved) {
  if (!have_tool("mksquashfs")) GTEST_SKIP() << "mksquashfs missing";
  const fs::path sq = dir_ / "fs.sqfs";
  ASSERT_EQ(sh("mksquashfs " + quote(make_root()) + " " + quote(sq) +
               " -comp gzip -quiet -noappend >/dev/null"),
            0);
  // A tar with a traversal entry after the filesystem, at a 4 KiB boundary.
  const std::string tar =
      ArchiveBuilder(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED).file("../escape", "x").finish();
  const fs::path img = dir_ / "fw.bin";
  write_file(img, std::string(512, '\xff') + read_file(sq) + tar);
  fs::create_directories(dir_ / "tmp");

  const CliRun r = run("TMPDIR=" + quote(dir_ / "tmp") + " " + IOTGUARD_BINARY +
                       " firmware --extract-only --format json " + quote(img));
  EXPECT_EQ(r.rc, 1) << r.out;
  const auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 4U) << r.out;
  EXPECT_EQ(lines[0]["type"], "layer");
  EXPECT_EQ(lines[0]["object"], img.string() + " > squashfs(gzip)@0x200");
  EXPECT_EQ(lines[1]["type"], "layer");
  EXPECT_EQ(lines[1]["format"], "tar");
  EXPECT_EQ(lines[2]["type"], "finding");
  EXPECT_EQ(lines[2]["rule"], "Firmware.Extract.PathTraversal");
  EXPECT_EQ(lines[2]["severity"], "high");
  EXPECT_EQ(lines[3]["type"], "summary");
  EXPECT_EQ(lines[3]["layers"], 2);
  EXPECT_FALSE(lines[3].contains("output"));
  // Default: a private temp tree, gone after the run.
  EXPECT_TRUE(fs::is_empty(dir_ / "tmp"));
}

TEST_F(FirmwareCli, OutputDirectoryIsKeptAndTextShowsTheTree) {
  const std::string tgz = ArchiveBuilder(ARCHIVE_FORMAT_CPIO_SVR4_NOCRC, ARCHIVE_FILTER_GZIP)
                              .file("etc/passwd", "root:x:0:0::/:/bin/sh\n")
                              .finish();
  const fs::path img = dir_ / "initramfs.cpio.gz";
  write_file(img, tgz);
  const CliRun r = run(std::string(IOTGUARD_BINARY) + " firmware --extract-only -o " +
                       quote(dir_ / "x") + " " + quote(img));
  EXPECT_EQ(r.rc, 0) << r.out;
  EXPECT_NE(r.out.find("cpio(gzip)@0x0"), std::string::npos) << r.out;
  EXPECT_EQ(read_file(dir_ / "x/0x0-gzip/etc/passwd"), "root:x:0:0::/:/bin/sh\n");
}

TEST_F(FirmwareCli, MissingImageIsAnError) {
  const CliRun r =
      run(std::string(IOTGUARD_BINARY) + " firmware " + quote(dir_ / "nope") + " 2>/dev/null");
  EXPECT_EQ(r.rc, 2);
}

}  // namespace

// firmware = extract + scan: a bot inside the filesystem is reported by the
// image and layer it came from, not by the private temporary path.
TEST_F(FirmwareCli, ScansTheExtractedTreeAndNamesFindingsByLayer) {
  if (!have_tool("mksquashfs")) GTEST_SKIP() << "mksquashfs missing";
  const fs::path root = make_root();
  const std::string table = iotguard::test::mirai_table(
      0x22, "cnc.example.net", 23, "report.example.net", 48101, {{"root", "xc3511"}});
  iotguard::test::ElfBuilder b(false, true, 8);  // MIPS big-endian, as routers run
  std::vector<std::uint8_t> code(table.begin(), table.end());
  b.entry(0x400100)
      .segment({1, 5, 0, 0x400000, 0x100 + code.size(), 0x100 + code.size(), 0x1000})
      .bytes_at(0x100, code);
  const auto elf = b.build();
  write_file(root / "bin/httpd", std::string(elf.begin(), elf.end()));
  const fs::path sq = dir_ / "fs.sqfs";
  ASSERT_EQ(
      sh("mksquashfs " + quote(root) + " " + quote(sq) + " -comp xz -quiet -noappend >/dev/null"),
      0);
  const fs::path img = dir_ / "fw.bin";
  write_file(img, std::string(512, '\xff') + read_file(sq));
  const CliRun r = run(std::string(IOTGUARD_BINARY) + " firmware --format json " + quote(img));
  EXPECT_EQ(r.rc, 1) << r.out;
  bool seen = false;
  for (const auto& j : json_lines(r.out)) {
    if (j["type"] != "finding" || j["rule"] != "IoT_Mirai_Table") continue;
    seen = true;
    EXPECT_EQ(j["path"], img.string());
    EXPECT_EQ(j["object"], img.string() + " > squashfs(xz)@0x200 > /bin/httpd");
    EXPECT_EQ(j["evidence"]["config"]["c2"][0]["host"], "cnc.example.net");
  }
  EXPECT_TRUE(seen) << r.out;
}

// Extraction never creates setuid bits, but records the ones it dropped, and
// the audit of the layer judges them (HARD-003): a setuid program outside the
// known list is reported through `iotguard firmware`, a setuid busybox is not.
TEST_F(FirmwareCli, SetuidBitsTheExtractionDroppedStillReachHard003) {
  const fs::path root = make_root();
  fs::create_directories(root / "usr/sbin");
  write_file(root / "usr/sbin/rootme", "#!/bin/sh\nexec /bin/sh\n");
  ASSERT_EQ(::chmod((root / "usr/sbin/rootme").c_str(), 04755), 0);
  ASSERT_EQ(::chmod((root / "bin/busybox").c_str(), 04755), 0);
  struct Image {
    std::string name, tool, build;
  };
  const std::vector<Image> images = {
      {"fs.sqfs", "mksquashfs",
       "mksquashfs " + quote(root) + " " + quote(dir_ / "fs.sqfs") +
           " -all-root -comp gzip -quiet -noappend >/dev/null"},
      {"rootfs.cpio.gz", "cpio",
       "cd " + quote(root) + " && find . | cpio -o -H newc -R 0:0 2>/dev/null | gzip >" +
           quote(dir_ / "rootfs.cpio.gz")}};
  for (const auto& im : images) {
    SCOPED_TRACE(im.name);
    if (!have_tool(im.tool)) GTEST_SKIP() << im.tool << " missing";
    ASSERT_EQ(sh(im.build), 0);
    const CliRun r =
        run(std::string(IOTGUARD_BINARY) + " firmware --format json " + quote(dir_ / im.name));
    EXPECT_EQ(r.rc, 1) << r.out;
    std::set<std::string> setuid;
    bool summary = false;
    for (const auto& j : json_lines(r.out)) {
      if (j["type"] == "summary") summary = j["recorded_modes"] == 2;
      if (j["type"] != "finding" || j["rule"] != "HARD-003") continue;
      setuid.insert(j["evidence"]["file"].get<std::string>());
      EXPECT_EQ(j["evidence"]["mode"], "4755");
      EXPECT_EQ(j["evidence"]["mode_source"], "image");
    }
    EXPECT_EQ(setuid, std::set<std::string>{"/usr/sbin/rootme"}) << r.out;
    EXPECT_TRUE(summary) << r.out;
  }
}
