// SPDX-License-Identifier: GPL-2.0-or-later
// What the literal pre-filter is told each rule needs, and how it searches.
// A literal that is not really needed would lose matches yara makes, so
// the cases that must need nothing matter as much as the ones that need one.
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>

#include "detect/yara/literal_filter.h"
#include "detect/yara/rule_literals.h"

using namespace iotguard::detect::yara;

namespace {

std::set<std::string> bytes_of(const std::vector<Literal>& l) {
  std::set<std::string> out;
  for (const auto& x : l) out.insert(x.bytes);
  return out;
}

std::set<std::string> of(std::string_view value, std::vector<std::string_view> mods = {}) {
  return bytes_of(string_literals(value, mods));
}

// The literals a one-rule file needs, or {"-"} when it needs none known.
std::set<std::string> needs(const std::string& strings, const std::string& condition) {
  const auto f =
      file_literals("rule R {\n strings:\n" + strings + "\n condition:\n" + condition + "\n}\n");
  EXPECT_EQ(f.elf.filterable, f.other.filterable);  // no magic test here
  if (!f.elf.filterable) return {"-"};
  return bytes_of(f.elf.literals);
}

const std::string kStrings = R"(
  $a = "alpha-one"
  $b = "bravo-two"
  $c = { 01 02 }
  $x = "xray" base64  // too short
)";

}  // namespace

TEST(RuleLiterals, TextStringsAndTheirForms) {
  EXPECT_EQ(of(R"("a\"b\\c\x41\n")"), (std::set<std::string>{"a\"b\\cA\n"}));
  EXPECT_EQ(of(R"("abcd")", {"wide"}), (std::set<std::string>{std::string("a\0b\0c\0d\0", 8)}));
  EXPECT_EQ(of(R"("abcd")", {"ascii", "wide", "fullword", "private"}).size(), 2u);
  const auto nocase = string_literals(R"("AbCd")", {"nocase"});
  ASSERT_EQ(nocase.size(), 1u);
  EXPECT_TRUE(nocase[0].nocase);
  // Every key's image, 0 included for a bare `xor`, as YARA searches.
  EXPECT_EQ(of(R"("abcd")", {"xor"}).size(), 256u);
  EXPECT_TRUE(of(R"("abcd")", {"xor"}).contains("abcd"));
  EXPECT_EQ(of(R"("abcd")", {"xor(0x01-0x03)"}), (std::set<std::string>{"`cbe", "c`af", "ba`g"}));
  EXPECT_EQ(of(R"("abcd")", {"xor(2)", "wide"}),
            (std::set<std::string>{std::string("c\2`\2a\2f\2", 8)}));
  // What the filter cannot use: too short, base64, unknown escapes or
  // modifiers, xor with nocase (YARA refuses it anyway).
  EXPECT_TRUE(of(R"("abc")").empty());
  EXPECT_TRUE(of(R"("abcd")", {"base64"}).empty());  // too short for any whole group
  EXPECT_TRUE(of(R"("abcdefghijklmnopq")", {"base64", "wide"}).empty());
  EXPECT_TRUE(of(R"("ab\qcd")").empty());
  EXPECT_TRUE(of(R"("abcd")", {"newmodifier"}).empty());
  EXPECT_TRUE(of(R"("abcd")", {"xor(300)"}).empty());
}

// What every base64 encoding holds, for each of the three alignments:
// "This program cannot" encodes to "VGhpcyBwcm9ncmFtIGNhbm5vdA", and to
// "AFRoaXMgcHJvZ3JhbSBjYW5ub3Q" and "AABUaGlzIHByb2dyYW0gY2Fubm90" one and
// two bytes later; the ends, which neighbouring bytes change, are dropped.
TEST(RuleLiterals, Base64StringsGiveTheCharactersOfWholeGroups) {
  EXPECT_EQ(
      of(R"("This program cannot")", {"base64"}),
      (std::set<std::string>{"cyBwcm9ncmFtIGNhbm", "aXMgcHJvZ3JhbSBjYW5", "aGlzIHByb2dyYW0gY2Fu"}));
  std::string wide;
  for (char ch : std::string("cyBwcm9ncmFtIGNhbm")) wide += ch, wide += '\0';
  EXPECT_TRUE(of(R"("This program cannot")", {"base64wide"}).contains(wide));
  EXPECT_EQ(of(R"("This program cannot")", {"base64", "base64wide"}).size(), 6u);
  // A custom alphabet (64 characters) maps the same groups.
  const auto c =
      of(R"("This program cannot")",
         {R"(base64("!@#$%^&*(){}[]<>,.?/|;:'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn"))"});
  EXPECT_EQ(c.size(), 3u);
  EXPECT_FALSE(c.contains("cyBwcm9ncmFtIGNhbm"));
  EXPECT_TRUE(of(R"("This program cannot")", {R"(base64("short"))"}).empty());
}

TEST(RuleLiterals, HexStringsGiveTheirLongestFixedRun) {
  EXPECT_EQ(of("{ 4D 5A ?? 00 01 02 03 [2-4] 50 45 00 00 }"),
            (std::set<std::string>{std::string("\x00\x01\x02\x03", 4)}));
  EXPECT_EQ(of("{ 41 42 43 44 45 ( 46 47 48 49 4A 4B | 4C ) 4D }"),
            (std::set<std::string>{"ABCDE"}));
  EXPECT_EQ(of("{ 41 42 4? 44 45 46 47 /* 48 49 4A 4B 4C */ 48 }"),
            (std::set<std::string>{"DEFGH"}));
  EXPECT_EQ(of("{ 41 42 43 ~44 45 46 47 48 }"), (std::set<std::string>{"EFGH"}));
  EXPECT_TRUE(of("{ 41 42 ?? 43 44 [4] 45 46 47 }").empty());  // no run of four
  EXPECT_TRUE(of("{ 41 42 43 44 ( 45 }").empty());             // unbalanced
  EXPECT_TRUE(of("{ 41 42 43 4 }").empty());                   // half a byte
}

TEST(RuleLiterals, RegexesGiveARunEveryMatchContains) {
  EXPECT_EQ(of(R"(/torii_AB\/[0-9a-f]{8}:[0-9]{2,5}/)"), (std::set<std::string>{"torii_AB/"}));
  EXPECT_EQ(of(R"(/abcdef?ghij/)"), (std::set<std::string>{"abcde"}));  // f is optional
  EXPECT_EQ(of(R"(/abcdex*ghij/)"), (std::set<std::string>{"abcde"}));
  EXPECT_EQ(of(R"(/abcdef+ghi/)"), (std::set<std::string>{"abcdef"}));  // f at least once
  EXPECT_EQ(of(R"(/abcdef{0,2}ghi/)"), (std::set<std::string>{"abcde"}));
  EXPECT_EQ(of(R"(/abcdef{2}ghi/)"), (std::set<std::string>{"abcdef"}));
  EXPECT_EQ(of(R"(/ab(cd|ef)+ghij\.k/)"), (std::set<std::string>{"ghij.k"}));
  EXPECT_EQ(of(R"(/xy[]a-z]wxyz\x41\d/)"), (std::set<std::string>{"wxyzA"}));
  EXPECT_EQ(of(R"(/a.bcdefg\sh/)"), (std::set<std::string>{"bcdefg"}));
  EXPECT_TRUE(of(R"(/abcd*?e/)").empty());  // "abc" and "e" are too short
  const auto i = string_literals("/Hello World/i", {});
  ASSERT_EQ(i.size(), 1u);
  EXPECT_TRUE(i[0].nocase);
  EXPECT_TRUE(of(R"(/abcdef|ghijkl/)").empty());  // either side may be absent
  EXPECT_TRUE(of(R"(/ab(cdef/)").empty());
  EXPECT_TRUE(of(R"(/abcdef{x}/)").empty());
  EXPECT_TRUE(of(R"(/[a-z]+\w\d/)").empty());
}

TEST(RuleLiterals, ConditionsThatNeedAString) {
  EXPECT_EQ(needs(kStrings, "$a"), (std::set<std::string>{"alpha-one"}));
  EXPECT_EQ(needs(kStrings, "uint32(0) == 0x464c457f and filesize < 1MB and $b at 0"),
            (std::set<std::string>{"bravo-two"}));
  EXPECT_EQ(needs(kStrings, "$a or $b"), (std::set<std::string>{"alpha-one", "bravo-two"}));
  EXPECT_EQ(needs(kStrings, "any of ($a, $b)"), (std::set<std::string>{"alpha-one", "bravo-two"}));
  // Two of four with two unknown: at least one known one is there.
  EXPECT_EQ(needs(kStrings, "3 of them"), (std::set<std::string>{"alpha-one", "bravo-two"}));
  EXPECT_EQ(needs(kStrings, "all of them"), (std::set<std::string>{"alpha-one"}));
  EXPECT_EQ(needs(kStrings, "#b > 2 and ($c or not $x)"), (std::set<std::string>{"bravo-two"}));
  EXPECT_EQ(needs(kStrings, "0 < #a"), (std::set<std::string>{"alpha-one"}));
  EXPECT_EQ(needs(kStrings, "#a != 0"), (std::set<std::string>{"alpha-one"}));
  EXPECT_EQ(needs(kStrings, "(($a) and filesize > 10) or ($b in (0..100))"),
            (std::set<std::string>{"alpha-one", "bravo-two"}));
  EXPECT_EQ(needs(kStrings, "any of ($a*) and for all i in (1..#a) : (@a[i] > 4)"),
            (std::set<std::string>{"alpha-one"}));
}

TEST(RuleLiterals, ConditionsThatNeedNothingKnown) {
  EXPECT_EQ(needs(kStrings, "filesize < 100"), (std::set<std::string>{"-"}));
  EXPECT_EQ(needs(kStrings, "not $a"), (std::set<std::string>{"-"}));
  EXPECT_EQ(needs(kStrings, "$a or filesize < 100"), (std::set<std::string>{"-"}));
  EXPECT_EQ(needs(kStrings, "any of them"), (std::set<std::string>{"-"}));  // $c, $x unknown
  EXPECT_EQ(needs(kStrings, "2 of them"), (std::set<std::string>{"-"}));
  EXPECT_EQ(needs(kStrings, "none of ($a, $b)"), (std::set<std::string>{"-"}));
  EXPECT_EQ(needs(kStrings, "0 of ($a, $b)"), (std::set<std::string>{"-"}));
  EXPECT_EQ(needs(kStrings, "50% of ($a, $b)"), (std::set<std::string>{"-"}));
  EXPECT_EQ(needs(kStrings, "#a < 3"), (std::set<std::string>{"-"}));
  EXPECT_EQ(needs(kStrings, "#a >= 0"), (std::set<std::string>{"-"}));
  EXPECT_EQ(needs(kStrings, "#a == 0"), (std::set<std::string>{"-"}));
  EXPECT_EQ(needs(kStrings, "for any of ($a, $b) : ($ at 0)"), (std::set<std::string>{"-"}));
  EXPECT_EQ(needs(kStrings, "$c"), (std::set<std::string>{"-"}));
  EXPECT_EQ(needs(kStrings, "$a and ($b"), (std::set<std::string>{"-"}));  // unbalanced
  EXPECT_EQ(needs(kStrings, "any of ($a, rule_x)"), (std::set<std::string>{"-"}));
  EXPECT_EQ(needs(kStrings, "unknown_rule"), (std::set<std::string>{"-"}));
}

TEST(RuleLiterals, FilesRulesAndReferences) {
  const auto f = file_literals(R"(
import "elf"
// rule Commented { condition: true }
private rule is_elf { condition: uint32(0) == 0x464c457f }
private global rule small { condition: filesize < 10MB }
rule Needs_Marker : tag1 tag2 {
  meta: description = "a } and condition: in meta" score = -1
  strings: $m = "MARKER-1" $h = { 41 42 43 44 45 } $r = /re{1,2}gex-\d/ wide
  condition: is_elf and any of them
}
rule Uses_Rule { condition: Needs_Marker and elf.type == elf.ET_EXEC }
)");
  EXPECT_TRUE(f.elf.filterable) << f.elf.why_not;
  EXPECT_EQ(f.rules, 4u);
  EXPECT_EQ(bytes_of(f.elf.literals),
            (std::set<std::string>{"MARKER-1", "ABCDE", std::string("g\0e\0x\0-\0", 8)}));

  // One reporting rule that needs nothing known is enough to turn it off...
  const auto g = file_literals(
      "rule A { strings: $a = \"abcd\" condition: $a }\nrule B { condition: filesize > 1 }");
  EXPECT_FALSE(g.elf.filterable);
  EXPECT_NE(g.elf.why_not.find("rule B"), std::string::npos);
  // ...but a private one cannot report.
  EXPECT_TRUE(file_literals("private rule P { condition: true }\n"
                            "rule A { strings: $a = \"abcd\" condition: P and $a }")
                  .elf.filterable);
  EXPECT_FALSE(
      file_literals("include \"other.yar\"\nrule A { strings: $a = \"abcd\" condition: $a }")
          .elf.filterable);
  EXPECT_FALSE(file_literals("rule A { strings: $a = \"abcd\" condition: $a").elf.filterable);
  EXPECT_FALSE(file_literals("rule A { strings: $a = \"ab").elf.filterable);
  EXPECT_FALSE(file_literals("").elf.filterable);
}

// A rule that requires another format's magic cannot match on ELF objects,
// and one that requires ELF's on the rest: there it needs nothing at all.
TEST(RuleLiterals, MagicTestsRuleAKindOfObjectOut) {
  const auto f = file_literals(R"(
rule Pe { condition: uint16(0) == 0x5a4d and pe.imphash() == "00" }
rule Elf { condition: uint32(0) == 0x464c457f and filesize < 10 }
rule Uses_Pe { strings: $a = "abcdef" condition: Pe or $a }
rule Any { strings: $b = "ghijkl" condition: $b }
)");
  EXPECT_FALSE(f.elf.filterable);  // Elf needs nothing known on ELF objects
  EXPECT_NE(f.elf.why_not.find("rule Elf"), std::string::npos);
  EXPECT_FALSE(f.other.filterable);  // nor Pe on others
  EXPECT_NE(f.other.why_not.find("rule Pe"), std::string::npos);
  const auto g = file_literals(R"(
rule Pe { condition: uint16(0) == 0x5a4d and pe.imphash() == "00" }
rule Uses_Pe { strings: $a = "abcdef" condition: Pe or $a }
rule Any { strings: $b = "ghijkl" condition: $b }
rule Not_Certain { condition: (uint16(0) == 0x5a4d or filesize < 10) and pe.is_dll() }
)");
  EXPECT_FALSE(g.elf.filterable);
  EXPECT_NE(g.elf.why_not.find("Not_Certain"), std::string::npos);
  const auto h = file_literals(R"(
rule Pe { condition: uint16(0) == 0x5a4d and pe.imphash() == "00" }
rule Uses_Pe { strings: $a = "abcdef" condition: Pe or $a }
rule Any { strings: $b = "ghijkl" condition: $b }
)");
  ASSERT_TRUE(h.elf.filterable) << h.elf.why_not;
  EXPECT_EQ(bytes_of(h.elf.literals), (std::set<std::string>{"abcdef", "ghijkl"}));
  EXPECT_FALSE(h.other.filterable);
  // Inside parentheses and beside an `or` too: the test is a term like any.
  const auto p = file_literals(
      "rule P { strings: $a = \"abcdef\" condition: ( uint16(0) == 0x5a4d and "
      "pe.imphash() == \"00\" ) or $a }\n"
      "rule E { strings: $b = \"ghijkl\" condition: $b or (uint32(0) == 0x464c457f and "
      "filesize < 10) }");
  ASSERT_TRUE(p.elf.filterable == false && p.other.filterable == false);
  const auto q = file_literals(
      "rule P { strings: $a = \"abcdef\" condition: ( uint16(0) == 0x5a4d and "
      "pe.imphash() == \"00\" ) or $a }");
  ASSERT_TRUE(q.elf.filterable) << q.elf.why_not;
  EXPECT_EQ(bytes_of(q.elf.literals), (std::set<std::string>{"abcdef"}));
  EXPECT_FALSE(q.other.filterable);
  EXPECT_NE(p.elf.why_not.find("rule E"), std::string::npos);
  EXPECT_NE(p.other.why_not.find("rule P"), std::string::npos);
}

TEST(LiteralFilter, FindsEveryLiteralAtEveryOffsetAndNothingElse) {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    std::vector<Literal> lits;
    const int n = 1 + static_cast<int>(rng() % 6);
    for (int i = 0; i < n; ++i) {
      std::string s(4 + rng() % 14, '\0');
      for (char& c : s) c = static_cast<char>("abAB\0\xff"[rng() % 6]);
      lits.push_back({s, rng() % 3 == 0});
    }
    const LiteralFilter f(lits);
    std::string data(rng() % 200, '\0');
    for (char& c : data) c = static_cast<char>("abAB\0\xff"[rng() % 6]);
    const auto naive = [&](const std::string& d) {
      for (const auto& l : lits)
        for (std::size_t at = 0; at + l.bytes.size() <= d.size(); ++at) {
          bool eq = true;
          for (std::size_t k = 0; k < l.bytes.size() && eq; ++k) {
            auto a = static_cast<unsigned char>(d[at + k]);
            auto b = static_cast<unsigned char>(l.bytes[k]);
            if (l.nocase) {
              a = static_cast<unsigned char>(std::tolower(a));
              b = static_cast<unsigned char>(std::tolower(b));
            }
            eq = a == b;
          }
          if (eq) return true;
        }
      return false;
    };
    const auto span = [](const std::string& d) {
      return std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(d.data()),
                                           d.size());
    };
    EXPECT_EQ(f.any_in(span(data)), naive(data)) << round;
    // Planted at each offset (in a flipped case for nocase literals).
    const Literal& l = lits[rng() % lits.size()];
    for (std::size_t at = 0; at + l.bytes.size() <= data.size(); at += 1 + rng() % 5) {
      std::string d = data;
      std::string planted = l.bytes;
      if (l.nocase)
        for (char& c : planted)
          if (std::isalpha(static_cast<unsigned char>(c))) c = static_cast<char>(c ^ 0x20);
      d.replace(at, planted.size(), planted);
      EXPECT_TRUE(f.any_in(span(d))) << round << " at " << at;
    }
  }
}

TEST(LiteralFilter, StrideFollowsTheShortestLiteral) {
  EXPECT_EQ(LiteralFilter({{"abcd", false}}).stride(), 1u);
  EXPECT_EQ(LiteralFilter({{"abcdefg", false}, {"abcdefghijklmnop", false}}).stride(), 4u);
  EXPECT_EQ(LiteralFilter({{std::string(40, 'x'), false}}).stride(), LiteralFilter::kMaxStride);
  const LiteralFilter none({});
  EXPECT_FALSE(none.any_in({}));
}
