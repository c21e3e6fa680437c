// SPDX-License-Identifier: GPL-2.0-or-later
// End-to-end tests of `iotguard info` through the real binary: exit codes,
// the JSON-lines records scripts depend on (DESIGN.md "One idea"), and --help.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../support/elf_builder.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct CliRun {
  int code = -1;
  std::string out;
};

std::string binary() {
  const char* env = std::getenv("IOTGUARD_BIN");
  return env != nullptr && *env != '\0' ? env : IOTGUARD_BINARY;
}

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs iotguard with args; stdout captured, stderr too when want_stderr.
CliRun run(const std::vector<std::string>& args, bool want_stderr = false) {
  std::string cmd = quote(binary());
  for (const auto& a : args) cmd += " " + quote(a);
  cmd += want_stderr ? " 2>&1" : " 2>/dev/null";
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int st = pclose(p);
  r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::vector<json> lines(const std::string& out) {
  std::vector<json> v;
  std::size_t start = 0;
  while (start < out.size()) {
    std::size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    if (end > start) v.push_back(json::parse(out.substr(start, end - start)));
    start = end + 1;
  }
  return v;
}

class InfoCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("iotguard-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    // A small big-endian MIPS executable, as IoT firmware carries.
    iotguard::test::ElfBuilder b(false, true, 8);
    b.entry(0x400100)
        .segment({1, 5, 0, 0x400000, 0x200, 0x200, 0x1000})
        .bytes_at(0x100, std::vector<std::uint8_t>(0x100, 0x24))
        .section({".text", 1, 6, 0x400100, 0x100, 0x100, 0, 0, 4, 0});
    elf_ = write("good.elf", b.build());
    text_ = write("notes.txt", {'h', 'e', 'l', 'l', 'o', '\n'});
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::vector<std::uint8_t>& data) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary)
        .write(reinterpret_cast<const char*>(data.data()),
               static_cast<std::streamsize>(data.size()));
    return p.string();
  }

  fs::path dir_;
  std::string elf_, text_;
};

TEST_F(InfoCli, GoodElfExitsZeroWithTextDescription) {
  const CliRun r = run({"info", elf_});
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("MIPS R3000"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ELF32, big-endian"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0x400100"), std::string::npos) << r.out;
}

TEST_F(InfoCli, JsonLinesHaveInfoThenSummary) {
  const CliRun r = run({"--format", "json", "info", elf_});
  ASSERT_EQ(r.code, 0) << r.out;
  const auto recs = lines(r.out);
  ASSERT_EQ(recs.size(), 2u) << r.out;
  const json& info = recs[0];
  EXPECT_EQ(info["type"], "info");
  EXPECT_EQ(info["path"], elf_);
  for (const char* key : {"format", "size", "sha256", "class", "endianness", "elf_type", "machine",
                          "machine_value", "machine_description", "entry", "linking", "static",
                          "stripped", "interpreter", "header", "segments", "sections", "anomalies"})
    EXPECT_TRUE(info.contains(key)) << "info record lacks \"" << key << "\": " << info.dump();
  EXPECT_EQ(info["machine_value"], 8);
  EXPECT_EQ(info["class"], "ELF32");
  EXPECT_EQ(info["endianness"], "big");
  EXPECT_EQ(info["entry"], 0x400100);
  EXPECT_EQ(info["sha256"].get<std::string>().size(), 64u);
  ASSERT_EQ(info["segments"].size(), 1u);
  EXPECT_EQ(info["segments"][0]["type"], "LOAD");
  EXPECT_EQ(info["segments"][0]["flags"], "R-X");
  EXPECT_EQ(recs[1], (json{{"type", "summary"}, {"files", 1}, {"errors", 0}}));
}

TEST_F(InfoCli, NonElfExitsTwoWithErrorRecordAndGoesOn) {
  const CliRun r = run({"--format", "json", "info", text_, elf_});
  EXPECT_EQ(r.code, 2) << r.out;
  const auto recs = lines(r.out);
  ASSERT_EQ(recs.size(), 3u) << r.out;
  EXPECT_EQ(recs[0]["type"], "error");
  EXPECT_EQ(recs[0]["path"], text_);
  EXPECT_NE(recs[0]["message"].get<std::string>().find("not an ELF"), std::string::npos);
  EXPECT_EQ(recs[1]["type"], "info");  // the next file is still described
  EXPECT_EQ(recs[2], (json{{"type", "summary"}, {"files", 1}, {"errors", 1}}));
}

TEST_F(InfoCli, NonElfInTextModeSaysWhyOnStderr) {
  const CliRun r = run({"info", text_}, true);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("not an ELF"), std::string::npos) << r.out;
}

TEST_F(InfoCli, MissingFileExitsTwo) {
  const CliRun r = run({"info", (dir_ / "does-not-exist").string()}, true);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("does-not-exist"), std::string::npos) << r.out;
}

TEST_F(InfoCli, EmptyFileIsAnErrorNotACrash) {
  const std::string empty = write("empty", {});
  const CliRun r = run({"--format", "json", "info", empty});
  EXPECT_EQ(r.code, 2);
  const auto recs = lines(r.out);
  ASSERT_EQ(recs.size(), 2u) << r.out;
  EXPECT_EQ(recs[0]["type"], "error");
}

TEST_F(InfoCli, HelpShowsExamples) {
  for (const auto& args :
       {std::vector<std::string>{"info", "--help"}, std::vector<std::string>{"--help"}}) {
    const CliRun r = run(args);
    EXPECT_EQ(r.code, 0);
    EXPECT_NE(r.out.find("Examples"), std::string::npos) << r.out;
  }
}

}  // namespace
