// SPDX-License-Identifier: GPL-2.0-or-later
// The transition table moved out of libyara's arena: same matches, own pages.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "detect/yara/rule_sources.h"
#include "detect/yara/scan_tables.h"

#include <yara.h>

using namespace iotguard::detect;

namespace {

struct Library {
  Library() { EXPECT_EQ(yr_initialize(), ERROR_SUCCESS); }
  ~Library() { yr_finalize(); }
};

int count_matches(YR_SCAN_CONTEXT*, int message, void*, void* user) {
  if (message == CALLBACK_MSG_RULE_MATCHING) ++*static_cast<int*>(user);
  return CALLBACK_CONTINUE;
}

int matches(YR_RULES* rules, const std::string& data) {
  int n = 0;
  EXPECT_EQ(yr_rules_scan_mem(rules, reinterpret_cast<const std::uint8_t*>(data.data()),
                              data.size(), 0, count_matches, &n, 0),
            ERROR_SUCCESS);
  return n;
}

}  // namespace

TEST(ScanTables, CopyLivesOnItsOwnPagesAndScansTheSame) {
  Library lib;
  yara::Source src{"t.yar",
                   "rule A { strings: $a = \"needle-one\" condition: $a }\n"
                   "rule B { strings: $b = { 00 01 02 03 04 } condition: $b }\n"
                   "rule C { strings: $c = /ha+y/ condition: $c }\n",
                   "t"};
  auto rules = yara::compile({&src});
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  YR_RULES* r = rules->get();
  const auto* arena_table = r->ac_transition_table;
  const std::size_t used = r->arena->buffers[YR_AC_TRANSITION_TABLE].used;
  const std::string hay = std::string("xx needle-one ") + std::string("\0\1\2\3\4", 5) + " haaay";
  ASSERT_EQ(matches(r, hay), 3);

  auto tables = ScanTables::isolate(r);
  ASSERT_NE(tables, nullptr);
  EXPECT_EQ(static_cast<const void*>(r->ac_transition_table), tables->data());
  EXPECT_NE(r->ac_transition_table, arena_table);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(tables->data()) % 4096, 0u);
  EXPECT_EQ(tables->bytes() % 4096, 0u);
  EXPECT_GE(tables->bytes(), used);
  EXPECT_EQ(std::memcmp(tables->data(), arena_table, used), 0);
  EXPECT_EQ(matches(r, hay), 3);
  EXPECT_EQ(matches(r, "needle-on haay"), 1);

  // Already moved: the table is no longer where the arena keeps it.
  EXPECT_EQ(ScanTables::isolate(r), nullptr);
  tables.reset();
  r->ac_transition_table = const_cast<YR_AC_TRANSITION*>(arena_table);
}
