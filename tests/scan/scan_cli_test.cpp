// SPDX-License-Identifier: GPL-2.0-or-later
// `iotguard scan` end to end: the real binary on generated files and rules.
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

#include "../support/mirai_sample.h"
#include "../support/run_cli.h"
#include "scan_fixture.h"

using namespace iotguard::test;

namespace {

std::vector<nlohmann::json> of_type(const std::vector<nlohmann::json>& recs, const std::string& t) {
  std::vector<nlohmann::json> out;
  for (const auto& r : recs)
    if (r.value("type", "") == t) out.push_back(r);
  return out;
}

}  // namespace

class ScanCli : public ScratchDir {
 protected:
  void SetUp() override {
    ScratchDir::SetUp();
    write("rules/t.yar",
          "rule Test_Bot : elf { meta: family = \"TestBot\" severity = \"high\" "
          "description = \"test bot marker\" strings: $a = \"TESTBOT-C2\" condition: $a }\n");
    write("tree/bot.elf", elf_with("TESTBOT-C2 cnc.example"));
    write("tree/clean.elf", elf_with("hello world"));
    write("tree/notes.txt", "TESTBOT-C2 in a text file: the rule targets ELF only");
  }
  std::vector<std::string> base(const std::string& format) const {
    return {"scan",         "--format",
            format,         "--no-db",
            "--rules",      (dir_ / "rules").string(),
            "--cache-dir",  (dir_ / "cache").string(),
            "--no-progress"};
  }
  CliResult scan(const std::string& format, std::vector<std::string> extra) const {
    auto args = base(format);
    args.insert(args.end(), extra.begin(), extra.end());
    return run_cli(args);
  }
};

TEST_F(ScanCli, TextOutputIsClamscanStyleAndExitOneOnDetection) {
  auto r = scan("text", {(dir_ / "tree").string()});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find((dir_ / "tree/bot.elf").string() + ": Test_Bot FOUND\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find((dir_ / "tree/clean.elf").string() + ": OK\n"), std::string::npos);
  EXPECT_NE(r.out.find((dir_ / "tree/notes.txt").string() + ": OK\n"), std::string::npos);
  EXPECT_NE(r.out.find("----------- SCAN SUMMARY -----------"), std::string::npos);
  EXPECT_NE(r.out.find("Scanned files: 3"), std::string::npos);

  auto infected = scan("text", {"-i", (dir_ / "tree").string()});
  EXPECT_EQ(infected.out.find(": OK"), std::string::npos);
  EXPECT_NE(infected.out.find("Test_Bot FOUND"), std::string::npos);
  auto quiet = scan("text", {"-q", (dir_ / "tree").string()});
  EXPECT_EQ(quiet.out.find("SUMMARY"), std::string::npos);
  EXPECT_NE(quiet.out.find("Test_Bot FOUND"), std::string::npos);
}

TEST_F(ScanCli, JsonLinesCarryTheDocumentedShape) {
  auto r = scan("json", {"--no-cache", (dir_ / "tree").string()});
  EXPECT_EQ(r.exit_code, 1);
  auto recs = r.records();
  auto findings = of_type(recs, "finding");
  ASSERT_EQ(findings.size(), 1u) << r.out;
  const auto& f = findings[0];
  for (const char* k : {"path", "object", "rule", "family", "severity", "title", "evidence"})
    EXPECT_TRUE(f.contains(k)) << k;
  EXPECT_EQ(f["rule"], "Test_Bot");
  EXPECT_EQ(f["family"], "TestBot");
  EXPECT_EQ(f["severity"], "high");
  EXPECT_EQ(f["path"], (dir_ / "tree/bot.elf").string());
  EXPECT_EQ(f["evidence"]["strings"][0]["data"], "TESTBOT-C2");
  ASSERT_EQ(recs.back()["type"], "summary");
  EXPECT_EQ(recs.back()["scanned_files"], 3);
  EXPECT_EQ(recs.back()["findings"], 1);
}

TEST_F(ScanCli, ExitCodesZeroCleanTwoOnErrors) {
  auto clean = scan("json", {(dir_ / "tree/clean.elf").string()});
  EXPECT_EQ(clean.exit_code, 0) << clean.out;
  auto missing = scan("json", {(dir_ / "nope").string()});
  EXPECT_EQ(missing.exit_code, 2);
  auto errs = of_type(missing.records(), "error");
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0]["path"], (dir_ / "nope").string());
  // An error elsewhere does not hide a detection: 1 wins.
  auto both = scan("json", {(dir_ / "nope").string(), (dir_ / "tree").string()});
  EXPECT_EQ(both.exit_code, 1);
  write("rules-bad/x.yar", "rule x { condition: $undefined }");
  auto bad = run_cli(
      {"scan", "--no-db", "--rules", (dir_ / "rules-bad").string(), (dir_ / "tree").string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(run_cli({"scan", "--no-such-flag"}).exit_code, 2);
  EXPECT_EQ(run_cli({"scan", "--max-mapped", "0", (dir_ / "tree").string()}).exit_code, 2);
  auto small = scan("json", {"--max-mapped", "4K", "-j", "3", (dir_ / "tree").string()});
  EXPECT_EQ(small.exit_code, 1);
  EXPECT_EQ(of_type(small.records(), "finding").size(), 1u);
}

TEST_F(ScanCli, RescanHitsTheCache) {
  auto first = scan("json", {(dir_ / "tree").string()});
  EXPECT_EQ(first.records().back()["cache_hits"], 0);
  auto second = scan("json", {(dir_ / "tree").string()});
  EXPECT_EQ(second.records().back()["cache_hits"], 3);
  EXPECT_EQ(of_type(second.records(), "finding").size(), 1u);
  auto bypass = scan("json", {"--no-cache", (dir_ / "tree").string()});
  EXPECT_EQ(bypass.records().back()["cache_hits"], 0);
}

TEST_F(ScanCli, RulesCompiledByYaracWork) {
  const auto compiled = dir_ / "t.yarc";
  const std::string cmd =
      "yarac '" + (dir_ / "rules/t.yar").string() + "' '" + compiled.string() + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd << " (yarac: scripts/install-deps.sh --test)";
  auto refused = run_cli(
      {"scan", "--no-db", "--no-cache", "--rules", compiled.string(), (dir_ / "tree").string()},
      /*keep_stderr=*/true);
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.out.find("--compiled-rules"), std::string::npos) << refused.out;
  auto r = run_cli({"scan", "--no-db", "--no-cache", "--no-progress", "-C", "--rules",
                    compiled.string(), (dir_ / "tree").string()});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find((dir_ / "tree/bot.elf").string() + ": Test_Bot FOUND\n"), std::string::npos)
      << r.out;
  // The rule is ELF-only: the text file holding the marker stays clean.
  EXPECT_NE(r.out.find((dir_ / "tree/notes.txt").string() + ": OK\n"), std::string::npos);
}

TEST_F(ScanCli, ShippedPatternFileDetectsMiraiTableAndDecodesItsC2) {
  const auto table = mirai_table(0x22, "cnc.changeme.com", 23, "report.changeme.com", 48101,
                                 {{"root", "xc3511"}, {"admin", "admin"}, {"root", "vizxv"}});
  write("m/bot", elf_with(table));
  auto r = run_cli({"scan", "--format", "json", "--no-cache", "--db",
                    std::string(IOTGUARD_SOURCE_DIR) + "/signatures", (dir_ / "m").string()});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  auto f = of_type(r.records(), "finding");
  const nlohmann::json* table_hit = nullptr;
  for (const auto& x : f)
    if (x["rule"] == "IoT_Mirai_Table") table_hit = &x;
  ASSERT_NE(table_hit, nullptr) << r.out;
  EXPECT_EQ((*table_hit)["family"], "Mirai");
  const auto& cfg = (*table_hit)["evidence"]["config"];
  EXPECT_EQ(cfg["xor_key"], "0x22");
  ASSERT_EQ(cfg["c2"].size(), 2u) << cfg.dump();
  EXPECT_EQ(cfg["c2"][0]["host"], "cnc.changeme.com");
  EXPECT_EQ(cfg["c2"][0]["port"], 23);
  EXPECT_EQ(cfg["c2"][1]["host"], "report.changeme.com");
  EXPECT_EQ(cfg["c2"][1]["port"], 48101);
  std::set<std::string> creds;
  for (const auto& c : cfg["credentials"])
    creds.insert(c["user"].get<std::string>() + ":" + c["password"].get<std::string>());
  EXPECT_TRUE(creds.count("root:xc3511")) << cfg["credentials"].dump();
  EXPECT_TRUE(creds.count("admin:admin"));
  EXPECT_TRUE(creds.count("root:vizxv"));
}

TEST_F(ScanCli, HelpShowsExamples) {
  auto r = run_cli({"scan", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Examples:"), std::string::npos);
  EXPECT_NE(r.out.find("Exit codes"), std::string::npos);
}
