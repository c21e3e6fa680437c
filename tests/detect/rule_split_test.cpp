// SPDX-License-Identifier: GPL-2.0-or-later
// Which files each kind of object runs, and which of them the literal
// filter vouches for.
#include <gtest/gtest.h>

#include "detect/yara/rule_split.h"

using namespace iotguard::detect::yara;

namespace {

Source source(const std::string& ns, const std::string& text) { return {ns + ".yar", text, ns}; }

}  // namespace

TEST(RuleSplit, KindsTargetsAndFilters) {
  const std::vector<Source> sources = {
      source("pe", "rule P { strings: $a = \"pe-marker\" condition: uint16(0) == 0x5a4d and $a }"),
      source("elf",
             "rule E { strings: $a = \"elf-marker\" condition: uint32(0) == 0x464c457f and $a }"),
      source("any", "rule A { strings: $a = \"any-marker\" condition: $a }"),
      source("loose", "rule L { condition: filesize < 10 }"),
      // A PE rule needing nothing: filtered on ELF objects, not on others.
      source("mixed",
             "rule M { strings: $a = \"mixed-mark\" condition: $a }\n"
             "rule N { condition: uint16(0) == 0x5a4d and filesize < 10 }"),
  };
  const auto files = read_files(sources, true);
  const Split elf = split_for(files, true);
  EXPECT_EQ(elf.all, (std::vector<std::size_t>{1, 2, 3, 4}));  // not the PE file
  EXPECT_EQ(elf.filtered, (std::vector<std::size_t>{1, 2, 4}));
  EXPECT_EQ(elf.rest, (std::vector<std::size_t>{3}));
  EXPECT_TRUE(elf.has_rest_set());
  const Split other = split_for(files, false);
  EXPECT_EQ(other.all, (std::vector<std::size_t>{0, 2, 3, 4}));  // not the ELF file
  EXPECT_EQ(other.filtered, (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(other.rest, (std::vector<std::size_t>{3, 4}));

  const auto f = filter_for(files, elf, true);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->size(), 3u);  // elf-marker, any-marker, mixed-mark
  // The ELF split's filtered files on other objects: `mixed` cannot be.
  std::string why;
  EXPECT_EQ(filter_for(files, elf, false, &why), nullptr);
  EXPECT_NE(why.find("rule N"), std::string::npos) << why;

  // Without literals read, nothing is filtered and no rest set is made.
  const auto unread = read_files(sources, false);
  const Split plain = split_for(unread, true);
  EXPECT_TRUE(plain.filtered.empty());
  EXPECT_FALSE(plain.has_rest_set());
  EXPECT_EQ(filter_for(unread, plain, true), nullptr);
}

TEST(RuleSplit, FilesSharingANamespaceStayUnfiltered) {
  const std::vector<Source> sources = {
      source("common", "private rule is_elf { condition: uint32(0) == 0x464c457f }"),
      source("common", "rule U { strings: $a = \"user-mark\" condition: is_elf and $a }"),
      source("own", "rule O { strings: $a = \"own-marker\" condition: $a }"),
  };
  const auto files = read_files(sources, true);
  EXPECT_FALSE(files[0].own_ns);
  EXPECT_FALSE(files[1].own_ns);
  const Split elf = split_for(files, true);
  EXPECT_EQ(elf.filtered, (std::vector<std::size_t>{2}));
  EXPECT_EQ(elf.rest, (std::vector<std::size_t>{0, 1}));
}
