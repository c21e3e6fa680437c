// SPDX-License-Identifier: GPL-2.0-or-later
#include <arpa/inet.h>

#include <cstring>

#include <gtest/gtest.h>

#include "audit/accounts.h"
#include "audit/credentials.h"
#include "audit/procfs.h"
#include "audit/versions.h"

using namespace iotguard;
using namespace iotguard::audit;

TEST(Versions, CompareAndRanges) {
  EXPECT_LT(compare_versions("1.0.1", "1.0.1a"), 0);
  EXPECT_LT(compare_versions("1.0.1f", "1.0.1g"), 0);
  EXPECT_LT(compare_versions("1.0.1f", "1.0.2"), 0);
  EXPECT_LT(compare_versions("2016.72", "2016.74"), 0);
  EXPECT_LT(compare_versions("4.4.9", "4.4.26"), 0);
  EXPECT_EQ(compare_versions("1.35.0", "1.35.0"), 0);
  EXPECT_TRUE(in_range("1.0.1e", ">=1.0.1,<=1.0.1f"));
  EXPECT_FALSE(in_range("1.0.1g", ">=1.0.1,<=1.0.1f"));
  EXPECT_FALSE(in_range("1.0.2", ">=1.0.1,<=1.0.1f"));
  EXPECT_TRUE(in_range("4.4.0", ">=2.6.22,<4.4.26"));
  EXPECT_FALSE(in_range("4.4.26", ">=2.6.22,<4.4.26"));
  EXPECT_FALSE(in_range("1.2", "~1.2"));  // malformed constraint never matches
  EXPECT_EQ(upstream_version("1:1.35.0-4+deb12u1"), "1.35.0");
  EXPECT_EQ(upstream_version("1.36.1-r5"), "1.36.1");
  EXPECT_EQ(upstream_version("6.1.0-13-amd64"), "6.1.0");
  EXPECT_EQ(version_after(std::string("xx\0BusyBox v1.24.1 (2016-01-01)", 31), "BusyBox v"),
            "1.24.1");
  EXPECT_EQ(version_after("SSH-2.0-dropbear_2015.67\r\n", "dropbear_"), "2015.67");
}

TEST(Accounts, HashClassification) {
  EXPECT_TRUE(hash_is_locked("!$6$x$y"));
  EXPECT_TRUE(hash_is_locked("*"));
  EXPECT_TRUE(hash_is_locked("x"));
  EXPECT_FALSE(hash_is_locked(""));
  EXPECT_EQ(legacy_hash_scheme("abJnggxhB/yWI"), "des");
  EXPECT_EQ(legacy_hash_scheme("$1$abc$0123456789012345678901"), "md5-crypt");
  EXPECT_EQ(legacy_hash_scheme("$6$abc$def"), "");
  EXPECT_TRUE(hash_is_slow("$y$j9T$abc$def"));
}

namespace {
std::vector<Credential> parse(std::string_view text) {
  CredentialDictionary d;
  parse_credentials(text, "test.tsv", d);
  return d.entries;
}
}  // namespace

TEST(Credentials, OrdersCandidatesByUserThenWeight) {
  auto d = parse(
      "# c\nroot\txc3511\t10\tmirai#1\nadmin\tadmin\t7\tm\nroot\t\t4\tm\n"
      "bad line\nguest\t12345\t1\tm\nfoo\tadmin\t1\tx\n");
  ASSERT_EQ(d.size(), 5u);
  EXPECT_EQ(d[2].password, "");
  auto c = candidates_for(d, "root");
  ASSERT_EQ(c.size(), 4u);  // xc3511, "", then admin (weight 8), 12345
  EXPECT_EQ(c[0]->password, "xc3511");
  EXPECT_EQ(c[1]->password, "");
  EXPECT_EQ(c[2]->password, "admin");
  EXPECT_EQ(c[3]->password, "12345");
}

TEST(Credentials, CrackFindsTheDictionaryPasswordWithinBudget) {
  auto d = parse("root\tvizxv\t9\tm\nroot\txc3511\t10\tm\n");
  // SHA-512-crypt of "vizxv" with salt "saltsalt" (from libxcrypt itself at test time).
  auto c = candidates_for(d, "root");
  CrackResult none = crack("$6$saltsalt$notahash", c, {});
  EXPECT_FALSE(none.match);
  EXPECT_EQ(none.tries, 2u);
  CrackResult capped = crack("$6$saltsalt$notahash", c, {1, 5.0});
  EXPECT_TRUE(capped.exhausted);
  EXPECT_EQ(capped.tries, 1u);
}

TEST(Procfs, ParsesNetTables) {
  in_addr lo{};
  inet_pton(AF_INET, "127.0.0.1", &lo);
  std::uint32_t w = 0;
  std::memcpy(&w, &lo, 4);
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08X", w);
  const std::string text =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout "
      "inode\n   0: " +
      std::string(hex) +
      ":BBE5 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0\n"
      "   1: garbage\n";
  auto s = parse_net_table(text, "tcp");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].local_addr, "127.0.0.1");
  EXPECT_EQ(s[0].local_port, 48101);
  EXPECT_EQ(s[0].inode, 4242u);
  EXPECT_TRUE(s[0].listening());
  EXPECT_TRUE(s[0].loopback_only());
  EXPECT_EQ(decode_hex_addr("zz"), "");
}
