// SPDX-License-Identifier: GPL-2.0-or-later
// The signature lab's parts on bytes built here: strings, hidden tables, the
// goodware index (a real file, real lookups) and the YARA text it writes
// (compiled by the real libyara through the scan engine).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "detect/engine.h"
#include "signatures/learn/candidates.h"
#include "signatures/learn/goodware_index.h"
#include "signatures/learn/rule_writer.h"
#include "signatures/learn/strings.h"
#include "signatures/learn/xor_strings.h"

namespace iotguard::signatures::learn {
namespace {
namespace fs = std::filesystem;

std::vector<std::uint8_t> bytes_of(const std::string& s) { return {s.begin(), s.end()}; }

// Mirai's layout: each entry XOR-ed, then the key (encoded NUL), then a NUL.
std::vector<std::uint8_t> table(const std::vector<std::string>& entries, std::uint8_t key) {
  std::vector<std::uint8_t> out = {0x90, 0x91, 0x00};
  for (const auto& e : entries) {
    for (unsigned char c : e) out.push_back(static_cast<std::uint8_t>(c ^ key));
    out.push_back(key);
    out.push_back(0);
  }
  return out;
}

fs::path temp_dir() {
  fs::path d =
      fs::temp_directory_path() /
      ("iotguard-learn-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
       "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

TEST(LearnStrings, AsciiAndWideRunsOfTheMinimumLength) {
  std::string b = std::string("\x01short\x02", 7) + "a longer string" + std::string("\0\0", 2);
  const std::string narrow = "widetxt";
  b += std::string("w\0i\0d\0e\0t\0x\0t\0", 14);
  std::vector<std::pair<std::string, StringForm>> got;
  const auto v = bytes_of(b);
  for_each_string(v, 6, [&](std::string_view t, std::size_t, StringForm f) {
    got.push_back({std::string(t), f});
  });
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].first, "a longer string");
  EXPECT_EQ(got[1].first, narrow);
  EXPECT_EQ(got[1].second, StringForm::wide);
}

TEST(LearnXor, FindsATableUnderEverySingleByteKey) {
  const std::vector<std::string> entries = {"/proc/net/route", "labnet-c2.example.test",
                                            "Laboratory-Agent/7.3"};
  for (int key : {0x07, 0x22, 0x5a, 0xa5, 0xff}) {
    const auto b = table(entries, static_cast<std::uint8_t>(key));
    const auto found = find_xor_strings(b, {});
    std::vector<std::string> texts;
    for (const auto& s : found) texts.push_back(s.text);
    for (const auto& e : entries)
      EXPECT_NE(std::find(texts.begin(), texts.end(), e), texts.end()) << e << " key " << key;
  }
}

TEST(LearnXor, TwoEntriesAreNoTableAndPlaintextIsNotHidden) {
  // Below min_entries: one key decoding two runs is noise.
  EXPECT_TRUE(find_xor_strings(table({"/proc/net/route", "labnet-c2.example"}, 0x22), {}).empty());
  // Text that ends in a newline before its NUL looks like an entry for key '\n'.
  std::string plain;
  for (const char* s : {"NOTICE %s :Unable to resolve\n", "NOTICE %s :Unable to comply\n",
                        "NOTICE %s :Current status is\n"})
    plain += std::string(s) + std::string("\0", 1);
  EXPECT_TRUE(find_xor_strings(bytes_of(plain), {}).empty());
}

TEST(LearnXor, CribsRecoverAFourByteKey) {
  const std::array<std::uint8_t, 4> key = {0x13, 0x37, 0xc0, 0xde};
  std::vector<std::uint8_t> b(64, 0x41);
  const std::string hidden = std::string("/proc/net/tcp") + std::string("\0", 1) +
                             "labnet-c2.example.test" + std::string("\0", 1);
  for (std::size_t i = 0; i < hidden.size(); ++i)
    b.push_back(static_cast<std::uint8_t>(hidden[i] ^ key[(64 + i) % 4]));
  b.insert(b.end(), 64, 0x42);
  XorOptions o;
  o.cribs = {"/proc/net/tcp"};
  const auto found = find_xor_strings(b, o);
  bool c2 = false;
  for (const auto& s : found) c2 |= s.text == "labnet-c2.example.test" && !s.single_byte;
  EXPECT_TRUE(c2) << found.size() << " strings";
}

TEST(LearnGoodware, AnIndexedStringAndItsPiecesArePresentNovelTextIsNot) {
  const fs::path d = temp_dir();
  // A goodware "ELF": the magic, then text.
  std::string elf = std::string(
                        "\x7f"
                        "ELF",
                        4) +
                    std::string(60, '\0') + "usage: tool [--verbose] <file>" + std::string("\0", 1);
  { std::ofstream(d / "tool.elf", std::ios::binary) << elf; }
  { std::ofstream(d / "notes.txt") << "labnet-c2.example.test"; }  // not ELF: not indexed
  GoodwareBuildOptions o;
  o.threads = 1;
  auto st = build_goodware_index({d}, d / "g.idx", o);
  ASSERT_TRUE(st) << st.error().message;
  EXPECT_EQ(st->files, 1u);
  auto idx = GoodwareIndex::load(d / "g.idx");
  ASSERT_TRUE(idx) << idx.error().message;
  EXPECT_TRUE(idx->may_contain("usage: tool [--verbose] <file>"));
  EXPECT_TRUE(idx->may_contain("tool [--verbose]"));  // inside an indexed string
  EXPECT_FALSE(idx->may_contain("labnet-c2.example.test"));
  EXPECT_FALSE(idx->may_contain("usage: tool [--quiet]"));
  // A damaged file is refused with a message, not read.
  { std::ofstream(d / "bad.idx", std::ios::binary) << "IGGWIDX1 truncated"; }
  EXPECT_FALSE(GoodwareIndex::load(d / "bad.idx"));
  fs::remove_all(d);
}

TEST(LearnCandidates, ToolchainTextAndEncodedBytesAreNoCandidates) {
  std::string b = std::string(
                      "\x7f"
                      "ELF",
                      4) +
                  std::string(60, '\0');
  for (const char* s : {"atoi@@GLIBC_2.2.5", "GCC: (Ubuntu 7.3.0-16ubuntu3) 7.3.0",
                        "_ZN12CThreadMutex12DestroyMutexEv", "Setting up Sockets..."})
    b += std::string(s) + std::string("\0", 1);
  const auto v = bytes_of(b);
  const auto got = extract_candidates({v}, nullptr, {});
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].text, "Setting up Sockets...");
  // Mirai's key 0x22 leaves the encoded entries printable: only the decoded form counts.
  const auto t = table({"nameserver resolv", "listening tun0 now", "/proc/net/route"}, 0x22);
  for (const auto& c : extract_candidates({t}, nullptr, {}))
    EXPECT_EQ(c.kind, CandidateKind::xor1) << c.text;
}

TEST(LearnRuleWriter, WrittenRulesCompileAndMatchWhatTheyWereMadeFrom) {
  const fs::path d = temp_dir();
  RuleSpec r;
  r.name = yara_identifier("Lab Bot/2 \"x\"");
  EXPECT_EQ(r.name, "Lab_Bot_2_x");
  r.meta = {{"family", "LabBot"}, {"description", "quote \" and backslash \\ kept"}};
  r.strings = {{CandidateKind::ascii, "plain \"quoted\" \\text", {}},
               {CandidateKind::xor1, "/proc/net/route", {}}};
  r.threshold = 2;
  r.elf_only = true;
  { std::ofstream(d / "r.yar") << write_rule(r); }
  detect::EngineConfig ec;
  ec.rules = {d / "r.yar"};
  ec.elf_anomalies = false;
  auto engine = detect::Engine::create(ec);
  ASSERT_TRUE(engine) << engine.error().message << "\n" << write_rule(r);
  std::string sample = std::string(
                           "\x7f"
                           "ELF",
                           4) +
                       std::string(60, '\0') + "plain \"quoted\" \\text" + std::string("\0", 1);
  for (char c : std::string("/proc/net/route")) sample.push_back(static_cast<char>(c ^ 0x5a));
  const auto v = bytes_of(sample);
  const auto a = (*engine)->analyse(v, "sample");
  ASSERT_EQ(a.findings.size(), 1u);
  EXPECT_EQ(a.findings[0].rule, "Lab_Bot_2_x");
  EXPECT_EQ(a.findings[0].family, "LabBot");
  // One of the two strings is not enough.
  sample.resize(sample.size() - 15);
  const auto v2 = bytes_of(sample);
  EXPECT_TRUE((*engine)->analyse(v2, "sample").findings.empty());
  fs::remove_all(d);
}

}  // namespace
}  // namespace iotguard::signatures::learn
