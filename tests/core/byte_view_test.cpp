// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/byte_view.h"

#include <gtest/gtest.h>

#include <array>

using iotguard::ByteView;
using iotguard::Endian;

TEST(ByteView, ReadsBothByteOrdersInsideBounds) {
  const std::array<std::uint8_t, 4> b = {0x12, 0x34, 0x56, 0x78};
  ByteView v(b);
  EXPECT_EQ(v.read<std::uint32_t>(0, Endian::little), 0x78563412u);
  EXPECT_EQ(v.read<std::uint32_t>(0, Endian::big), 0x12345678u);
  EXPECT_EQ(v.read<std::uint16_t>(2, Endian::big), 0x5678u);
}

TEST(ByteView, RefusesReadsPastTheEndIncludingOverflowingOffsets) {
  const std::array<std::uint8_t, 4> b = {1, 2, 3, 4};
  ByteView v(b);
  EXPECT_FALSE(v.read<std::uint32_t>(1, Endian::little));
  EXPECT_FALSE(v.read<std::uint8_t>(4, Endian::little));
  EXPECT_FALSE(v.slice(UINT64_MAX, 2));
  EXPECT_FALSE(v.slice(2, UINT64_MAX));
  EXPECT_TRUE(v.clamp(3, UINT64_MAX).size() == 1);
  EXPECT_TRUE(v.clamp(UINT64_MAX, 1).empty());
}

TEST(ByteView, CStringStopsAtNulLimitOrEnd) {
  const char s[] = {'a', 'b', '\0', 'c', 'd'};
  ByteView v({reinterpret_cast<const std::uint8_t*>(s), sizeof s});
  EXPECT_EQ(*v.cstring(0), "ab");
  EXPECT_EQ(*v.cstring(3), "cd");  // unterminated: cut at the end of the view
  EXPECT_EQ(*v.cstring(0, 1), "a");
  EXPECT_FALSE(v.cstring(5));
}
