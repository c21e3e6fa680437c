// SPDX-License-Identifier: GPL-2.0-or-later
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "core/digest.h"
#include "core/entropy.h"
#include "core/finding.h"
#include "core/mapped_file.h"

using namespace iotguard;

namespace {
Bytes as_bytes(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
}  // namespace

TEST(Digest, MatchesKnownVectors) {
  const Digests d = compute_digests(as_bytes("abc"));
  EXPECT_EQ(d.md5, "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(d.sha1, "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(d.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(as_bytes("abc")), d.sha256);
}

// The sketch must see every byte of a small file and the head, tail and
// samples of a large one; equal contents always give equal sketches.
TEST(Digest, SketchSeparatesWhatItReads) {
  std::string small(16 * 1024, 'a');
  std::string small2 = small;
  small2[9 * 1024] = 'b';  // a small file is hashed whole
  EXPECT_EQ(sketch_hex(as_bytes(small)), sketch_hex(as_bytes(std::string(small))));
  EXPECT_NE(sketch_hex(as_bytes(small)), sketch_hex(as_bytes(small2)));
  EXPECT_EQ(sketch_hex(as_bytes(small)).size(), 16u);

  std::string big(1 << 20, 'x');
  for (std::size_t at : {std::size_t{5}, big.size() - 5}) {  // head and tail
    std::string changed = big;
    changed[at] = 'y';
    EXPECT_NE(sketch_hex(as_bytes(big)), sketch_hex(as_bytes(changed))) << at;
  }
  // Samples sit at kEdge + middle*i/16; sample 8 covers the middle of the file.
  const std::size_t middle = big.size() - 2 * 4 * 1024 - 64;
  std::string sampled = big;
  sampled[4 * 1024 + middle * 8 / 16 + 30] = 'y';
  EXPECT_NE(sketch_hex(as_bytes(big)), sketch_hex(as_bytes(sampled)));
  // Moving a sample's bytes elsewhere changes the order they are hashed in.
  EXPECT_NE(sketch_hex(as_bytes(std::string(1 << 20, 'p') + "q")),
            sketch_hex(as_bytes("q" + std::string(1 << 20, 'p'))));
}

TEST(Entropy, UniformBytesAreEightBitsConstantAreZero) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  EXPECT_DOUBLE_EQ(shannon_entropy(as_bytes(all)), 8.0);
  EXPECT_DOUBLE_EQ(shannon_entropy(as_bytes(std::string(100, 'A'))), 0.0);
  EXPECT_DOUBLE_EQ(shannon_entropy({}), 0.0);
}

TEST(MappedFile, MapsRegularFilesAndRefusesOthers) {
  const std::string path = ::testing::TempDir() + "/mapped.bin";
  { std::ofstream(path) << "hello"; }
  auto f = MappedFile::open(path);
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(f->bytes().data()), f->size()), "hello");
  EXPECT_FALSE(MappedFile::open(path, 4).ok());  // larger than the limit
  std::uint64_t seen = 0;  // the size that broke the limit, for the caller's message
  EXPECT_FALSE(MappedFile::open(path, 4, false, &seen).ok());
  EXPECT_EQ(seen, 5u);
  seen = 0;
  EXPECT_FALSE(MappedFile::open("/dev/null", 4, false, &seen).ok());
  EXPECT_EQ(seen, 0u);                                        // refused for another reason
  EXPECT_FALSE(MappedFile::open("/dev/null").ok());           // not a regular file
  EXPECT_FALSE(MappedFile::open(::testing::TempDir()).ok());  // a directory
  EXPECT_FALSE(MappedFile::open(path + ".missing").ok());
  std::remove(path.c_str());
}

TEST(Finding, JsonCarriesTheDocumentedShape) {
  Finding f;
  f.rule = "Test.Rule";
  f.family = "Mirai";
  f.severity = Severity::high;
  f.title = "t";
  f.path = "fw.bin";
  f.object.links = {"fw.bin", "squashfs:/bin/httpd", "upx"};
  const auto j = to_json(f);
  EXPECT_EQ(j["type"], "finding");
  EXPECT_EQ(j["object"], "fw.bin > squashfs:/bin/httpd > upx");
  EXPECT_EQ(j["severity"], "high");
  EXPECT_EQ(j["family"], "Mirai");
  EXPECT_TRUE(j["evidence"].is_object());
  f.family.reset();
  EXPECT_TRUE(to_json(f)["family"].is_null());
  EXPECT_EQ(parse_severity("critical"), Severity::critical);
  EXPECT_FALSE(parse_severity("severe"));
}
