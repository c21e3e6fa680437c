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
  // As signature-base has them: in a licence comment and inside a string.
  EXPECT_FALSE(text("/* may not include \"JPCERT\" */ rule A { condition: true }").may_include());
  EXPECT_FALSE(
      text("rule A { strings: $s = \"Exploit include \\\"x\\\"\" condition: $s }").may_include());
  EXPECT_TRUE(text("/* licence */\ninclude \"x.yar\"").may_include());
}

TEST(RuleSources, YaracOutputIsToldFromRuleText) {
  EXPECT_TRUE(text(std::string("YARA\x0b\x00\x00\x00", 8)).compiled());
  EXPECT_FALSE(text("rule YARA_thing { condition: true }").compiled());
  EXPECT_FALSE(text("").compiled());
}

TEST(RuleSources, RuleDefinitionsAreFoundByName) {
  const Source s = text(
      "private rule is__elf {\n condition: true }\nglobal rule\tTwo { condition: "
      "is__elf }\nrule\nThree{condition:true}");
  EXPECT_TRUE(s.defines_rule("is__elf"));
  EXPECT_TRUE(s.defines_rule("Two"));
  EXPECT_TRUE(s.defines_rule("Three"));
  EXPECT_FALSE(s.defines_rule("is_"));        // a prefix of a name
  EXPECT_FALSE(s.defines_rule("condition"));  // not after `rule`
  EXPECT_FALSE(text("myrule X { condition: true }").defines_rule("X"));
  EXPECT_FALSE(text("ruleX").defines_rule("X"));
  EXPECT_FALSE(s.defines_rule(""));
}
