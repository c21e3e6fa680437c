// SPDX-License-Identifier: GPL-2.0-or-later
// What rule conditions say about the objects they can match. A wrong
// `elf_only` or `never_elf` would lose matches yara makes, so the cases that
// must stay `any` matter as much as the ones that must not.
#include <gtest/gtest.h>

#include "detect/yara/rule_targets.h"

using namespace iotguard::detect::yara;

TEST(RuleTargets, MagicTestsAsTopLevelConjuncts) {
  EXPECT_EQ(condition_target(" uint32(0) == 0x464c457f and $a"), Target::elf_only);
  EXPECT_EQ(condition_target("$a and 0x7F454C46 == uint32be(0)"), Target::elf_only);
  EXPECT_EQ(condition_target("uint16(0) == 0x5a4d and filesize < 2MB and 2 of them"),
            Target::never_elf);
  EXPECT_EQ(condition_target("( uint16be(0) == 0x4D5A ) and all of ($s*)"), Target::never_elf);
  EXPECT_EQ(condition_target("uint8(0) == 0x23 and $a // a script"), Target::never_elf);
  EXPECT_EQ(condition_target("uint32(0) == 0xfeedfacf and for any i in (1..#a) : (@a[i] > 10)"),
            Target::never_elf);
}

TEST(RuleTargets, WhatIsNotCertainStaysAny) {
  EXPECT_EQ(condition_target("uint16(0) == 0x5a4d or uint32(0) == 0x464c457f"), Target::any);
  EXPECT_EQ(condition_target("not uint16(0) == 0x5a4d and $a"), Target::any);
  EXPECT_EQ(condition_target("(uint16(0) == 0x5a4d or $b) and $a"), Target::any);
  EXPECT_EQ(condition_target("uint16(0) == 0x5a4d & 0xff and $a"), Target::any);
  EXPECT_EQ(condition_target("uint16(4) == 0x5a4d and $a"), Target::any);  // not offset 0
  EXPECT_EQ(condition_target("uint16(0) != 0x457f and $a"), Target::any);  // not ==
  EXPECT_EQ(condition_target("uint16(0) == 0x457f and $a"), Target::any);  // 2 of 4 bytes
  EXPECT_EQ(condition_target("int16(0) == 0x5a4d and $a"), Target::any);   // not listed
  EXPECT_EQ(condition_target("pe.is_pe and $a"), Target::any);
  EXPECT_EQ(condition_target("$a and (uint16(0) == 0x5a4d"), Target::any);  // unbalanced
  EXPECT_EQ(condition_target("filename matches /a)b/ and uint16(0) == 0x5a4d"), Target::never_elf);
  EXPECT_EQ(condition_target("filename matches /unterminated and uint16(0) == 0x5a4d"),
            Target::any);
}

TEST(RuleTargets, AFileCountsOnlyWhenEveryRuleAgrees) {
  const FileTarget pe = file_target(R"(
import "pe"
/* a } in a comment */
private rule P : tag { meta: d = "}" condition: uint16(0) == 0x5A4D }
rule A {
  strings: $h = { 4D 5A [2-4] ?? } $r = /condition: uint32(0) == 0x464c457f}/ $s = "x}"
  condition: uint16(0) == 0x5a4d and P and $h and $r and $s and filename matches /a}b/i
}
global rule G { condition: uint16(0) == 0x5a4d }
)");
  EXPECT_EQ(pe.target, Target::never_elf);
  EXPECT_EQ(pe.rules, 3u);
  const FileTarget mixed = file_target(
      "rule A { condition: uint16(0) == 0x5a4d }\nrule B { condition: uint32(0) == 0x464c457f }");
  EXPECT_EQ(mixed.target, Target::any);
  EXPECT_EQ(mixed.rules, 2u);
  EXPECT_EQ(file_target("rule E { condition: uint32(0) == 0x464c457f and $a }").target,
            Target::elf_only);
  // A rule whose end cannot be found, an include, a regex that does not end.
  EXPECT_EQ(file_target("rule A { condition: uint16(0) == 0x5a4d").rules, 0u);
  EXPECT_EQ(file_target("include \"x.yar\"\nrule A { condition: uint16(0) == 0x5a4d }").target,
            Target::any);
  EXPECT_EQ(file_target("rule A { strings: $r = /abc\n condition: uint16(0) == 0x5a4d }").target,
            Target::any);
  EXPECT_EQ(file_target("").rules, 0u);
}
