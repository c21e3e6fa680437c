// SPDX-License-Identifier: GPL-2.0-or-later
// The carver's header checks and the entry-name sanitiser, on bytes built here.
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

#include "unpack/carve/signatures.h"
#include "unpack/carve/uimage.h"
#include "unpack/containment/entry_path.h"

using namespace iotguard;
using namespace iotguard::unpack;

namespace {

ByteView view(const std::string& s) {
  return ByteView(Bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()));
}

std::string be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

std::string uimage_header(std::uint32_t size, const std::string& name, bool good_crc) {
  std::string h = be32(carve::kUImageMagic) + be32(0) + be32(0) + be32(size) + be32(0) + be32(0) +
                  be32(0) + std::string("\x05\x02\x02\x01", 4);
  h += name + std::string(32 - name.size(), '\0');
  std::uint32_t crc =
      static_cast<std::uint32_t>(::crc32(0, reinterpret_cast<const Bytef*>(h.data()), 64));
  if (!good_crc) crc ^= 1;
  h.replace(4, 4, be32(crc));
  return h;
}

TEST(UImage, ParsesAValidHeaderAndChecksItsCrc) {
  const std::string img = uimage_header(16, "Linux-5.4", true) + std::string(16, 'k');
  const auto u = carve::parse_uimage(view(img), 0);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->name, "Linux-5.4");
  EXPECT_EQ(u->type_name(), "kernel");
  EXPECT_EQ(u->comp_name(), "gzip");
  ASSERT_EQ(u->parts.size(), 1U);
  EXPECT_EQ(u->parts[0], std::make_pair(std::uint64_t{64}, std::uint64_t{16}));
  const std::string bad = uimage_header(16, "Linux-5.4", false) + std::string(16, 'k');
  EXPECT_FALSE(carve::parse_uimage(view(bad), 0));
  // Data size beyond the end of the bytes: refused.
  EXPECT_FALSE(carve::parse_uimage(view(uimage_header(17, "x", true) + std::string(16, 'k')), 0));
}

TEST(Signatures, FindsMagicsOnlyWhereTheHeaderChecksOut) {
  // gzip with a reserved flag bit set is not gzip; a proper one is.
  std::string d = std::string(100, 'x') + std::string("\x1f\x8b\x08\xe0\0\0\0\0\0\x03", 10) +
                  std::string(50, 'y') + std::string("\x1f\x8b\x08\x00\0\0\0\0\0\x03", 10);
  const auto c = carve::next_candidate(view(d), 0);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->format, carve::Format::gzip);
  EXPECT_EQ(c->offset, 160U);
  EXPECT_FALSE(carve::next_candidate(view(d), 161));
}

TEST(Signatures, LzmaNeedsPlausibleProperties) {
  // 0x5d, dictionary 8 MiB, unknown size, first range-coder byte 0.
  const std::string good("\x5d\x00\x00\x80\x00\xff\xff\xff\xff\xff\xff\xff\xff\x00", 14);
  EXPECT_TRUE(carve::candidate_at(view(good), 0));
  std::string odd_dict = good;
  odd_dict[1] = '\x01';  // 8 MiB + 1: not 2^n or 2^n + 2^(n-1)
  EXPECT_FALSE(carve::candidate_at(view(odd_dict), 0));
  std::string bad_rc = good;
  bad_rc[13] = '\x01';
  EXPECT_FALSE(carve::candidate_at(view(bad_rc), 0));
}

TEST(Signatures, SquashfsSuperblockFieldsAreChecked) {
  std::string sb(96, '\0');
  sb.replace(0, 4, "hsqs");
  auto put = [&](std::size_t at, std::uint64_t v, int n) {
    for (int i = 0; i < n; ++i) sb[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
  };
  put(12, 131072, 4);  // block size
  put(20, 4, 2);       // xz
  put(22, 17, 2);      // block log
  put(28, 4, 2);       // version 4
  put(40, 96, 8);      // bytes used
  auto c = carve::candidate_at(view(sb), 0);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->format, carve::Format::squashfs);
  EXPECT_EQ(c->detail, "xz");
  put(22, 16, 2);  // block log disagrees with block size
  EXPECT_FALSE(carve::candidate_at(view(sb), 0));
  put(22, 0xe805, 2);  // a block log no shift can take (found by fuzz_carve)
  EXPECT_FALSE(carve::candidate_at(view(sb), 0));
  put(22, 17, 2);
  put(40, 4096, 8);  // claims more bytes than there are
  EXPECT_FALSE(carve::candidate_at(view(sb), 0));
}

TEST(EntryPath, SanitisesNames) {
  EXPECT_EQ(sanitize_entry_path("./a//b/./c", 64).joined(), "a/b/c");
  EXPECT_EQ(sanitize_entry_path("a/../b", 64).problem, PathProblem::traversal);
  EXPECT_EQ(sanitize_entry_path("..", 64).problem, PathProblem::traversal);
  const auto abs = sanitize_entry_path("/etc/passwd", 64);
  EXPECT_TRUE(abs.absolute);
  EXPECT_EQ(abs.joined(), "etc/passwd");
  EXPECT_EQ(sanitize_entry_path("/", 64).problem, PathProblem::empty);
  EXPECT_EQ(sanitize_entry_path("a/b/c", 2).problem, PathProblem::too_deep);
  EXPECT_EQ(sanitize_entry_path(std::string(256, 'n'), 64).problem, PathProblem::bad_component);
  EXPECT_EQ(sanitize_entry_path("..foo/bar..", 64).joined(), "..foo/bar..");
}

}  // namespace
