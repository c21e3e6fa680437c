// SPDX-License-Identifier: GPL-2.0-or-later
// Real firmware layouts built at test time with the real tools (mksquashfs,
// cpio, gzip, xz, zip, mkimage), then extracted and compared with the root
// they were built from.
#include <gtest/gtest.h>

#include <string>

#include <fmt/format.h>

#include "fixture.h"
#include "unpack/firmware.h"

using namespace iotguard;
using namespace iotguard::testing_fw;

namespace {

class FirmwareImages : public Scratch {
 protected:
  unpack::ExtractReport extract(const fs::path& image, const unpack::ExtractLimits& lim = {}) {
    auto r = unpack::extract_firmware(image.string(), dir_ / "out", lim);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(*r) : unpack::ExtractReport{};
  }
  static std::vector<std::string> chains(const unpack::ExtractReport& r) {
    std::vector<std::string> c;
    for (const auto& l : r.layers) c.push_back(l.chain);
    return c;
  }
  static bool no_findings_above_info(const unpack::ExtractReport& r) {
    for (const auto& f : r.findings)
      if (f.severity != Severity::info) return false;
    return true;
  }
  void need(const std::string& tool) {
    if (!have_tool(tool)) GTEST_SKIP() << tool << " missing: scripts/install-deps.sh --test";
  }
};

class SquashfsCompressors : public FirmwareImages,
                            public ::testing::WithParamInterface<const char*> {};

TEST_P(SquashfsCompressors, ExtractsEveryFileAndKeepsSymlinksAsLinks) {
  need("mksquashfs");
  const fs::path root = make_root();
  const fs::path img = dir_ / "fs.sqfs";
  ASSERT_EQ(sh("mksquashfs " + quote(root) + " " + quote(img) + " -comp " + GetParam() +
               " -quiet -noappend -all-root >/dev/null"),
            0);
  const auto r = extract(img);
  ASSERT_EQ(r.layers.size(), 1U);
  EXPECT_EQ(r.layers[0].chain, std::string("squashfs(") + GetParam() + ")@0x0");
  EXPECT_TRUE(r.layers[0].complete);
  EXPECT_TRUE(no_findings_above_info(r));
  expect_root(dir_ / "out" / r.layers[0].output);
}

INSTANTIATE_TEST_SUITE_P(Compressors, SquashfsCompressors,
                         ::testing::Values("gzip", "xz", "lzma", "lz4", "zstd"));

TEST_F(FirmwareImages, SquashfsWithUnbuiltCompressorIsReportedUnsupported) {
  need("mksquashfs");
  const fs::path img = dir_ / "fs.sqfs";
  ASSERT_EQ(sh("mksquashfs " + quote(make_root()) + " " + quote(img) +
               " -comp lzo -quiet -noappend >/dev/null"),
            0);
  const auto r = extract(img);
  ASSERT_EQ(r.layers.size(), 1U);
  EXPECT_FALSE(r.layers[0].complete);
  ASSERT_EQ(r.findings.size(), 1U);
  EXPECT_EQ(r.findings[0].rule, "Firmware.Extract.Unsupported");
  EXPECT_EQ(r.findings[0].evidence["examples"][0]["compressor"], "lzo");
}

TEST_F(FirmwareImages, CpioGzipTarXzAndZipArchives) {
  need("cpio");
  need("zip");
  const fs::path root = make_root();
  struct Case {
    std::string file, cmd, chain;
  } cases[] = {
      {"rootfs.cpio.gz", "cd " + quote(root) + " && find . | cpio -o -H newc 2>/dev/null | gzip",
       "cpio(gzip)@0x0"},
      {"rootfs.tar.xz", "tar -C " + quote(root) + " -cf - . | xz", "tar(xz)@0x0"},
      {"rootfs.zip", "cd " + quote(root) + " && zip -qry - .", "zip@0x0"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    const fs::path img = dir_ / c.file;
    ASSERT_EQ(sh("(" + c.cmd + ") > " + quote(img)), 0);
    const auto r = extract(img);
    ASSERT_EQ(chains(r), std::vector<std::string>{c.chain});
    EXPECT_TRUE(no_findings_above_info(r));
    expect_root(dir_ / "out" / r.layers[0].output);
    fs::remove_all(dir_ / "out");
  }
}

TEST_F(FirmwareImages, GzipAndXzWrappersAroundSquashfs) {
  need("mksquashfs");
  const fs::path sq = dir_ / "fs.sqfs";
  ASSERT_EQ(sh("mksquashfs " + quote(make_root()) + " " + quote(sq) +
               " -comp zstd -quiet -noappend >/dev/null"),
            0);
  for (const std::string w : {"gzip", "xz"}) {
    SCOPED_TRACE(w);
    const fs::path img = dir_ / ("fs.sqfs." + w);
    ASSERT_EQ(sh(w + " -c " + quote(sq) + " > " + quote(img)), 0);
    const auto r = extract(img);
    ASSERT_EQ(chains(r), (std::vector<std::string>{w + "@0x0", w + "@0x0 > squashfs(zstd)@0x0"}));
    // The decompressed stream is kept as the layer's payload, the tree beside it.
    EXPECT_EQ(read_file(dir_ / "out" / r.layers[0].output / "payload"), read_file(sq));
    expect_root(dir_ / "out" / r.layers[1].output);
    fs::remove_all(dir_ / "out");
  }
}

TEST_F(FirmwareImages, RawImageWithJunkUImageHeaderAndSquashfsAtAnOffset) {
  need("mksquashfs");
  need("mkimage");
  const fs::path sq = dir_ / "fs.sqfs";
  const fs::path ui = dir_ / "rootfs.uimg";
  ASSERT_EQ(sh("mksquashfs " + quote(make_root()) + " " + quote(sq) +
               " -comp xz -quiet -noappend >/dev/null"),
            0);
  ASSERT_EQ(sh("mkimage -A mips -O linux -T filesystem -C none -n rootfs -d " + quote(sq) + " " +
               quote(ui) + " >/dev/null"),
            0);
  // A bootloader-ish junk header, the uImage, then erased-flash padding.
  std::string junk(0x1000, '\0');
  for (std::size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<char>((i * 131) & 0xff);
  const fs::path img = dir_ / "flash.bin";
  write_file(img, junk + read_file(ui) + std::string(0x8000, '\xff'));

  const auto r = extract(img);
  ASSERT_EQ(chains(r),
            (std::vector<std::string>{"uimage@0x1000", "uimage@0x1000 > squashfs(xz)@0x1040"}));
  EXPECT_EQ(r.layers[0].detail, "filesystem, none, 'rootfs'");
  EXPECT_EQ(r.layers[1].offset, 0x1040U);
  EXPECT_TRUE(no_findings_above_info(r));
  expect_root(dir_ / "out" / r.layers[1].output);
}

// Broadcom TRX v1 (OpenWrt firmware-utils trx.c): header, then a gzip'd
// "kernel" and a SquashFS root at the partition offsets.
TEST_F(FirmwareImages, TrxImagePartitions) {
  need("mksquashfs");
  const fs::path sq = dir_ / "fs.sqfs";
  ASSERT_EQ(sh("mksquashfs " + quote(make_root()) + " " + quote(sq) +
               " -comp gzip -quiet -noappend >/dev/null"),
            0);
  ASSERT_EQ(sh("head -c 5000 /dev/urandom > " + quote(dir_ / "kernel")), 0);
  ASSERT_EQ(sh("gzip -c " + quote(dir_ / "kernel") + " > " + quote(dir_ / "kernel.gz")), 0);
  const std::string kernel = read_file(dir_ / "kernel.gz");
  const std::string fs_bytes = read_file(sq);
  const std::uint32_t kofs = 28, rofs = (28 + kernel.size() + 0xfff) & ~0xfffU;
  std::string body(rofs, '\0');
  body.replace(kofs, kernel.size(), kernel);
  body += fs_bytes;
  auto le32 = [&](std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) body[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
  };
  body.replace(0, 4, "HDR0");
  le32(4, static_cast<std::uint32_t>(body.size()));
  le32(12, 1U << 16);  // flags 0, version 1
  le32(16, kofs);
  le32(20, rofs);
  le32(24, 0);
  le32(8, static_cast<std::uint32_t>(::crc32(0, reinterpret_cast<const Bytef*>(body.data()) + 12,
                                             static_cast<uInt>(body.size() - 12))));
  const fs::path img = dir_ / "fw.trx";
  write_file(img, body);

  const auto r = extract(img);
  ASSERT_EQ(chains(r),
            (std::vector<std::string>{"trx@0x0", "trx@0x0 > gzip@0x1c",
                                      fmt::format("trx@0x0 > squashfs(gzip)@{:#x}", rofs)}));
  EXPECT_EQ(read_file(dir_ / "out" / r.layers[1].output / "payload"), read_file(dir_ / "kernel"));
  expect_root(dir_ / "out" / r.layers[2].output);
}

TEST_F(FirmwareImages, ImageWithNothingKnownGivesOneFinding) {
  const fs::path img = dir_ / "noise.bin";
  ASSERT_EQ(sh("head -c 65536 /dev/zero > " + quote(img)), 0);
  const auto r = extract(img);
  EXPECT_TRUE(r.layers.empty());
  ASSERT_EQ(r.findings.size(), 1U);
  EXPECT_EQ(r.findings[0].rule, "Firmware.Extract.NoKnownLayer");
}

TEST_F(FirmwareImages, RefusesANonEmptyOutputDirectory) {
  write_file(dir_ / "out/keep.txt", "mine");
  write_file(dir_ / "img", "x");
  auto r = unpack::extract_firmware((dir_ / "img").string(), dir_ / "out");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(read_file(dir_ / "out/keep.txt"), "mine");
}

}  // namespace
