// SPDX-License-Identifier: GPL-2.0-or-later
// signatures::PatternFile on real directories: where it is found, what its
// manifest and folders hold, what it hands the engine and audit, and what
// verify says about a pattern file that lies.
#include "signatures/pattern_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "audit/check.h"
#include "detect/engine.h"
#include "signatures/rule_meta.h"
#include "signatures/verify.h"

namespace fs = std::filesystem;
using iotguard::signatures::PatternFile;
using nlohmann::json;

namespace {

constexpr const char* kRule =
    "rule IoT_Test_A { meta: family = \"Test\" description = \"test rule\" severity = \"high\"\n"
    "  strings: $a = \"abcdefgh\" condition: $a }\n";
// A trait rule needs an integer weight for the heuristic; this one has none.
constexpr const char* kTraitWithoutWeight =
    "rule Trait_Test : trait { meta: trait = \"t\" description = \"a trait\" severity = \"info\"\n"
    "  strings: $a = \"ijklmnop\" condition: $a }\n";

class PatternFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("iotguard-pf-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
    if (const char* e = std::getenv("IOTGUARD_DB")) saved_env_ = e;
  }
  void TearDown() override {
    if (saved_env_)
      ::setenv("IOTGUARD_DB", saved_env_->c_str(), 1);
    else
      ::unsetenv("IOTGUARD_DB");
    fs::remove_all(root_);
  }

  static void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  // A small pattern file whose manifest tells the truth.
  fs::path make_db(const std::string& name) {
    const fs::path d = root_ / name;
    write(d / "rules" / "test.yar", kRule);
    write(d / "credentials" / "test.tsv", "# user\tpassword\nroot\txc3511\nadmin\t\n");
    write(d / "vulnerable-versions.tsv", "");
    write_manifest(d, manifest());
    return d;
  }
  static json manifest() {
    return {{"name", "test"},
            {"version", "2026.01.02.1"},
            {"date", "2026-01-02"},
            {"families", {"Test"}},
            {"rules", {{"test.yar", 1}}},
            {"rules_total", 1},
            {"credentials", {{"test.tsv", 2}}}};
  }
  static void write_manifest(const fs::path& d, const json& j) {
    write(d / "manifest.json", j.dump(2));
  }
  static PatternFile open(const fs::path& d) {
    auto pf = PatternFile::find(d);
    EXPECT_TRUE(pf.ok()) << pf.error().message;
    return *pf;
  }
  static std::string problems(const iotguard::signatures::VerifyReport& r) {
    return json(r.problems).dump();
  }

  fs::path root_;
  std::optional<std::string> saved_env_;
};

TEST_F(PatternFileTest, ExplicitDirWinsOverTheEnvironment) {
  const fs::path a = make_db("a"), b = make_db("b");
  ::setenv("IOTGUARD_DB", b.c_str(), 1);
  EXPECT_EQ(open(a).dir(), a);
  auto found = PatternFile::find(std::nullopt);
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(found->dir(), b);
}

TEST_F(PatternFileTest, AnExplicitDirMustBeAPatternFile) {
  fs::create_directories(root_ / "empty");
  make_db("good");
  ::setenv("IOTGUARD_DB", (root_ / "good").c_str(), 1);  // never a fallback for --db
  auto r = PatternFile::find(root_ / "empty");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "--db " + (root_ / "empty").string() + " is not a signatures directory");
  EXPECT_FALSE(PatternFile::find(root_ / "missing").ok());
  // A credentials/ folder alone makes one (sense and audit need no more).
  fs::create_directories(root_ / "creds-only" / "credentials");
  EXPECT_TRUE(PatternFile::find(root_ / "creds-only").ok());
}

TEST_F(PatternFileTest, AnEnvironmentDirThatIsNoPatternFileIsPassedOver) {
  fs::create_directories(root_ / "empty");
  ::setenv("IOTGUARD_DB", (root_ / "empty").c_str(), 1);
  auto found = PatternFile::find(std::nullopt);
  // Next in line: an installed pattern file or the source tree's.
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_NE(found->dir(), root_ / "empty");
  EXPECT_TRUE(fs::exists(found->dir() / "manifest.json"));
  ::setenv("IOTGUARD_DB", "", 1);  // empty is unset
  ASSERT_TRUE(PatternFile::find(std::nullopt).ok());
}

TEST_F(PatternFileTest, ManifestIsReadBoundedAndChecked) {
  const fs::path d = make_db("db");
  const PatternFile pf = open(d);
  ASSERT_TRUE(pf.manifest().ok());
  EXPECT_EQ((*pf.manifest())["rules_total"], 1);
  EXPECT_EQ(pf.version(), "2026.01.02.1");
  EXPECT_EQ(pf.location(), fs::absolute(d));

  write(d / "manifest.json", "[1, 2]");
  EXPECT_EQ(pf.manifest().error().message, (d / "manifest.json").string() + ": not a JSON object");
  EXPECT_EQ(pf.version(), "unversioned");
  write(d / "manifest.json", "{\"version\": ");
  EXPECT_EQ(pf.manifest().error().message, (d / "manifest.json").string() + ": not a JSON object");
  write(d / "manifest.json", "{\"version\": 7}");
  EXPECT_TRUE(pf.manifest().ok());
  EXPECT_EQ(pf.version(), "unversioned");
  write(d / "manifest.json", "{\"version\": \"1\", \"pad\": \"" +
                                 std::string(iotguard::signatures::kMaxManifestBytes, 'x') + "\"}");
  EXPECT_EQ(pf.manifest().error().message, (d / "manifest.json").string() + ": larger than 1 MiB");
  fs::remove(d / "manifest.json");
  EXPECT_EQ(pf.manifest().error().message, (d / "manifest.json").string() + ": missing");
}

TEST_F(PatternFileTest, ListsHoldOnlyTheirKindInNameOrder) {
  const fs::path d = make_db("db");
  write(d / "rules" / "b.yara", kRule);
  write(d / "rules" / "a.yar", kRule);
  write(d / "rules" / "notes.txt", "not a rule");
  fs::create_directories(d / "rules" / "dir.yar");
  write(d / "credentials" / "a.tsv", "u\tp\n");
  write(d / "credentials" / "README", "");
  const PatternFile pf = open(d);
  EXPECT_EQ(pf.rule_files(),
            (std::vector<fs::path>{d / "rules/a.yar", d / "rules/b.yara", d / "rules/test.yar"}));
  EXPECT_EQ(pf.credential_files(),
            (std::vector<fs::path>{d / "credentials/a.tsv", d / "credentials/test.tsv"}));
  const auto listed = pf.list();
  ASSERT_EQ(listed.size(), 3u);
  ASSERT_EQ(listed[2].rules.size(), 1u);
  EXPECT_EQ(listed[2].rules[0].name, "IoT_Test_A");
  EXPECT_TRUE(iotguard::signatures::of_family(listed[2].rules[0], "tEsT"));
  EXPECT_FALSE(iotguard::signatures::of_family(listed[2].rules[0], "Tes"));
  EXPECT_EQ(iotguard::signatures::meta_string(listed[2].rules[0], "description"), "test rule");
}

TEST_F(PatternFileTest, ConfiguresTheEngineAndAudit) {
  const fs::path d = make_db("db");
  const PatternFile pf = open(d);
  iotguard::detect::EngineConfig c;
  c.rules = {"/extra.yar"};
  c.hashes = {"/extra.tsv"};
  pf.configure(c);
  // The pattern file's rules come first; it has no hashes/ folder.
  EXPECT_EQ(c.rules, (std::vector<fs::path>{d / "rules", "/extra.yar"}));
  EXPECT_EQ(c.hashes, (std::vector<fs::path>{"/extra.tsv"}));
  EXPECT_EQ(c.credentials_dir, d / "credentials");
  EXPECT_EQ(c.pattern_file_version, "2026.01.02.1");
  fs::create_directories(d / "hashes");
  pf.configure(c);
  EXPECT_EQ(c.hashes.front(), d / "hashes");

  iotguard::audit::AuditOptions o;
  pf.configure(o);
  EXPECT_EQ(o.credentials_dir, d / "credentials");
  EXPECT_EQ(o.vulnerable_versions, d / "vulnerable-versions.tsv");
  EXPECT_EQ(pf.compiled_cache_dir(), d / ".compiled");  // the test owns the directory
}

TEST_F(PatternFileTest, VerifyPassesWhenTheManifestTellsTheTruth) {
  const auto r = open(make_db("db")).verify();
  EXPECT_TRUE(r.ok()) << problems(r);
  EXPECT_EQ(r.version, "2026.01.02.1");
  EXPECT_EQ(r.rule_files, 1u);
  EXPECT_EQ(r.rules_total, 1u);
  EXPECT_EQ(r.credentials_total, 2u);
  EXPECT_EQ(r.elf_rules, 1u);
  EXPECT_EQ(r.filtered_rules, 1u);
  EXPECT_EQ(r.unfiltered, "");
}

TEST_F(PatternFileTest, VerifyNamesWhatTheManifestGetsWrong) {
  const fs::path d = make_db("db");
  json m = manifest();
  m["version"] = "2026.01.03.1";
  m["rules"]["gone.yar"] = 4;
  m["credentials"]["test.tsv"] = 5;
  m["families"] = {"Other"};
  write_manifest(d, m);
  write(d / "rules" / "extra.yar", std::string(kRule).replace(5, 10, "IoT_Test_B"));
  const auto r = open(d).verify();
  EXPECT_FALSE(r.ok());
  const std::string p = problems(r);
  EXPECT_NE(p.find("manifest: version 2026.01.03.1 does not start with the date 2026-01-02"),
            std::string::npos)
      << p;
  EXPECT_NE(p.find("rules/extra.yar: not in the manifest"), std::string::npos) << p;
  EXPECT_NE(p.find("manifest lists rules/gone.yar, which does not exist"), std::string::npos) << p;
  EXPECT_NE(p.find("manifest: rules_total 1 but the files hold 2"), std::string::npos) << p;
  EXPECT_NE(p.find("credentials/test.tsv: manifest says 5 entries, the file has 2"),
            std::string::npos)
      << p;
  EXPECT_NE(p.find("manifest: families [Other] but the rules name [Test]"), std::string::npos) << p;
}

TEST_F(PatternFileTest, VerifyNamesBadRulesAndCredentialLines) {
  const fs::path d = make_db("db");
  write(d / "rules" / "dup.yar", kRule);  // read first: the name is test.yar's twice
  write(d / "rules" / "test.yar",
        std::string(kRule) + "rule IoT_No_Meta { strings: $a = \"qrstuvwx\" condition: $a }\n" +
            kTraitWithoutWeight);
  write(d / "rules" / "broken.yar", "rule Broken { condition: $nothing }\n");
  write(d / "credentials" / "test.tsv", "root\txc3511\n" + std::string(200, 'u') + "\tp\n");
  const auto r = open(d).verify();
  const std::string p = problems(r);
  EXPECT_NE(p.find("rules/broken.yar: does not compile"), std::string::npos) << p;
  EXPECT_NE(p.find("rules/test.yar: IoT_Test_A: rule name used twice"), std::string::npos) << p;
  EXPECT_NE(p.find("rules/test.yar: IoT_No_Meta: severity '' is not info..critical"),
            std::string::npos)
      << p;
  EXPECT_NE(p.find("rules/test.yar: IoT_No_Meta: no description"), std::string::npos) << p;
  EXPECT_NE(p.find("rules/test.yar: IoT_No_Meta: no family meta"), std::string::npos) << p;
  EXPECT_NE(p.find("rules/test.yar: Trait_Test: trait rule without trait/weight meta"),
            std::string::npos)
      << p;
  EXPECT_NE(p.find("test.tsv:2:"), std::string::npos) << p;
  // A file that does not compile alone is not loaded with the others.
  EXPECT_EQ(r.elf_rules, 0u);
}

TEST_F(PatternFileTest, VerifyWithoutAManifestSaysSoAndGoesOn) {
  const fs::path d = make_db("db");
  fs::remove(d / "manifest.json");
  const auto r = open(d).verify();
  const std::string p = problems(r);
  EXPECT_NE(p.find((d / "manifest.json").string() + ": missing"), std::string::npos) << p;
  EXPECT_NE(p.find("rules/test.yar: not in the manifest"), std::string::npos) << p;
  EXPECT_EQ(r.version, "");
  EXPECT_EQ(r.rules_total, 1u);
}

}  // namespace
