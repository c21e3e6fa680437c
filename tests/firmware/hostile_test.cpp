// SPDX-License-Identifier: GPL-2.0-or-later
// Hostile archives, crafted at test time with libarchive's write API: each
// must be contained (nothing outside the output tree, no device nodes, no
// setuid bits, bounded output) and reported as a Firmware.Extract.* finding.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "fixture.h"
#include "unpack/firmware.h"

using namespace iotguard;
using namespace iotguard::testing_fw;

namespace {

class Hostile : public Scratch {
 protected:
  unpack::ExtractReport extract(const std::string& bytes, const unpack::ExtractLimits& lim = {}) {
    const fs::path img = dir_ / "hostile.bin";
    write_file(img, bytes);
    auto r = unpack::extract_firmware(img.string(), dir_ / "out", lim);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(*r) : unpack::ExtractReport{};
  }
  static const Finding* find(const unpack::ExtractReport& r, const std::string& rule) {
    for (const auto& f : r.findings)
      if (f.rule == rule) return &f;
    return nullptr;
  }
  fs::path layer_dir(const unpack::ExtractReport& r, std::size_t i = 0) {
    return dir_ / "out" / r.layers.at(i).output;
  }
};

TEST_F(Hostile, DotDotTraversalIsRefused) {
  const std::string tar = ArchiveBuilder(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED)
                              .file("ok.txt", "fine")
                              .file("../evil.txt", "escaped")
                              .file("a/../../../evil2.txt", "escaped")
                              .finish();
  const auto r = extract(tar);
  ASSERT_EQ(r.layers.size(), 1U);
  EXPECT_EQ(read_file(layer_dir(r) / "ok.txt"), "fine");
  EXPECT_FALSE(fs::exists(dir_ / "out/evil.txt"));
  EXPECT_FALSE(fs::exists(dir_ / "evil.txt"));
  EXPECT_FALSE(fs::exists(dir_ / "evil2.txt"));
  const Finding* f = find(r, "Firmware.Extract.PathTraversal");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::high);
  EXPECT_EQ(f->evidence["count"], 2);
  EXPECT_EQ(f->evidence["examples"][0]["entry"], "../evil.txt");
  EXPECT_EQ(f->object.str(), (dir_ / "hostile.bin").string() + " > tar@0x0");
}

TEST_F(Hostile, ZipTraversalIsRefused) {
  const std::string zip = ArchiveBuilder(ARCHIVE_FORMAT_ZIP)
                              .file("ok.txt", "fine")
                              .file("../../zip-evil.txt", "escaped")
                              .finish();
  const auto r = extract(zip);
  ASSERT_EQ(r.layers.size(), 1U);
  EXPECT_EQ(r.layers[0].format, "zip");
  EXPECT_EQ(read_file(layer_dir(r) / "ok.txt"), "fine");
  EXPECT_FALSE(fs::exists(dir_ / "zip-evil.txt"));
  ASSERT_NE(find(r, "Firmware.Extract.PathTraversal"), nullptr);
}

TEST_F(Hostile, AbsolutePathsLandUnderTheLayer) {
  const std::string name = "/tmp/iotguard-abs-" + std::to_string(::getpid()) + "/x.txt";
  const std::string tar =
      ArchiveBuilder(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED).file(name, "inside").finish();
  const auto r = extract(tar);
  ASSERT_EQ(r.layers.size(), 1U);
  EXPECT_FALSE(fs::exists(name));
  EXPECT_EQ(read_file(layer_dir(r) / name.substr(1)), "inside");
  const Finding* f = find(r, "Firmware.Extract.AbsolutePath");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence["examples"][0]["entry"], name);
}

TEST_F(Hostile, SymlinkThenWriteThroughItIsRefused) {
  fs::create_directories(dir_ / "outside");
  write_file(dir_ / "target.txt", "original");
  const std::string tar = ArchiveBuilder(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED)
                              .symlink("link", (dir_ / "outside").string())
                              .file("link/pwned.txt", "escaped")
                              .symlink("up", "../../..")
                              .file("up/pwned2.txt", "escaped")
                              .symlink("f", (dir_ / "target.txt").string())
                              .file("f", "replaced")
                              .finish();
  const auto r = extract(tar);
  ASSERT_EQ(r.layers.size(), 1U);
  EXPECT_FALSE(fs::exists(dir_ / "outside/pwned.txt"));
  EXPECT_FALSE(fs::exists(dir_ / "pwned2.txt"));
  EXPECT_FALSE(fs::exists(dir_.parent_path() / "pwned2.txt"));
  // A file entry over an earlier symlink replaces the link, not its target.
  EXPECT_EQ(read_file(dir_ / "target.txt"), "original");
  EXPECT_FALSE(fs::is_symlink(layer_dir(r) / "f"));
  EXPECT_EQ(read_file(layer_dir(r) / "f"), "replaced");
  // The links themselves are kept as they were stored.
  EXPECT_EQ(fs::read_symlink(layer_dir(r) / "link"), dir_ / "outside");
  const Finding* f = find(r, "Firmware.Extract.SymlinkEscape");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::high);
  EXPECT_EQ(f->evidence["count"], 2);
}

TEST_F(Hostile, HardLinkOutOfTheTreeIsRefused) {
  const std::string tar = ArchiveBuilder(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED)
                              .file("a.txt", "data")
                              .hardlink("b.txt", "a.txt")
                              .hardlink("shadow", "../../../../etc/shadow")
                              .finish();
  const auto r = extract(tar);
  ASSERT_EQ(r.layers.size(), 1U);
  EXPECT_EQ(read_file(layer_dir(r) / "b.txt"), "data");
  EXPECT_FALSE(fs::exists(layer_dir(r) / "shadow"));
  ASSERT_NE(find(r, "Firmware.Extract.PathTraversal"), nullptr);
}

TEST_F(Hostile, DeviceNodesFifosAndSetuidBitsAreNeverCreated) {
  const std::string tar = ArchiveBuilder(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED)
                              .dir("dev")
                              .device("dev/console", AE_IFCHR, 5, 1)
                              .device("dev/sda", AE_IFBLK, 8, 0)
                              .device("run/initctl", AE_IFIFO, 0, 0)
                              .file("bin/su", "ELF-ish", 04755)
                              .dir("tmp", 01777)
                              .finish();
  const auto r = extract(tar);
  ASSERT_EQ(r.layers.size(), 1U);
  const fs::path L = layer_dir(r);
  EXPECT_FALSE(fs::exists(fs::symlink_status(L / "dev/console")));
  EXPECT_FALSE(fs::exists(fs::symlink_status(L / "dev/sda")));
  EXPECT_FALSE(fs::exists(fs::symlink_status(L / "run/initctl")));
  struct stat st {};
  ASSERT_EQ(::lstat((L / "bin/su").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0755U);
  ASSERT_EQ(::lstat((L / "tmp").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07000, 0U);
  ASSERT_NE(find(r, "Firmware.Extract.DeviceNodeSkipped"), nullptr);
  EXPECT_EQ(find(r, "Firmware.Extract.DeviceNodeSkipped")->evidence["count"], 2);
  ASSERT_NE(find(r, "Firmware.Extract.SpecialFileSkipped"), nullptr);
  const Finding* s = find(r, "Firmware.Extract.SetuidStripped");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->evidence["count"], 2);
  EXPECT_EQ(s->evidence["examples"][0]["mode"], "4755");
}

TEST_F(Hostile, StackedCompressionIsOneLayerAndStillBounded) {
  const fs::path img = dir_ / "stacked.gz";
  ASSERT_EQ(sh("head -c 50000000 /dev/zero | gzip | gzip | gzip > " + quote(img)), 0);
  auto r = unpack::extract_firmware(img.string(), dir_ / "out");
  ASSERT_TRUE(r.ok());
  ASSERT_GE(r->layers.size(), 1U);
  EXPECT_EQ(r->layers[0].chain, "gzip(gzip,gzip,gzip)@0x0");
  EXPECT_TRUE(r->limit_reached);
  EXPECT_LT(r->bytes, UINT64_C(10) << 20);
}

TEST_F(Hostile, DecompressionBombStopsAtTheRatioLimit) {
  // 256 MiB of zeros in a tar.gz is about 250 KiB: a ratio near 1000:1.
  const std::uint64_t size = UINT64_C(256) << 20;
  const std::string bomb = ArchiveBuilder(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_GZIP)
                               .zeros("zeros.bin", size)
                               .finish();
  ASSERT_LT(bomb.size(), size / 500);
  const auto r = extract(bomb);
  ASSERT_EQ(r.layers.size(), 1U);
  EXPECT_FALSE(r.layers[0].complete);
  EXPECT_TRUE(r.limit_reached);
  const Finding* f = find(r, "Firmware.Extract.LimitReached");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::medium);
  EXPECT_NE(f->evidence["examples"][0]["limit"].get<std::string>().find("ratio"),
            std::string::npos);
  // Stopped near 100:1 of the input plus the slack, far below the bomb's size.
  EXPECT_LT(r.bytes, bomb.size() * 100 + (UINT64_C(2) << 20));
  EXPECT_LT(fs::file_size(layer_dir(r) / "zeros.bin"), size / 10);
}

TEST_F(Hostile, TotalSizeAndFileCountLimitsStopExtraction) {
  ArchiveBuilder many(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED);
  for (int i = 0; i < 50; ++i) many.file("f" + std::to_string(i), std::string(1000, 'a' + i % 26));
  const std::string tar = many.finish();
  {
    unpack::ExtractLimits lim;
    lim.max_files = 10;
    const auto r = extract(tar, lim);
    EXPECT_EQ(r.files, 10U);
    EXPECT_TRUE(r.limit_reached);
    ASSERT_NE(find(r, "Firmware.Extract.LimitReached"), nullptr);
    fs::remove_all(dir_ / "out");
  }
  {
    unpack::ExtractLimits lim;
    lim.max_total_bytes = 5500;
    const auto r = extract(tar, lim);
    EXPECT_LE(r.bytes, 5500U);
    EXPECT_TRUE(r.limit_reached);
    const Finding* f = find(r, "Firmware.Extract.LimitReached");
    ASSERT_NE(f, nullptr);
    EXPECT_NE(f->evidence.dump().find("max_total_bytes"), std::string::npos);
  }
}

TEST_F(Hostile, NestingDepthIsBounded) {
  // gzip inside gzip inside ..., each behind a small header so that every
  // level is a carved layer of its own (libarchive would otherwise stack the
  // decompressors of a stream that starts with another gzip stream).
  const fs::path img = dir_ / "nested.gz";
  std::string cmd = "echo payload";
  for (int i = 0; i < 5; ++i) cmd = "(printf HEADER; " + cmd + " | gzip)";
  ASSERT_EQ(sh(cmd + " | gzip > " + quote(img)), 0);
  unpack::ExtractLimits lim;
  lim.max_depth = 3;
  auto r = unpack::extract_firmware(img.string(), dir_ / "out", lim);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->layers.size(), 3U);
  EXPECT_EQ(r->layers.back().chain, "gzip@0x0 > gzip@0x6 > gzip@0x6");
  ASSERT_NE(find(*r, "Firmware.Extract.LimitReached"), nullptr);
  EXPECT_EQ(find(*r, "Firmware.Extract.LimitReached")->evidence["limit"], "max_depth");
}

}  // namespace
