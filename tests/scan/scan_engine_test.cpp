// SPDX-License-Identifier: GPL-2.0-or-later
// The engine and its detectors, in process, on generated files and rules.
#include <gtest/gtest.h>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <set>

#include "../support/mirai_sample.h"
#include "core/digest.h"
#include "detect/engine.h"
#include "detect/extract/mirai_table.h"
#include "detect/extract/mozi_config.h"
#include "report/finding_sink.h"
#include "scan/scanner.h"
#include "scan/walker.h"
#include "scan_fixture.h"

using namespace iotguard;
using iotguard::test::ScratchDir;

namespace {

Bytes bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

bool has_rule(const std::vector<Finding>& f, const std::string& rule) {
  return std::any_of(f.begin(), f.end(), [&](const Finding& x) { return x.rule == rule; });
}

// Collects what a scan reports, in order.
class Collect final : public report::FindingSink {
 public:
  void finding(const Finding& f) override { findings.push_back(f); }
  void error(const std::string& p, const std::string& m) override {
    errors.push_back(p + ": " + m);
  }
  void skipped(const std::string& p, const std::string&) override { skips.push_back(p); }
  void clean(const std::string& p) override { cleans.push_back(p); }
  void finish(const report::Summary&) override {}
  std::vector<Finding> findings;
  std::vector<std::string> errors, skips, cleans;
};

constexpr const char* kRules = R"(
rule Elf_Only_Marker : elf {
  meta: family = "TestFam" severity = "critical" description = "marker in an ELF"
  strings: $m = "IOTG-MARKER"
  condition: $m
}
rule Any_File_Marker {
  meta: severity = "medium"
  strings: $m = "ANY-MARKER"
  condition: $m
}
rule Machine_Is_Arm {
  condition: elf_machine == "ARM" and filename == "arm.bin" and extension == "bin"
}
)";

}  // namespace

class EngineTest : public ScratchDir {
 protected:
  std::unique_ptr<detect::Engine> engine(const std::string& rules, bool cache = false) {
    write("rules/test.yar", rules);
    detect::EngineConfig c;
    c.rules = {dir_ / "rules"};
    if (cache) c.cache_dir = dir_ / "cache";
    auto e = detect::Engine::create(c);
    EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().message);
    return e.ok() ? std::move(*e) : nullptr;
  }
};

TEST_F(EngineTest, ElfOnlyRulesRunOnElfAndGenericRulesOnEverything) {
  auto e = engine(kRules);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->info().yara.rules, 3u);
  EXPECT_EQ(e->info().yara.elf_only_rules, 0u);  // the file mixes targets: all generic

  auto e2 = engine("rule A : elf { strings: $m = \"IOTG-MARKER\" condition: $m }");
  ASSERT_TRUE(e2);
  EXPECT_EQ(e2->info().yara.elf_only_rules, 1u);
  // The ELF-only rule is not run on a text file holding the same bytes...
  const std::string text = "plain text IOTG-MARKER";
  EXPECT_FALSE(has_rule(e2->analyse(bytes_of(text), "t.txt", "x").findings, "A"));
  // ...and is run on an ELF.
  const auto elf = ScratchDir::elf_with("IOTG-MARKER");
  EXPECT_TRUE(has_rule(e2->analyse(elf, "x.elf", "y").findings, "A"));
}

// Each rule file is classified on its own, also when two share a stem (their
// namespaces are "elf" and "elf~2"): only the files whose every rule targets
// ELF stay off non-ELF objects.
TEST_F(EngineTest, EachRuleFileIsClassifiedOnItsOwn) {
  write("rules/elf.yar", "rule E : elf { strings: $m = \"M-ELF\" condition: $m }");
  write("rules/meta.yar",
        "rule M { meta: filetype = \"elf\" strings: $m = \"M-META\" condition: $m }");
  write("rules/generic.yar", "rule G { strings: $m = \"M-GEN\" condition: $m }");
  write("rules/sub/elf.yar", "rule G2 { strings: $m = \"M-GEN2\" condition: $m }");
  detect::EngineConfig c;
  c.rules = {dir_ / "rules"};
  auto e = detect::Engine::create(c);
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ((*e)->info().yara.rules, 4u);
  EXPECT_EQ((*e)->info().yara.elf_only_rules, 2u);

  const std::string markers = "M-ELF M-META M-GEN M-GEN2";
  auto text = (*e)->analyse(bytes_of("text " + markers), "t.txt", "x").findings;
  EXPECT_FALSE(has_rule(text, "E"));
  EXPECT_FALSE(has_rule(text, "M"));
  EXPECT_TRUE(has_rule(text, "G"));
  EXPECT_TRUE(has_rule(text, "G2"));
  auto elf = (*e)->analyse(ScratchDir::elf_with(markers), "x.elf", "y").findings;
  for (const char* r : {"E", "M", "G", "G2"}) EXPECT_TRUE(has_rule(elf, r)) << r;
  for (const auto& f : elf) {
    if (f.rule == "E") EXPECT_EQ(f.evidence["namespace"], "elf");
    if (f.rule == "G2") EXPECT_EQ(f.evidence["namespace"], "elf~2");
  }
}

// The generic set is compiled when the first non-ELF object needs it, from
// the rule text read at start (an edit since then changes nothing in this
// run), and cached from then on.
TEST_F(EngineTest, GenericRulesAreMadeOnFirstNeedFromTheTextReadAtStart) {
  write("rules/elf.yar", "rule E : elf { strings: $m = \"M-ELF\" condition: $m }");
  write("rules/generic.yar", "rule G { strings: $m = \"M-GEN\" condition: $m }");
  detect::EngineConfig c;
  c.rules = {dir_ / "rules"};
  c.cache_dir = dir_ / "cache";
  auto generic_cached = [&] {
    std::size_t n = 0;
    for (const auto& f : std::filesystem::directory_iterator(dir_ / "cache"))
      n += f.path().string().ends_with("-generic.yarc");
    return n;
  };
  auto e = detect::Engine::create(c);
  ASSERT_TRUE(e.ok()) << e.error().message;
  auto elf = (*e)->analyse(ScratchDir::elf_with("M-ELF M-GEN"), "x.elf", "y").findings;
  EXPECT_TRUE(has_rule(elf, "E"));
  EXPECT_TRUE(has_rule(elf, "G"));
  EXPECT_EQ(generic_cached(), 0u);  // only ELF seen so far

  write("rules/generic.yar", "rule G_edited { strings: $m = \"M-NEW\" condition: $m }");
  auto text = (*e)->analyse(bytes_of("text M-ELF M-GEN M-NEW"), "t.txt", "x").findings;
  EXPECT_TRUE(has_rule(text, "G"));
  EXPECT_FALSE(has_rule(text, "G_edited"));
  EXPECT_FALSE(has_rule(text, "E"));
  EXPECT_EQ(generic_cached(), 1u);
}

TEST_F(EngineTest, MetadataAndExternalVariablesFlowIntoFindings) {
  auto e = engine(kRules);
  ASSERT_TRUE(e);
  const auto elf = ScratchDir::elf_with("IOTG-MARKER ANY-MARKER");
  auto a = e->analyse(elf, "/fw/arm.bin", "z");
  ASSERT_TRUE(has_rule(a.findings, "Elf_Only_Marker"));
  ASSERT_TRUE(has_rule(a.findings, "Machine_Is_Arm"));
  for (const auto& f : a.findings) {
    if (f.rule == "Elf_Only_Marker") {
      EXPECT_EQ(f.family, "TestFam");
      EXPECT_EQ(f.severity, Severity::critical);
      EXPECT_EQ(f.title, "marker in an ELF");
      EXPECT_EQ(f.evidence["strings"][0]["data"], "IOTG-MARKER");
      EXPECT_EQ(f.object.str(), "/fw/arm.bin");
    }
    if (f.rule == "Any_File_Marker") EXPECT_EQ(f.severity, Severity::medium);
  }
  // Same bytes under another name: the filename rule no longer matches.
  EXPECT_FALSE(has_rule(e->analyse(elf, "/fw/other.bin", "z").findings, "Machine_Is_Arm"));
}

// Files whose conditions need a non-ELF magic never run on ELF objects, and
// files whose conditions need the ELF magic only run on them: the sets are
// split so, with the same matches as running everything everywhere.
TEST_F(EngineTest, ConditionsOnTheMagicSplitTheRulesByObjectKind) {
  write("rules/pe.yar",
        "rule Pe_Marker { strings: $m = \"PE-MARK\" condition: uint16(0) == 0x5a4d and $m }\n"
        "rule Pe_Other { condition: uint16be(0) == 0x4d5a and filesize > 4 }\n");
  write("rules/elfcond.yar",
        "rule Elf_Cond { strings: $m = \"ELF-MARK\" condition: uint32(0) == 0x464c457f and $m }");
  write("rules/any.yar", "rule Any { strings: $m = \"ANY-MARK\" condition: $m }");
  detect::EngineConfig c;
  c.rules = {dir_ / "rules"};
  c.cache_dir = dir_ / "cache";
  const std::string marks = "PE-MARK ELF-MARK ANY-MARK HELPER-MARK";
  const auto elf = ScratchDir::elf_with(marks);
  const std::string pe = "MZ\x90\x00 " + marks;
  for (int run = 0; run < 3; ++run) {  // compiled, then from the cache, then cached generic
    auto e = detect::Engine::create(c);
    ASSERT_TRUE(e.ok()) << e.error().message;
    const auto& y = (*e)->info().yara;
    EXPECT_EQ(y.from_cache, run > 0);
    EXPECT_EQ(y.rules, 4u);
    EXPECT_EQ(y.never_elf_rules, 2u);
    EXPECT_EQ(y.elf_only_rules, 1u);
    const auto on_elf = (*e)->analyse(elf, "x.elf", "a").findings;
    EXPECT_TRUE(has_rule(on_elf, "Elf_Cond"));
    EXPECT_TRUE(has_rule(on_elf, "Any"));
    EXPECT_FALSE(has_rule(on_elf, "Pe_Marker"));
    const auto on_pe = (*e)->analyse(bytes_of(pe), "x.exe", "b").findings;
    EXPECT_TRUE(has_rule(on_pe, "Pe_Marker"));
    EXPECT_TRUE(has_rule(on_pe, "Pe_Other"));
    EXPECT_TRUE(has_rule(on_pe, "Any"));
    EXPECT_EQ(on_pe.size(), 3u);
  }
  // A PE-only helper another file uses: the two share a namespace and stay
  // where both can run (and such a set is not cached).
  write("rules/a_user.yar",
        "rule Uses_Helper { strings: $m = \"HELPER-MARK\" condition: "
        "is_pe_helper and $m }");
  write("rules/z_helper.yar", "private rule is_pe_helper { condition: uint16(0) == 0x5a4d }");
  auto e = detect::Engine::create(c);
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ((*e)->info().yara.never_elf_rules, 2u);  // pe.yar's only
  EXPECT_FALSE(has_rule((*e)->analyse(elf, "x.elf", "c").findings, "Uses_Helper"));
  EXPECT_TRUE(has_rule((*e)->analyse(bytes_of(pe), "x.exe", "d").findings, "Uses_Helper"));
}
// The literal pre-filter skips libyara on objects that hold no literal some
// rule needs; it must never lose a match. Every construct the reader knows,
// on objects that match and on near misses, against the unfiltered scan.
TEST_F(EngineTest, TheLiteralFilterSkipsOnlyObjectsNoRuleCanMatch) {
  const std::string rules = R"(
private rule is_elf { condition: uint32(0) == 0x464c457f }
rule T_Text { strings: $a = "text-marker-1" condition: $a }
rule T_Wide { strings: $a = "wide-marker" wide condition: $a }
rule T_Nocase { strings: $a = "NoCase-Marker" nocase condition: $a }
rule T_Xor { strings: $a = "xor-marker-key" xor(1-255) condition: $a }
rule T_Hex { strings: $a = { 11 22 33 44 55 [2-4] 66 77 ( 88 | 99 ) } condition: $a }
rule T_Regex { strings: $a = /re-marker-[0-9]{2,4}x?y/ condition: $a }
rule T_Two {
  strings: $a = "two-a-marker" $b = "two-b-marker" $c = "two-c-marker" condition: 2 of them
}
rule T_All { strings: $a = "all-a-marker" $b = "all-b-marker" condition: all of them }
rule T_Count { strings: $a = "count-marker" condition: #a > 1 }
rule T_At { strings: $a = "at-marker" condition: $a at 8 }
rule T_Elf { strings: $a = "elf-marker" condition: is_elf and $a }
rule T_Ref { condition: T_Text and filesize < 10KB }
rule T_B64 {
  strings: $a = "base64-marker-text" base64 $b = "wide64-marker-text" base64wide
  condition: any of them
}
)";
  // A PE rule that needs no string cannot match an ELF object: ELF objects
  // stay filtered, other objects then run unfiltered.
  const std::string pe_rule = "rule T_Pe { condition: uint16(0) == 0x5a4d and filesize < 100 }\n";
  const auto b64 = [](const std::string& in) {
    static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < in.size(); i += 3) {
      std::uint32_t v = static_cast<unsigned char>(in[i]) << 16;
      if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
      if (i + 2 < in.size()) v |= static_cast<unsigned char>(in[i + 2]);
      for (std::size_t c = 0; c < 4; ++c)
        out += c <= in.size() - i ? k[(v >> (18 - 6 * c)) & 63] : '=';
    }
    return out;
  };
  const auto widened = [](const std::string& in) {
    std::string out;
    for (char c : in) out += c, out += '\0';
    return out;
  };
  std::string xored = "xor-marker-key";
  for (char& c : xored) c = static_cast<char>(c ^ 0x5a);
  const std::vector<std::string> bodies = {
      "text-marker-1",
      std::string("w\0i\0d\0e\0-\0m\0a\0r\0k\0e\0r\0", 22),
      "wide-marker",  // not wide
      "nOcAsE-mArKeR",
      xored,
      std::string("\x11\x22\x33\x44\x55..\x66\x77\x99", 10),
      std::string("\x11\x22\x33\x44\x55.\x66\x77\x99", 9),  // jump too short
      "re-marker-123y",
      "re-marker-1y",  // too few digits
      "two-a-marker two-c-marker",
      "two-b-marker",
      "all-a-marker all-b-marker",
      "all-b-marker",
      "count-marker count-marker",
      "count-marker",
      "12345678at-marker",
      "1234567at-marker",
      "elf-marker",
      std::string(20000, 'x') + "text-marker-1",  // T_Text without T_Ref
      "nothing to see here",
      "MZ and text-marker-1",
      "MZ alone",
      "data:" + b64("base64-marker-text") + ";",
      "data:" + b64("x" + std::string("base64-marker-text") + "yz") + ";",
      "data:" + b64("xy" + std::string("base64-marker-text") + "z") + ";",
      "data:" + b64("xy" + std::string("base64-marker-tex")) + ";",  // cut short
      widened(b64("q" + std::string("wide64-marker-text"))),
      "abc",  // Tiny
      "",
  };
  const auto rules_of = [](const std::vector<Finding>& f) {
    std::vector<std::string> r;
    for (const auto& x : f) r.push_back(x.rule);
    std::sort(r.begin(), r.end());
    return r;
  };
  std::set<std::string> seen;
  detect::EngineConfig c;
  c.rules = {dir_ / "rules"};
  // The filtered file alone; with a PE rule; beside a file that needs no
  // literal (its own set, run unfiltered), compiled and then from the cache.
  const std::string tiny = "rule Tiny { condition: filesize == 3 }";
  struct Variant {
    std::string filtered, unfiltered;
    int run;
  };
  for (const Variant& v : std::vector<Variant>{
           {rules, "", 0}, {rules + pe_rule, "", 0}, {rules, tiny, 0}, {rules, tiny, 1}}) {
    write("rules/filtered.yar", v.filtered);
    std::filesystem::remove(dir_ / "rules/unfiltered.yar");
    if (!v.unfiltered.empty()) write("rules/unfiltered.yar", v.unfiltered);
    c.literal_filter = true;
    c.cache_dir = v.unfiltered.empty() ? "" : dir_ / "cache";
    auto filtered = detect::Engine::create(c);
    c.literal_filter = false;
    c.cache_dir.clear();
    auto plain = detect::Engine::create(c);
    ASSERT_TRUE(filtered.ok() && plain.ok());
    const auto& y = (*filtered)->info().yara;
    EXPECT_EQ(y.from_cache, v.run == 1);
    EXPECT_EQ(y.literal_filter, v.unfiltered.empty()) << y.unfiltered;
    EXPECT_EQ(y.filtered_rules, v.filtered == rules ? 14u : 15u);
    EXPECT_EQ(y.rules, (v.filtered == rules ? 14u : 15u) + (v.unfiltered.empty() ? 0u : 1u));
    if (!v.unfiltered.empty()) EXPECT_NE(y.unfiltered.find("Tiny"), std::string::npos);
    EXPECT_FALSE((*plain)->info().yara.literal_filter);
    int n = 0;
    for (const auto& body : bodies) {
      for (bool elf : {false, true}) {
        const std::string name = fmt::format("o{}", n++);
        const std::vector<std::uint8_t> elf_obj =
            elf ? ScratchDir::elf_with(body) : std::vector<std::uint8_t>{};
        const Bytes obj = elf ? Bytes(elf_obj) : bytes_of(body);
        const auto want = rules_of((*plain)->analyse(obj, name, name).findings);
        EXPECT_EQ(rules_of((*filtered)->analyse(obj, name, name).findings), want)
            << "body " << n / 2 << (elf ? " in an ELF" : "");
        seen.insert(want.begin(), want.end());
      }
    }
  }
  for (const char* r : {"T_Text", "T_Wide", "T_Nocase", "T_Xor", "T_Hex", "T_Regex", "T_Two",
                        "T_All", "T_Count", "T_At", "T_Elf", "T_Ref", "T_Pe", "T_B64"})
    EXPECT_TRUE(seen.contains(r)) << r << " never matched: the comparison proves nothing for it";

  EXPECT_TRUE(seen.contains("Tiny"));
}

// filetype and owner as LOKI and THOR define them, so rule sets written for
// those tools (signature-base) compile and match here.
TEST_F(EngineTest, FiletypeAndOwnerExternalsAsLokiDefinesThem) {
  passwd* me = ::getpwuid(::geteuid());
  ASSERT_NE(me, nullptr);
  auto e = engine(fmt::format(R"(
rule Elf_Of_Mine {{ condition: filetype == "ELF" and owner == "{}" }}
rule Script_Anyone {{ condition: filetype == "UNIX SCRIPT" and owner != "{}" }}
)",
                              me->pw_name, me->pw_name));
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->info().depends_on_path);  // owner is the file's, not the bytes'
  write("mine.elf", "");
  const auto elf = ScratchDir::elf_with("x");
  EXPECT_TRUE(has_rule(e->analyse(elf, (dir_ / "mine.elf").string(), "a").findings, "Elf_Of_Mine"));
  // /bin/sh is root's: a script there is not this user's (the tests do not run as root).
  if (::geteuid() != 0) {
    EXPECT_TRUE(
        has_rule(e->analyse(bytes_of("#!/bin/sh\n"), "/bin/sh", "b").findings, "Script_Anyone"));
  }
  EXPECT_FALSE(
      has_rule(e->analyse(bytes_of("#!/bin/sh\n"), (dir_ / "mine.elf").string(), "c").findings,
               "Script_Anyone"));
  // Rules that read only what the bytes decide leave dedupe on.
  auto bytes_only = engine("rule T { condition: filetype == \"ELF\" and elf_machine == \"ARM\" }");
  ASSERT_TRUE(bytes_only);
  EXPECT_FALSE(bytes_only->info().depends_on_path);
}

TEST_F(EngineTest, CompileErrorsNameFileAndLine) {
  write("rules/bad.yar", "rule ok { condition: true }\nrule broken { condition: $nope }\n");
  detect::EngineConfig c;
  c.rules = {dir_ / "rules/bad.yar"};
  auto e = detect::Engine::create(c);
  ASSERT_FALSE(e.ok());  // nothing left to scan with
  EXPECT_NE(e.error().message.find("bad.yar(2)"), std::string::npos) << e.error().message;
}

// A directory of third-party rules: a file that leans on a rule another file
// defines works as in yara's one namespace, and a file that does not compile
// is left out and named while the rest run.
TEST_F(EngineTest, RuleFilesUsingEachOthersRulesJoinAndBrokenOnesAreLeftOut) {
  // a_user.yar sorts before the file that defines its private rule.
  write("rules/a_user.yar",
        "rule User_Marker { strings: $m = \"USER-MARKER\" condition: is_elf_file and $m }\n");
  write("rules/m_broken.yar", "rule Broken { condition: $nope }\n");
  write("rules/m_module.yar", "import \"no_such_module\"\nrule M { condition: true }\n");
  write("rules/z_common.yar",
        "private rule is_elf_file { condition: uint32(0) == 0x464c457f }\n"
        "rule Text_Marker { strings: $t = \"TEXT-MARKER\" condition: $t }\n");
  detect::EngineConfig c;
  c.rules = {dir_ / "rules"};
  c.cache_dir = dir_ / "cache";
  auto e = detect::Engine::create(c);
  ASSERT_TRUE(e.ok()) << e.error().message;
  const auto& rejected = (*e)->info().yara.rejected;
  ASSERT_EQ(rejected.size(), 2u);
  EXPECT_EQ(rejected[0].path.filename(), "m_broken.yar");
  EXPECT_NE(rejected[0].message.find("m_broken.yar(1)"), std::string::npos) << rejected[0].message;
  EXPECT_EQ(rejected[1].path.filename(), "m_module.yar");
  EXPECT_NE(rejected[1].message.find("no_such_module"), std::string::npos) << rejected[1].message;
  EXPECT_TRUE(has_rule((*e)->analyse(ScratchDir::elf_with("USER-MARKER"), "u", "a").findings,
                       "User_Marker"));
  EXPECT_FALSE(
      has_rule((*e)->analyse(bytes_of("USER-MARKER"), "u.txt", "b").findings, "User_Marker"));
  EXPECT_TRUE(
      has_rule((*e)->analyse(bytes_of("TEXT-MARKER"), "t.txt", "c").findings, "Text_Marker"));
  // The full set is not cached: the next run names the broken files again.
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator(dir_ / "cache", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
    EXPECT_EQ(it->path().string().find("-elf.yarc"), std::string::npos) << it->path();
  auto again = detect::Engine::create(c);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->info().yara.rejected.size(), 2u);
}

TEST_F(EngineTest, CompiledRulesAreCachedByContent) {
  auto first = engine(kRules, true);
  ASSERT_TRUE(first);
  EXPECT_FALSE(first->info().yara.from_cache);
  first.reset();
  auto second = engine(kRules, true);
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->info().yara.from_cache);
  EXPECT_EQ(second->info().yara.rules, 3u);
  // A cache file others could have written is not trusted: compiled rules
  // can run code.
  second.reset();
  std::size_t yarc = 0;
  for (const auto& f : std::filesystem::directory_iterator(dir_ / "cache"))
    if (f.path().extension() == ".yarc") {
      ::chmod(f.path().c_str(), 0666);
      ++yarc;
    }
  ASSERT_GT(yarc, 0u);
  auto shared = engine(kRules, true);
  ASSERT_TRUE(shared);
  EXPECT_FALSE(shared->info().yara.from_cache);
  EXPECT_EQ(shared->info().yara.rules, 3u);
  // Changed content: compiled afresh, and the engine fingerprint moves.
  auto third = engine(std::string(kRules) + "\nrule Extra { condition: false }\n", true);
  ASSERT_TRUE(third);
  EXPECT_FALSE(third->info().yara.from_cache);
  EXPECT_NE(third->info().fingerprint, shared->info().fingerprint);
}

TEST_F(EngineTest, YaracFilesRunAsSetsOfTheirOwnBesideRuleText) {
  write("rules/text.yar", "rule T { strings: $m = \"M-TEXT\" condition: $m }");
  const auto elf_src = write("src/elf.yar",
                             "rule C_Elf : elf { meta: family = \"Compiled\" "
                             "strings: $m = \"M-CELF\" condition: $m }");
  // Compiled with the scan's external variable declared, as yarac users must.
  const auto gen_src = write("src/gen.yar",
                             "rule C_Gen { strings: $m = \"M-CGEN\" condition: $m }\n"
                             "rule C_Name { condition: filename == \"n.txt\" }");
  detect::EngineConfig c;
  c.rules = {dir_ / "rules", yarac(elf_src, dir_ / "elf.yarc"),
             yarac(gen_src, dir_ / "gen.yarc", "-d filename=")};
  // Not without asking, as `yara -C`: compiled rules can run code.
  auto refused = detect::Engine::create(c);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("--compiled-rules"), std::string::npos);
  c.compiled_rules = true;
  auto e = detect::Engine::create(c);
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ((*e)->info().yara.rules, 4u);
  EXPECT_EQ((*e)->info().yara.elf_only_rules, 1u);

  const auto elf = (*e)->analyse(ScratchDir::elf_with("M-TEXT M-CELF M-CGEN"), "x.elf", "y");
  EXPECT_TRUE(has_rule(elf.findings, "T"));
  EXPECT_TRUE(has_rule(elf.findings, "C_Gen"));
  ASSERT_TRUE(has_rule(elf.findings, "C_Elf"));
  for (const auto& f : elf.findings)
    if (f.rule == "C_Elf") EXPECT_EQ(f.family, "Compiled");  // metadata survives yarac
  EXPECT_FALSE(has_rule(elf.findings, "C_Name"));

  // A text file: the ELF-only compiled set does not run; externals reach
  // compiled rules that declare them.
  const auto text = (*e)->analyse(bytes_of("M-TEXT M-CELF M-CGEN"), "/d/n.txt", "z");
  EXPECT_TRUE(has_rule(text.findings, "T"));
  EXPECT_TRUE(has_rule(text.findings, "C_Gen"));
  EXPECT_TRUE(has_rule(text.findings, "C_Name"));
  EXPECT_FALSE(has_rule(text.findings, "C_Elf"));
  EXPECT_TRUE(text.errors.empty());
}

TEST_F(EngineTest, CompiledRulesLibyaraCannotLoadAreAClearError) {
  const auto bad = write("bad.yarc", std::string("YARA") + std::string(60, '\x01'));
  detect::EngineConfig c;
  c.rules = {bad};
  c.compiled_rules = true;
  auto e = detect::Engine::create(c);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find(bad.string()), std::string::npos) << e.error().message;
}

TEST_F(EngineTest, RulesWithIncludesAreNotCachedStale) {
  write("rules/main.yar", "include \"../inc/common.inc\"\nrule Main { condition: Inc_A }");
  write("inc/common.inc", "private rule Inc_A { strings: $m = \"M-INC\" condition: $m }");
  detect::EngineConfig c;
  c.rules = {dir_ / "rules"};
  c.cache_dir = dir_ / "cache";
  auto first = detect::Engine::create(c);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(has_rule((*first)->analyse(bytes_of("M-INC"), "a", "b").findings, "Main"));
  const std::string fingerprint = (*first)->info().fingerprint;
  first->reset();
  auto again = detect::Engine::create(c);  // nothing changed: same fingerprint
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->info().fingerprint, fingerprint);
  again->reset();
  // Only the included file changes; the top file's bytes (the cache key) do not.
  write("inc/common.inc", "private rule Inc_A { strings: $m = \"M-NEW\" condition: $m }");
  auto second = detect::Engine::create(c);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_FALSE((*second)->info().yara.from_cache);
  // The scan cache is keyed by the fingerprint: it must move too.
  EXPECT_NE((*second)->info().fingerprint, fingerprint);
  EXPECT_FALSE(has_rule((*second)->analyse(bytes_of("M-INC"), "a", "b").findings, "Main"));
  EXPECT_TRUE(has_rule((*second)->analyse(bytes_of("M-NEW"), "a", "b").findings, "Main"));
}

TEST_F(EngineTest, HashListsInOurTsvAndClamAvFormats) {
  const std::string body = "evil payload";
  write("sample.bin", body);
  write("h/list.tsv",
        "# comment\n"
        "d2a4f7b2b1a0c3b8e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192\tNot.This\n");
  // MD5 of "evil payload" via ClamAV .hdb with its size; SHA-1 via .hsb with '*'.
  const Digests d = compute_digests(bytes_of(body));
  write("h/clam.hdb", d.md5 + ":" + std::to_string(body.size()) + ":Unix.Trojan.Mirai-1\n");
  write("h/clam.hsb", d.sha1 + ":*:Unix.Trojan.Gafgyt-2\n");
  detect::EngineConfig c;
  c.hashes = {dir_ / "h"};
  c.elf_anomalies = false;
  auto e = detect::Engine::create(c);
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ((*e)->info().hashes.md5, 1u);
  auto a = (*e)->analyse(bytes_of(body), "sample.bin", d.sha256);
  ASSERT_TRUE(has_rule(a.findings, "Unix.Trojan.Mirai-1"));
  ASSERT_TRUE(has_rule(a.findings, "Unix.Trojan.Gafgyt-2"));
  EXPECT_EQ(a.findings[0].family, "Mirai");
  // A size mismatch in .hdb means no match.
  write("h2/clam.hdb", d.md5 + ":999:Unix.Trojan.Mirai-1\n");
  c.hashes = {dir_ / "h2"};
  auto e2 = detect::Engine::create(c);
  ASSERT_TRUE(e2.ok());
  EXPECT_TRUE((*e2)->analyse(bytes_of(body), "s", d.sha256).findings.empty());
  // Digests are computed only for a size some entry names, and then found:
  // without the caller's digest, the SHA-256 entry still matches.
  write("h4/clam.hsb", d.sha256 + ":" + std::to_string(body.size()) + ":Unix.Trojan.Mirai-3\n");
  c.hashes = {dir_ / "h4"};
  auto e4 = detect::Engine::create(c);
  ASSERT_TRUE(e4.ok());
  auto a4 = (*e4)->analyse(bytes_of(body), "s");
  EXPECT_TRUE(has_rule(a4.findings, "Unix.Trojan.Mirai-3"));
  EXPECT_EQ(a4.sha256, d.sha256);
  auto other = (*e4)->analyse(bytes_of(body + "!"), "s");
  EXPECT_TRUE(other.findings.empty());
  EXPECT_EQ(other.sha256, "") << "a size no entry names is never hashed";
  // A digest listed again later (another file, upper case) takes the later name.
  write("h5/a.hdb", d.md5 + ":*:Unix.Trojan.Old-1\n");
  std::string upper = d.md5;
  for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  write("h5/b.hdb", upper + ":*:Unix.Trojan.New-1\n");
  c.hashes = {dir_ / "h5"};
  auto e5 = detect::Engine::create(c);
  ASSERT_TRUE(e5.ok()) << e5.error().message;
  EXPECT_EQ((*e5)->info().hashes.md5, 1u);
  auto a5 = (*e5)->analyse(bytes_of(body), "s");
  EXPECT_TRUE(has_rule(a5.findings, "Unix.Trojan.New-1"));
  EXPECT_FALSE(has_rule(a5.findings, "Unix.Trojan.Old-1"));
  // A size that is not a whole number is an error, not its leading digits.
  write("h6/bad.hdb", d.md5 + ":12abc:Unix.Trojan.Mirai-1\n");
  c.hashes = {dir_ / "h6"};
  auto e6 = detect::Engine::create(c);
  ASSERT_FALSE(e6.ok());
  EXPECT_NE(e6.error().message.find("bad.hdb:1: bad size"), std::string::npos);
  // Malformed lines are errors naming file and line.
  write("h3/bad.tsv", "nothex\tName\n");
  c.hashes = {dir_ / "h3"};
  auto e3 = detect::Engine::create(c);
  ASSERT_FALSE(e3.ok());
  EXPECT_NE(e3.error().message.find("bad.tsv:1"), std::string::npos);
}

TEST_F(EngineTest, ElfAnomaliesAreLowSeverityFindings) {
  detect::EngineConfig c;
  auto e = detect::Engine::create(c);
  ASSERT_TRUE(e.ok());
  auto img = ScratchDir::elf_with("x");
  img.resize(img.size() + 100, 0xAA);  // trailing bytes no header accounts for
  auto a = (*e)->analyse(img, "o.elf", "s");
  ASSERT_TRUE(has_rule(a.findings, "ELF.Anomaly.Overlay"));
  for (const auto& f : a.findings) EXPECT_EQ(f.severity, Severity::low);
}

class WalkTest : public ScratchDir {
 protected:
  // An engine with only the rules written under rules/, and scan options with
  // the given worker count.
  std::unique_ptr<detect::Engine> rules_engine() {
    detect::EngineConfig c;
    c.rules = {dir_ / "rules"};
    auto e = detect::Engine::create(c);
    EXPECT_TRUE(e.ok()) << e.error().message;
    return e.ok() ? std::move(*e) : nullptr;
  }
  static scan::ScanOptions jobs(unsigned n) {
    scan::ScanOptions o;
    o.jobs = n;
    return o;
  }
};

TEST_F(WalkTest, NeverFollowsSymlinksOutOfTheTreeAndListsEachInodeOnce) {
  write("outside/secret", "outside the root");
  write("root/a", "a");
  write("root/sub/b", "bb");
  std::filesystem::create_symlink(dir_ / "outside", dir_ / "root/link-dir");
  std::filesystem::create_symlink(dir_ / "outside/secret", dir_ / "root/link-file");
  std::filesystem::create_hard_link(dir_ / "root/a", dir_ / "root/sub/a-again");
  ASSERT_EQ(::mkfifo((dir_ / "root/fifo").c_str(), 0600), 0);
  write("root/big", std::string(5000, 'x'));
  write("root/skip.log", "log");

  scan::WalkOptions o;
  o.max_filesize = 4096;
  o.excludes = {"*.log"};
  std::atomic<bool> stop{false};
  auto r = scan::walk({(dir_ / "root").string()}, o, stop);
  std::vector<std::string> names;
  for (const auto& f : r.files) names.push_back(std::filesystem::path(f.path).filename());
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r.symlinks, 2u);
  EXPECT_EQ(r.hardlinks, 1u);
  EXPECT_EQ(r.special, 1u);
  EXPECT_EQ(r.excluded, 1u);
  ASSERT_EQ(r.skipped.size(), 1u);
  EXPECT_EQ(std::filesystem::path(r.skipped[0].path).filename(), "big");
  EXPECT_EQ(r.bytes, 3u);
}

TEST_F(WalkTest, ScanAnalysesDuplicatesOnceAndReplaysTheCache) {
  write("rules/r.yar", "rule Dup { strings: $a = \"DUPLICATE-CONTENT\" condition: $a }");
  for (int i = 0; i < 6; ++i) write("tree/copy" + std::to_string(i), "DUPLICATE-CONTENT");
  write("tree/other", "something else");
  // Same size as the copies, different content: hashed apart, analysed on its own.
  write("tree/same-size", "DUPLICATE-CONTENX");
  auto e = rules_engine();
  ASSERT_TRUE(e);
  scan::ScanOptions o = jobs(3);
  o.cache_file = dir_ / "cache.sqlite";
  std::atomic<bool> stop{false};

  Collect first;
  auto s1 = scan::run_scan(*e, {(dir_ / "tree").string()}, o, first, stop);
  EXPECT_EQ(s1.files, 8u);
  EXPECT_EQ(s1.duplicates, 5u);
  EXPECT_EQ(s1.cache_hits, 0u);
  ASSERT_EQ(first.findings.size(), 6u);
  // Output follows walk order and each finding carries its own path.
  EXPECT_EQ(std::filesystem::path(first.findings[0].path).filename(), "copy0");
  EXPECT_EQ(std::filesystem::path(first.findings[5].path).filename(), "copy5");
  EXPECT_EQ(first.cleans.size(), 2u);

  Collect second;
  auto s2 = scan::run_scan(*e, {(dir_ / "tree").string()}, o, second, stop);
  EXPECT_EQ(s2.cache_hits, 8u);
  EXPECT_EQ(s2.bytes, 0u);  // nothing was read again
  ASSERT_EQ(second.findings.size(), 6u);
  EXPECT_EQ(second.findings[3].path, first.findings[3].path);
  EXPECT_EQ(second.findings[3].rule, "Dup");

  // A changed file is a miss.
  write("tree/copy0", "changed content, longer than before");
  Collect third;
  auto s3 = scan::run_scan(*e, {(dir_ / "tree").string()}, o, third, stop);
  EXPECT_EQ(s3.cache_hits, 7u);
  EXPECT_EQ(third.findings.size(), 5u);

  // A mapping budget smaller than any file: workers take turns, same verdicts.
  o.cache_file.reset();
  o.max_mapped = 1;
  o.jobs = 4;
  Collect fourth;
  auto s4 = scan::run_scan(*e, {(dir_ / "tree").string()}, o, fourth, stop);
  EXPECT_EQ(s4.files, 8u);
  EXPECT_EQ(fourth.findings.size(), 5u);
  EXPECT_EQ(fourth.cleans.size(), 3u);
}

// A symlink the user names is followed (only symlinks found inside a tree are
// not), also when its content repeats and the first copy is hashed again.
TEST_F(WalkTest, SymlinksNamedOnTheCommandLineAreScannedThroughThem) {
  write("rules/r.yar", "rule Linked { strings: $a = \"LINKED-BYTES\" condition: $a }");
  write("elsewhere/a", "LINKED-BYTES");
  write("elsewhere/b", "LINKED-BYTES");
  std::filesystem::create_symlink(dir_ / "elsewhere/a", dir_ / "link-a");
  std::filesystem::create_symlink(dir_ / "elsewhere/b", dir_ / "link-b");
  auto e = rules_engine();
  ASSERT_TRUE(e);
  std::atomic<bool> stop{false};
  Collect got;
  auto st = scan::run_scan(*e, {(dir_ / "link-a").string(), (dir_ / "link-b").string()}, jobs(2),
                           got, stop);
  EXPECT_TRUE(got.errors.empty()) << got.errors.front();
  EXPECT_EQ(st.duplicates, 1u);
  ASSERT_EQ(got.findings.size(), 2u);
  EXPECT_EQ(got.findings[0].path, (dir_ / "link-a").string());
  EXPECT_EQ(got.findings[1].path, (dir_ / "link-b").string());
}

// A rule that reads the file name gives equal bytes different verdicts: no
// dedupe, and a cached verdict holds only for the path it was made under.
TEST_F(WalkTest, RulesReadingTheFileNameTurnOffDedupeAndKeyTheCacheByPath) {
  write("rules/r.yar",
        "rule Named { strings: $a = \"SAME-BYTES\" condition: $a and filename == \"evil\" }");
  write("tree/evil", "SAME-BYTES");
  write("tree/good", "SAME-BYTES");
  auto e = rules_engine();
  ASSERT_TRUE(e);
  ASSERT_TRUE(e->info().depends_on_path);
  scan::ScanOptions o = jobs(2);
  o.cache_file = dir_ / "cache.sqlite";
  std::atomic<bool> stop{false};
  Collect first;
  auto s1 = scan::run_scan(*e, {(dir_ / "tree").string()}, o, first, stop);
  EXPECT_EQ(s1.duplicates, 0u);
  ASSERT_EQ(first.findings.size(), 1u);
  EXPECT_EQ(std::filesystem::path(first.findings[0].path).filename(), "evil");
  EXPECT_EQ(first.cleans.size(), 1u);

  // Renamed: same inode, size and mtime, but the verdict was the old name's.
  std::filesystem::rename(dir_ / "tree/evil", dir_ / "tree/renamed");
  Collect second;
  auto s2 = scan::run_scan(*e, {(dir_ / "tree").string()}, o, second, stop);
  EXPECT_EQ(s2.cache_hits, 1u);  // good, under its own path
  EXPECT_TRUE(second.findings.empty());
  EXPECT_EQ(second.cleans.size(), 2u);
}

// Large files of one size are told apart by a sketch first; one that differs
// only where the sketch does not look must still be hashed apart, not taken
// for a copy.
TEST_F(WalkTest, SameSizeFilesThatDifferOutsideTheSketchAreNotDuplicates) {
  write("rules/r.yar", "rule Needle { strings: $a = \"NEEDLE-XYZ\" condition: $a }");
  std::string body(200000, '\0');
  for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>((i * 131) >> 3);
  body.replace(100500, 10, "NEEDLE-XYZ");  // between two of the sketch's samples
  write("tree/a", body);
  write("tree/b-copy", body);
  const std::string a = body;
  body[100509] = 'Q';
  write("tree/c-differs", body);
  auto bytes = [](const std::string& s) {
    return Bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
  };
  ASSERT_EQ(sketch_hex(bytes(a)), sketch_hex(bytes(body)));  // the sketch cannot tell them apart
  ASSERT_NE(sha256_hex(bytes(a)), sha256_hex(bytes(body)));
  auto e = rules_engine();
  ASSERT_TRUE(e);
  std::atomic<bool> stop{false};
  Collect got;
  auto st = scan::run_scan(*e, {(dir_ / "tree").string()}, jobs(2), got, stop);
  EXPECT_EQ(st.files, 3u);
  EXPECT_EQ(st.duplicates, 1u);
  ASSERT_EQ(got.findings.size(), 2u);
  EXPECT_EQ(std::filesystem::path(got.findings[0].path).filename(), "a");
  EXPECT_EQ(std::filesystem::path(got.findings[1].path).filename(), "b-copy");
  EXPECT_EQ(got.cleans.size(), 1u);
}

// The speculative key search may be limited to data sections: it finds the
// table only where it looks, and forged section headers that cover the file
// many times over still decode the same table (they fall back to one pass over
// the file, a cost bound no unit test measures).
TEST(ConfigExtract, MiraiKeySearchLooksOnlyInItsRanges) {
  std::string body(4096, '\x90');
  const std::size_t at = body.size();
  body += test::mirai_table(0x22, "cnc.example.net", 23, "report.example.net", 48101, {});
  body += std::string(4096, '\x90');
  const Bytes bytes(reinterpret_cast<const std::uint8_t*>(body.data()), body.size());
  const auto whole = detect::extract_mirai(bytes, nullptr);
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->key, 0x22);

  detect::MiraiKeySearch opt;
  opt.ranges.assign(10000, {0, body.size()});  // 10,000 overlapping "sections"
  const auto forged = detect::extract_mirai(bytes, nullptr, opt);
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->entries, whole->entries);

  opt.ranges = {{at, body.size() - at - 4096}};  // the table's own section
  ASSERT_TRUE(detect::extract_mirai(bytes, nullptr, opt));
  opt.ranges = {{0, 4096}};  // code only
  EXPECT_FALSE(detect::extract_mirai(bytes, nullptr, opt));
}

// Mozi's config is XORed with its fixed 16-byte key (threats.md); values are
// the sample's bytes and come out printable, escapes and all, so reports stay
// valid JSON and never carry terminal control sequences.
TEST(ConfigExtract, MoziTagsDecodeAndHostileBytesAreEscaped) {
  constexpr std::uint8_t kKey[] = {0x4E, 0x66, 0x5A, 0x8F, 0x80, 0xC8, 0xAC, 0x23,
                                   0x8D, 0xAC, 0x47, 0x06, 0xD5, 0x4F, 0x6F, 0x7E};
  std::string plain = "[ss]bot[/ss][hp]88888888[/hp][dip]\x1b[31m\xff\\[/dip]";
  plain.resize(428, '\0');
  std::vector<std::uint8_t> file(100, 0x90);
  for (std::size_t i = 0; i < plain.size(); ++i)
    file.push_back(static_cast<std::uint8_t>(plain[i]) ^ kKey[i % 16]);
  file.resize(file.size() + 50, 0);
  auto c = detect::extract_mozi({file.data(), file.size()});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->offset, 100u);
  EXPECT_EQ(c->tags["ss"], "bot");
  EXPECT_EQ(c->tags["hp"], "88888888");
  EXPECT_EQ(c->tags["dip"], "\\x1b[31m\\xff\\x5c");
  EXPECT_NO_THROW((void)detect::to_json(*c).dump());
  // Without the marker there is nothing to decode.
  file[100] ^= 0xff;
  EXPECT_FALSE(detect::extract_mozi({file.data(), file.size()}));
}
