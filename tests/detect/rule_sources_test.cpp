// SPDX-License-Identifier: GPL-2.0-or-later
// What a rule source is taken for before libyara sees it.
#include <gtest/gtest.h>

#include "detect/yara/rule_sources.h"

using iotguard::detect::yara::Source;

namespace {
Source text(const std::string& t) { return {"r.yar", t, "r"}; }
}  // namespace

TEST(RuleSources, IncludeDirectivesAreSeenWhereLibyaraWouldReadThem) {
  EXPECT_TRUE(text("include \"common.yar\"\nrule A { condition: true }").may_include());
  EXPECT_TRUE(text("rule A { condition: true }\n  include\t\"/abs/x.yar\"").may_include());
  EXPECT_FALSE(text("rule include_guard { condition: true }").may_include());
  EXPECT_FALSE(text("rule A { strings: $s = \"include\" condition: $s }").may_include());
  EXPECT_FALSE(text("rule A { condition: true } // no_include \"x\"").may_include());
  EXPECT_FALSE(text("include").may_include());
  EXPECT_FALSE(text("include   ").may_include());
  EXPECT_FALSE(text("include\"x\"").may_include());  // libyara wants a blank before the quote
}

TEST(RuleSources, YaracOutputIsToldFromRuleText) {
  EXPECT_TRUE(text(std::string("YARA\x0b\x00\x00\x00", 8)).compiled());
  EXPECT_FALSE(text("rule YARA_thing { condition: true }").compiled());
  EXPECT_FALSE(text("").compiled());
}
