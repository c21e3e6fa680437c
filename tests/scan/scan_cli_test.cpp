// SPDX-License-Identifier: GPL-2.0-or-later
// `iotguard scan` end to end: the real binary on generated files and rules.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

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

TEST_F(ScanCli, ARuleFileThatDoesNotCompileIsAnErrorAndTheRestRun) {
  write("rules/broken.yar", "rule Broken { condition: $nope }\n");
  auto found = scan("json", {(dir_ / "tree").string()});
  EXPECT_EQ(found.exit_code, 1) << found.out;  // the good rule still finds its bot
  EXPECT_EQ(of_type(found.records(), "finding").size(), 1u);
  auto errs = of_type(found.records(), "error");
  ASSERT_EQ(errs.size(), 1u) << found.out;
  EXPECT_EQ(errs[0]["path"], (dir_ / "rules/broken.yar").string());
  EXPECT_NE(errs[0]["message"].get<std::string>().find("broken.yar(1)"), std::string::npos);
  EXPECT_EQ(found.records().back()["errors"], 1);
  auto clean = scan("text", {(dir_ / "tree/clean.elf").string()});
  EXPECT_EQ(clean.exit_code, 2);
  EXPECT_NE(clean.out.find("broken.yar: ERROR: YARA rule file left out"), std::string::npos)
      << clean.out;
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
  const auto compiled = yarac(dir_ / "rules/t.yar", dir_ / "t.yarc");
  ASSERT_FALSE(HasFailure());
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

// A rule that runs past --timeout on one object: an error for that object,
// and the other files are still scanned.
TEST_F(ScanCli, RuleTimeoutIsAnErrorForThatObjectOnly) {
  write("slow/slow.yar",
        "rule Slow { condition: for all i in (0..filesize) : "
        "(for all j in (0..filesize) : (uint8(i) | uint8(j) >= 0)) }\n");
  write("t2/big.bin", std::string(65536, '\0'));
  write("t2/small.txt", "hi\n");
  auto r = run_cli({"scan", "--no-db", "--no-cache", "--format", "json", "--timeout", "1",
                    "--rules", (dir_ / "slow").string(), (dir_ / "t2").string()});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  auto errs = of_type(r.records(), "error");
  ASSERT_EQ(errs.size(), 1u) << r.out;
  EXPECT_EQ(errs[0]["path"], (dir_ / "t2/big.bin").string());
  EXPECT_NE(errs[0]["message"].get<std::string>().find("timed out after 1 s"), std::string::npos);
  EXPECT_EQ(r.records().back()["scanned_files"], 2);
}

// SIGINT while files are still being scanned: the run stops early, prints a
// summary marked interrupted, and exits 2 (nothing found, run incomplete).
TEST_F(ScanCli, SigintStopsWithAPartialSummary) {
  constexpr int kFiles = 10000;
  for (int i = 0; i < kFiles; ++i)
    write("big/f" + std::to_string(i) + ".txt", "clean " + std::to_string(i));
  int out[2];
  ASSERT_EQ(::pipe(out), 0);
  const std::string bin = iotguard_binary();
  const std::string root = (dir_ / "big").string();
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::dup2(out[1], 1);
    ::close(out[0]);
    ::close(out[1]);
    // Text output: an OK line per file shows the scan is under way.
    ::execl(bin.c_str(), bin.c_str(), "scan", "--no-db", "--no-cache", "-j", "1", root.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);
  std::string text;
  char buf[65536];
  ssize_t n = 0;
  bool signalled = false;
  while ((n = ::read(out[0], buf, sizeof buf)) > 0) {
    text.append(buf, static_cast<std::size_t>(n));
    if (!signalled && text.find(": OK\n") != std::string::npos) {
      ::kill(pid, SIGINT);
      signalled = true;
    }
  }
  ::close(out[0]);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(signalled) << text.substr(0, 500);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by the signal instead of stopping cleanly";
  EXPECT_EQ(WEXITSTATUS(status), 2);
  EXPECT_NE(text.find("Interrupted: partial results"), std::string::npos) << text.substr(0, 300);
  const auto at = text.find("Scanned files: ");
  ASSERT_NE(at, std::string::npos);
  EXPECT_LT(std::stol(text.substr(at + 15)), kFiles);
}

// The progress line (files, MB/s, ETA) is drawn on a terminal, never into a
// pipe. `script` gives the run a pseudo-terminal.
TEST_F(ScanCli, ProgressLineOnlyOnATerminal) {
  std::string cmd = "script -qec " +
                    shell_quote(shell_quote(iotguard_binary()) + " scan --no-db --no-cache " +
                                shell_quote((dir_ / "tree").string())) +
                    " /dev/null";
  FILE* p = ::popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string tty;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) tty.append(buf, n);
  ::pclose(p);
  EXPECT_NE(tty.find("/3 files, "), std::string::npos) << tty;
  EXPECT_NE(tty.find("MB/s, ETA"), std::string::npos) << tty;

  auto piped = run_cli({"scan", "--no-db", "--no-cache", (dir_ / "tree").string()},
                       /*keep_stderr=*/true);
  EXPECT_EQ(piped.out.find("MB/s"), std::string::npos) << piped.out;
}

TEST_F(ScanCli, HelpShowsExamples) {
  auto r = run_cli({"scan", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Examples:"), std::string::npos);
  EXPECT_NE(r.out.find("Exit codes"), std::string::npos);
}
