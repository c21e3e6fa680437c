// SPDX-License-Identifier: GPL-2.0-or-later
// sense tests: the decoder and tables on hand-built frames, then the real
// `iotguard sense` binary on generated captures, compared with the checked
// baselines in tests/sense/baselines (IOTGUARD_UPDATE_BASELINES=1 rewrites them).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "pcap_writer.h"
#include "scenarios.h"
#include "sense/address.h"
#include "sense/credentials.h"
#include "sense/decoder.h"
#include "sense/lru_table.h"

namespace fs = std::filesystem;
using namespace iotguard;
using namespace iotguard::testing;
using iotguard::sense::Decoded;

namespace {

// The decoded packet's payload is a view into the frame, so the frame lives beside it.
struct DecodedFrame {
  Buf bytes;
  sense::Packet packet;
};

DecodedFrame decode_frame(Link link, const Buf& ip, Decoded expect = Decoded::ok) {
  DecodedFrame d{frame(link, ip), {}};
  EXPECT_EQ(sense::decode(link_dlt(link), {d.bytes.data(), d.bytes.size()}, d.packet), expect);
  return d;
}

Buf telnet_syn(const std::string& src, const std::string& dst) {
  TcpHdr h;
  h.sport = 40000;
  h.dport = 23;
  h.seq = 0x01020304;
  h.flags = flags::syn;
  return ip_packet(Addr::parse(src), Addr::parse(dst), 6, tcp_segment(h, "hi"), {0x0fb1});
}

}  // namespace

TEST(SenseDecoder, EveryLinkTypeYieldsTheSameTcpFields) {
  for (Link l : {Link::ethernet, Link::vlan, Link::qinq, Link::sll, Link::sll2, Link::raw}) {
    const auto d = decode_frame(l, telnet_syn("192.168.1.2", "203.0.113.9"));
    const sense::Packet& p = d.packet;
    EXPECT_EQ(p.src.str(), "192.168.1.2");
    EXPECT_EQ(p.dst.str(), "203.0.113.9");
    EXPECT_EQ(p.dport, 23);
    EXPECT_EQ(p.seq, 0x01020304U);
    EXPECT_EQ(p.ip_id, 0x0fb1);
    EXPECT_EQ(p.tcp_flags, flags::syn);
    EXPECT_EQ(std::string(p.payload.begin(), p.payload.end()), "hi");
  }
}

TEST(SenseDecoder, Ipv6AndGre) {
  const auto d6 = decode_frame(Link::sll2, telnet_syn("fd00::1", "2001:db8::2"));
  const sense::Packet& p6 = d6.packet;
  EXPECT_EQ(p6.ip_version, 6);
  EXPECT_EQ(p6.dst.str(), "2001:db8::2");
  EXPECT_EQ(p6.dport, 23);
  Buf inner = ip_packet(Addr::parse("10.0.0.1"), Addr::parse("10.0.0.2"), 17,
                        udp_datagram(1, 2, "x"), {0x1234});
  Buf gre;
  put16(gre, 0x2000);  // key present
  put16(gre, 0x0800);
  put32(gre, 77);
  put(gre, inner);
  const auto dg = decode_frame(
      Link::ethernet, ip_packet(Addr::parse("10.0.0.1"), Addr::parse("10.0.0.2"), 47, gre));
  const sense::Packet& g = dg.packet;
  EXPECT_TRUE(g.gre_inner_ipv4);
  EXPECT_EQ(g.gre_inner_ip_id, 0x1234);
}

TEST(SenseDecoder, TruncationsAreCountedNotTrusted) {
  Buf ip = telnet_syn("192.168.1.2", "192.168.1.3");
  for (std::size_t cut = 0; cut < ip.size(); ++cut) {
    sense::Packet p;
    const Decoded r = sense::decode(sense::dlt::raw, {ip.data(), cut}, p);
    // Cut inside the IP or TCP header: rejected; inside the payload: accepted, shorter.
    if (cut < 20)
      EXPECT_EQ(r, Decoded::bad_ip) << cut;
    else if (cut < 40)
      EXPECT_EQ(r, Decoded::bad_l4) << cut;
    else
      EXPECT_EQ(r, Decoded::ok) << cut;
  }
  sense::Packet p;
  EXPECT_EQ(sense::decode(999, {ip.data(), ip.size()}, p), Decoded::unsupported_link);
}

TEST(SenseAddress, InternalRangesAndCidr) {
  for (const char* a : {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.1", "100.64.0.1",
                        "fd12::1", "fe80::1"})
    EXPECT_TRUE(sense::is_private(*sense::parse_ip(a))) << a;
  for (const char* a : {"8.8.8.8", "172.32.0.1", "192.169.0.1", "2001:db8::1", "100.128.0.1"})
    EXPECT_FALSE(sense::is_private(*sense::parse_ip(a))) << a;
  const auto c = sense::parse_cidr("203.0.113.0/25");
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->contains(*sense::parse_ip("203.0.113.127")));
  EXPECT_FALSE(c->contains(*sense::parse_ip("203.0.113.128")));
  EXPECT_FALSE(sense::parse_cidr("10.0.0.0/33"));
  EXPECT_FALSE(sense::parse_cidr("nonsense"));
}

TEST(SenseLruTable, EvictsLeastRecentlyUsedAndKeepsLookupsRight) {
  sense::LruTable<int, int, std::hash<int>> t(100);
  for (int i = 0; i < 100; ++i) t.get(i) = i * 10;
  ASSERT_NE(t.find(0), nullptr);  // 0 becomes most recent; 1 is now the oldest
  for (int i = 100; i < 150; ++i) t.get(i) = i * 10;
  EXPECT_EQ(t.size(), 100U);
  EXPECT_EQ(t.evictions(), 50U);
  EXPECT_NE(t.find(0), nullptr);
  for (int i = 1; i <= 50; ++i) EXPECT_EQ(t.find(i), nullptr) << i;
  for (int i = 51; i < 150; ++i) {
    ASSERT_NE(t.find(i), nullptr) << i;
    EXPECT_EQ(*t.find(i), i * 10);
  }
  // Heavy churn keeps every probe chain intact.
  for (int i = 0; i < 100000; ++i) t.get(i % 977) = i;
  EXPECT_EQ(t.size(), 100U);
  std::size_t n = 0;
  t.for_each([&](int k, int v) {
    EXPECT_EQ(v % 977, k);
    ++n;
  });
  EXPECT_EQ(n, 100U);
}

TEST(SenseCredentials, LoadsTheShippedDictionaries) {
  auto c = sense::Credentials::load(fs::path(IOTGUARD_SOURCE_DIR) / "signatures/credentials");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_NE(c->match("root", "xc3511"), nullptr);
  EXPECT_NE(c->match("root", ""), nullptr);
  EXPECT_EQ(c->match("alice", "Correct-Horse-9"), nullptr);
}

namespace {

struct SenseRun {
  int exit_code = -1;
  std::vector<nlohmann::json> records;
};

// Runs the real binary in dir on one capture; volatile fields are dropped.
SenseRun run_sense(const fs::path& dir, const std::string& file) {
  const std::string cmd = "cd '" + dir.string() +
                          "' && '" IOTGUARD_BINARY "' sense --format json --pcap '" + file + "'";
  SenseRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int st = pclose(p);
  r.exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    if (j.value("type", "") == "summary") j.erase("seconds");
    r.records.push_back(std::move(j));
  }
  return r;
}

std::vector<nlohmann::json> read_baseline(const fs::path& p) {
  std::vector<nlohmann::json> v;
  std::ifstream in(p);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) v.push_back(nlohmann::json::parse(line));
  return v;
}

// The rules each attack capture must raise, whatever the baseline says.
const std::map<std::string, std::set<std::string>> kExpected = {
    {"mirai_scan", {"Sense.Scan.MiraiSyn"}},
    {"telnet_bruteforce", {"Sense.Telnet.BruteForce", "Sense.Telnet.DefaultCredentials"}},
    {"post_login",
     {"Sense.Telnet.MiraiCommands", "Sense.Telnet.GafgytCommands", "Sense.Telnet.BotDownload",
      "Sense.Telnet.ProbeAnswered"}},
    {"c2_mirai", {"Sense.C2.MiraiRegistration"}},
    {"c2_irc", {"Sense.C2.Gafgyt", "Sense.C2.Tsunami"}},
    {"dht_device", {"Sense.P2P.DhtDevice"}},
    {"floods",
     {"Sense.Flood.Udp", "Sense.Flood.Vse", "Sense.Flood.Ack", "Sense.Flood.Syn",
      "Sense.Flood.Gre"}},
    {"espeon", {"Sense.Backdoor.EspeonTrigger"}},
};

class SenseScenario : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(SenseScenario, AlertsMatchBaseline) {
  const std::string name = GetParam();
  const fs::path dir = fs::path(SENSE_WORK_DIR);
  fs::create_directories(dir);
  const std::string file =
      name + (name == "post_login" || name == "dht_device" ? ".pcapng" : ".pcap");
  ASSERT_TRUE(write_scenario(name, (dir / file).string()));
  const SenseRun r = run_sense(dir, file);
  ASSERT_FALSE(r.records.empty());
  EXPECT_EQ(r.records.back().value("type", ""), "summary");

  std::set<std::string> rules;
  for (const auto& j : r.records)
    if (j.value("type", "") == "finding") rules.insert(j.at("rule").get<std::string>());
  if (name.starts_with("benign_") || name == "malformed") {
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_TRUE(rules.empty()) << r.records.front().dump();
  } else {
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(rules, kExpected.at(name));
  }

  const fs::path baseline =
      fs::path(IOTGUARD_SOURCE_DIR) / "tests/sense/baselines" / (name + ".jsonl");
  if (const char* u = std::getenv("IOTGUARD_UPDATE_BASELINES"); u && std::string(u) == "1") {
    std::ofstream out(baseline);
    for (const auto& j : r.records) out << j.dump() << "\n";
    GTEST_SKIP() << "baseline rewritten: " << baseline;
  }
  const auto want = read_baseline(baseline);
  ASSERT_EQ(r.records.size(), want.size()) << "record count differs from " << baseline;
  for (std::size_t i = 0; i < want.size(); ++i)
    EXPECT_EQ(r.records[i], want[i])
        << "record " << i << " differs from " << baseline << "\n got: " << r.records[i].dump()
        << "\nwant: " << want[i].dump();
}

INSTANTIATE_TEST_SUITE_P(Captures, SenseScenario, ::testing::ValuesIn(scenario_names()),
                         [](const auto& info) { return info.param; });
