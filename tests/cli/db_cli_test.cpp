// SPDX-License-Identifier: GPL-2.0-or-later
// End-to-end tests of `iotguard db info|list|verify` on the shipped pattern
// file and on copies of it that were tampered with.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "../support/run_cli.h"

namespace fs = std::filesystem;
using iotguard::test::run_cli;
using nlohmann::json;

namespace {

const fs::path kDb = fs::path(IOTGUARD_SOURCE_DIR) / "signatures";

json manifest(const fs::path& db) {
  std::ifstream in(db / "manifest.json");
  return json::parse(in);
}

// A private copy of the pattern file (without the compiled-rule cache).
class DbCopy : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("iotguard-db-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    for (const char* sub : {"rules", "credentials", "hashes"})
      fs::copy(kDb / sub, dir_ / sub, fs::copy_options::recursive);
    fs::copy_file(kDb / "manifest.json", dir_ / "manifest.json");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write_manifest(const json& j) { std::ofstream(dir_ / "manifest.json") << j.dump(2); }
  fs::path dir_;
};

TEST(DbCli, InfoShowsTheManifest) {
  const json m = manifest(kDb);
  auto r = run_cli({"db", "--db", kDb.string(), "info"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find(m["version"].get<std::string>()), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("mirai.yar"), std::string::npos);
  EXPECT_NE(r.out.find(fs::canonical(kDb).string()), std::string::npos) << r.out;

  auto j = run_cli({"--format", "json", "db", "--db", kDb.string(), "info"});
  ASSERT_EQ(j.exit_code, 0);
  auto recs = j.records();
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0]["type"], "db-info");
  EXPECT_EQ(recs[0]["version"], m["version"]);
  EXPECT_EQ(recs[0]["rules_total"], m["rules_total"]);
  EXPECT_EQ(recs[0]["families"], m["families"]);
}

TEST(DbCli, ListNamesEveryRuleWithItsFamily) {
  auto r = run_cli({"db", "--db", kDb.string(), "list", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0);
  const json m = manifest(kDb);
  std::map<std::string, std::string> family;  // rule -> family
  std::size_t rules = 0, traits = 0;
  for (const auto& rec : r.records()) {
    if (rec["type"] == "summary") {
      EXPECT_EQ(rec["rules"], m["rules_total"]);
      continue;
    }
    ASSERT_EQ(rec["type"], "rule");
    ++rules;
    EXPECT_FALSE(rec["description"].get<std::string>().empty()) << rec.dump();
    if (rec.contains("trait")) {
      ++traits;
      EXPECT_GT(rec["trait"]["weight"].get<int>(), 0);
    } else {
      family[rec["name"]] = rec["family"];
    }
  }
  EXPECT_EQ(rules, m["rules_total"].get<std::size_t>());
  EXPECT_EQ(traits, m["rules"]["traits.yar"].get<std::size_t>());
  EXPECT_EQ(family["IoT_Mirai_Table"], "Mirai");
  EXPECT_EQ(family["IoT_Mozi"], "Mozi");
  EXPECT_EQ(family["IoT_Umbreon_Hook_Set"], "Umbreon");
  std::set<std::string> fams;
  for (const auto& [rule, f] : family) fams.insert(f);
  EXPECT_EQ(json(fams), m["families"]);

  auto mirai = run_cli({"db", "--db", kDb.string(), "list", "--family", "mirai"});
  EXPECT_EQ(mirai.exit_code, 0);
  EXPECT_NE(mirai.out.find("IoT_Mirai_Satori_Okiru"), std::string::npos) << mirai.out;
  EXPECT_EQ(mirai.out.find("IoT_Mozi"), std::string::npos) << mirai.out;
}

TEST(DbCli, VerifyPassesOnTheShippedPatternFile) {
  auto r = run_cli({"db", "--db", kDb.string(), "verify"}, true);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("verified"), std::string::npos) << r.out;
  auto j = run_cli({"db", "--db", kDb.string(), "verify", "--format", "json"});
  ASSERT_EQ(j.records().size(), 1u);
  EXPECT_EQ(j.records()[0]["ok"], true);
  EXPECT_EQ(j.records()[0]["problems"], json::array());
  // Every shipped rule needs a literal: ELF objects holding none of them
  // skip libyara (docs/signatures.md, "Writing rules").
  EXPECT_GT(j.records()[0]["elf_rules"].get<int>(), 20);
  EXPECT_EQ(j.records()[0]["filtered_rules"], j.records()[0]["elf_rules"]);
  EXPECT_EQ(j.records()[0]["unfiltered"], "");
}

TEST_F(DbCopy, VerifySaysWhichRuleTheLiteralFilterCannotCover) {
  std::ofstream(dir_ / "rules" / "mirai.yar", std::ios::app)
      << "\nrule IoT_Mirai_Tiny { meta: family = \"Mirai\" description = \"d\" severity = \"low\""
         " condition: filesize < 10 }\n";
  json m = manifest(dir_);
  m["rules"]["mirai.yar"] = m["rules"]["mirai.yar"].get<int>() + 1;
  m["rules_total"] = m["rules_total"].get<int>() + 1;
  write_manifest(m);
  auto r = run_cli({"db", "--db", dir_.string(), "verify"}, true);
  EXPECT_EQ(r.exit_code, 0) << r.out;  // slower, not wrong
  EXPECT_NE(r.out.find("not: rule IoT_Mirai_Tiny can match without a string"), std::string::npos)
      << r.out;
}

TEST_F(DbCopy, VerifyFailsWhenTheManifestMiscounts) {
  json m = manifest(dir_);
  m["rules"]["mirai.yar"] = m["rules"]["mirai.yar"].get<int>() + 1;
  m["credentials"]["mirai.tsv"] = 1;
  write_manifest(m);
  auto r = run_cli({"db", "--db", dir_.string(), "verify"}, true);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("rules/mirai.yar: manifest says"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("credentials/mirai.tsv: manifest says 1 entries"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("FAILED"), std::string::npos) << r.out;
}

TEST_F(DbCopy, VerifyFailsOnARuleThatDoesNotCompile) {
  std::ofstream(dir_ / "rules" / "broken.yar") << "rule Broken { condition: $nothing }\n";
  auto r = run_cli({"db", "--db", dir_.string(), "verify", "--format", "json"});
  EXPECT_EQ(r.exit_code, 2);
  ASSERT_EQ(r.records().size(), 1u);
  const json rec = r.records()[0];
  EXPECT_EQ(rec["ok"], false);
  const std::string problems = rec["problems"].dump();
  EXPECT_NE(problems.find("rules/broken.yar: does not compile"), std::string::npos) << problems;
  EXPECT_NE(problems.find("broken.yar: not in the manifest"), std::string::npos) << problems;
}

TEST_F(DbCopy, VerifyFailsOnAMissingFileAndABadVersion) {
  fs::remove(dir_ / "rules" / "hajime.yar");
  json m = manifest(dir_);
  m["version"] = "latest";
  write_manifest(m);
  auto r = run_cli({"db", "--db", dir_.string(), "verify"}, true);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("manifest lists rules/hajime.yar, which does not exist"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("version 'latest' is not YYYY.MM.DD.SERIAL"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("families"), std::string::npos) << r.out;  // Hajime no longer named
}

TEST_F(DbCopy, InfoAndVerifyReportAMissingManifest) {
  fs::remove(dir_ / "manifest.json");
  auto r = run_cli({"db", "--db", dir_.string(), "info"}, true);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("manifest.json: missing"), std::string::npos) << r.out;
}

TEST(DbCli, RejectsSarifAndShowsHelp) {
  EXPECT_EQ(run_cli({"--format", "sarif", "db", "--db", kDb.string(), "info"}).exit_code, 2);
  auto h = run_cli({"db", "--help"});
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("iotguard db list --family Mirai"), std::string::npos) << h.out;
}

}  // namespace
