// SPDX-License-Identifier: GPL-2.0-or-later
// The one reader of the default-credential dictionaries: what a line may hold,
// what is skipped and reported, and the shipped dictionaries read cleanly.
#include "core/credentials.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <fstream>

namespace iotguard {
namespace {

namespace fs = std::filesystem;

TEST(CredentialDictionary, ReadsFieldsDefaultsAndReportsEveryBadLine) {
  CredentialDictionary d;
  parse_credentials(
      "# comment\n"
      "root\txc3511\t10\tmirai#1\n"
      "admin\tadmin\r\n"                     // CRLF, no weight, no source
      "root\t\t4\n"                          // an empty password is a real default
      "no-tab-here\n"                        // 5
      "\tpw\t1\tx\n"                         // no user: Gafgyt tries that too
      "u\tp\tmany\tx\n"                      // 7: weight not a number
      "u\tp\t0\tx\n"                         // 8: weight out of range
      "u\tp\t5x\tx\n"                        // 9: trailing junk after the weight
          + std::string(70, 'u') + "\tp\n",  // 10: user too long
      "dir/vendor.tsv", d);
  ASSERT_EQ(d.entries.size(), 4u);
  EXPECT_EQ(d.entries[0].source, "mirai#1");
  EXPECT_EQ(d.entries[0].weight, 10u);
  EXPECT_EQ(d.entries[1].password, "admin");  // the CR is not part of it
  EXPECT_EQ(d.entries[1].weight, 1u);
  EXPECT_EQ(d.entries[1].source, "vendor");  // the file's stem
  EXPECT_EQ(d.entries[2].password, "");
  EXPECT_EQ(d.entries[3].user, "");
  ASSERT_EQ(d.problems.size(), 5u);
  EXPECT_EQ(d.problems[0], "dir/vendor.tsv:5: expected user<TAB>password");
  EXPECT_EQ(d.problems[1].substr(0, 17), "dir/vendor.tsv:7:");
  EXPECT_EQ(d.problems[4].substr(0, 18), "dir/vendor.tsv:10:");
}

TEST(CredentialDictionary, StopsAtTheEntryBound) {
  std::string text;
  for (std::size_t i = 0; i < kMaxCredentials + 50; ++i) text += "u" + std::to_string(i) + "\tp\n";
  CredentialDictionary d;
  parse_credentials(text, "big.tsv", d);
  EXPECT_EQ(d.entries.size(), kMaxCredentials);
}

TEST(CredentialDictionary, TheShippedDictionariesHaveNoBadLine) {
  auto d = load_credentials(fs::path(IOTGUARD_SOURCE_DIR) / "signatures/credentials");
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_TRUE(d->problems.empty()) << d->problems.front();
  // Mirai's table alone has 62 pairs (threats.md s2.2).
  const auto mirai = std::count_if(d->entries.begin(), d->entries.end(), [](const Credential& c) {
    return c.source.rfind("mirai#", 0) == 0;
  });
  EXPECT_EQ(mirai, 62);
}

TEST(CredentialDictionary, ADirectoryWithoutDictionariesIsAnError) {
  const fs::path dir = fs::temp_directory_path() / ("iotguard-creds-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "notes.txt") << "root\troot\n";
  EXPECT_FALSE(load_credentials(dir).ok());
  EXPECT_FALSE(load_credentials(dir / "missing").ok());
  std::ofstream(dir / "a.tsv") << "root\troot\t3\n";
  auto d = load_credentials(dir);
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->entries.size(), 1u);
  EXPECT_EQ(d->entries[0].source, "a");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace iotguard
