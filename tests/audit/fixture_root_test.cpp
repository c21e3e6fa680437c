// SPDX-License-Identifier: GPL-2.0-or-later
// End to end through the real CLI: the BusyBox fixture roots made by
// make_root.sh from Debian's busybox-static (armel), and the live namespace
// test with real processes (live_namespace.sh).
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "shell.h"

namespace {

const std::string kScripts = std::string(IOTGUARD_SOURCE_DIR) + "/tests/audit";
const std::string kOut = std::string(AUDIT_FIXTURE_DIR);

using iotguard::testing::sh;

// Builds the fixture roots once: CTest runs each test in its own process, in
// parallel, so the first caller builds under a lock and the others reuse.
bool fixtures() {
  static const int rc = sh("mkdir -p " + kOut + " && flock " + kOut + ".lock " + kScripts +
                           "/make_root.sh " + kOut + " >/dev/null");
  return rc == 0;
}

using iotguard::testing::json_lines;

std::pair<int, std::vector<nlohmann::json>> audit(const std::string& args) {
  // One output per process: the tests run in parallel.
  const std::string out = kOut + "/audit-" + std::to_string(::getpid()) + ".jsonl";
  const int rc = sh(std::string(IOTGUARD_BINARY) + " audit --format json " + args + " >" + out);
  return {rc, json_lines(out)};
}

using Key = std::tuple<std::string, std::string, std::string>;  // rule, file, detail

}  // namespace

TEST(FixtureRoot, PlantedRootGivesExactlyThePlantedFindings) {
  if (!fixtures()) GTEST_SKIP() << "make_root.sh could not fetch busybox-static";
  auto [rc, records] = audit("--root " + kOut + "/planted");
  EXPECT_EQ(rc, 1);
  std::set<Key> got;
  for (const auto& r : records) {
    if (r["type"] != "finding" || r["severity"] == "info") continue;
    const auto& e = r["evidence"];
    std::string detail = e.contains("account")
                             ? e["account"].get<std::string>() + ":" + e.value("password", "")
                         : e.contains("library") ? e["library"].get<std::string>()
                         : e.contains("text")    ? e["text"].get<std::string>()
                                                 : "";
    got.emplace(r["rule"], e.value("file", ""), detail);
  }
  EXPECT_EQ(got, (std::set<Key>{
                     {"AUTH-003", "/etc/shadow", "root:xc3511"},
                     {"REMOTE-001", "/etc/inittab", "::respawn:/usr/sbin/telnetd -F -l /bin/sh"},
                     {"ROOTKIT-001", "/etc/ld.so.preload", "/lib/libhide.so"},
                     {"ROOTKIT-014", "/etc/crontabs/root", "*/5 * * * * /tmp/x"},
                 }));
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records.back()["type"], "summary");
  EXPECT_EQ(records.back()["not_applicable"], 10);
}

// firmware = extract + scan + audit --root: the planted root packed as real
// images (SquashFS and cpio+gzip), each behind a raw header as vendors ship
// them, gives exactly the planted findings and nothing else above low.
TEST(FixtureRoot, PlantedImagesGiveExactlyThePlantedFindings) {
  if (!fixtures()) GTEST_SKIP() << "make_root.sh could not fetch busybox-static";
  const std::string planted = kOut + "/planted";
  const std::string img_dir = kOut + "/images";
  ASSERT_EQ(sh("rm -rf " + img_dir + " && mkdir -p " + img_dir), 0);
  std::vector<std::string> images;
  if (sh("command -v mksquashfs >/dev/null") == 0) {
    ASSERT_EQ(sh("mksquashfs " + planted + " " + img_dir +
                 "/fs.sqfs -comp xz -quiet -noappend"
                 " >/dev/null && { head -c 256 /dev/zero | tr '\\0' 'H'; cat " +
                 img_dir + "/fs.sqfs; } > " + img_dir + "/squashfs.bin"),
              0);
    images.push_back(img_dir + "/squashfs.bin");
  }
  if (sh("command -v cpio >/dev/null") == 0) {
    ASSERT_EQ(sh("cd " + planted + " && find . | cpio -o -H newc 2>/dev/null | gzip > " + img_dir +
                 "/fs.cpio.gz && { head -c 512 /dev/zero; cat " + img_dir + "/fs.cpio.gz; } > " +
                 img_dir + "/cpio.bin"),
              0);
    images.push_back(img_dir + "/cpio.bin");
  }
  if (images.empty()) GTEST_SKIP() << "neither mksquashfs nor cpio";
  for (const auto& img : images) {
    const std::string out = kOut + "/firmware.jsonl";
    const int rc = sh(std::string(IOTGUARD_BINARY) + " firmware --format json " + img + " >" + out);
    EXPECT_EQ(rc, 1) << img;
    std::set<std::pair<std::string, std::string>> got;
    for (const auto& r : json_lines(out)) {
      if (r["type"] != "finding" || r["severity"] == "info") continue;
      if (r["rule"].get<std::string>().rfind("Firmware.Extract.", 0) == 0) continue;
      EXPECT_NE(r["severity"], "low") << "only planted weaknesses expected: " << r.dump();
      got.emplace(r["rule"], r["evidence"].value("file", ""));
    }
    EXPECT_EQ(got, (std::set<std::pair<std::string, std::string>>{
                       {"AUTH-003", "/etc/shadow"},
                       {"REMOTE-001", "/etc/inittab"},
                       {"ROOTKIT-001", "/etc/ld.so.preload"},
                       {"ROOTKIT-014", "/etc/crontabs/root"},
                   }))
        << img;
  }
}

TEST(FixtureRoot, CleanRootHasNothingAboveInfo) {
  if (!fixtures()) GTEST_SKIP() << "make_root.sh could not fetch busybox-static";
  auto [rc, records] = audit("--root " + kOut + "/clean");
  EXPECT_EQ(rc, 0);
  std::size_t findings = 0;
  for (const auto& r : records) {
    if (r["type"] != "finding") continue;
    ++findings;
    EXPECT_EQ(r["severity"], "info") << r.dump();
    EXPECT_EQ(r["evidence"]["status"], "not_applicable") << r.dump();
  }
  EXPECT_EQ(findings, 10u);
}

TEST(FixtureRoot, ListPrintsTheRegistry) {
  auto [rc, records] = audit("--list");
  EXPECT_EQ(rc, 0);
  ASSERT_EQ(records.size(), 31u);
  EXPECT_EQ(records.front()["id"], "AUTH-001");
  EXPECT_TRUE(records.front().contains("remediation"));
}

TEST(LiveNamespace, DeletedExeLockPortAndTelnetdAreFound) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root for network namespaces";
  if (!fixtures() || !std::filesystem::exists(kOut + "/host/busybox"))
    GTEST_SKIP() << "no host busybox";
  const std::string out = kOut + "/live.jsonl";
  const int rc =
      sh(kScripts + "/live_namespace.sh " + IOTGUARD_BINARY + " " + kOut + "/host/busybox " + out);
  if (rc == 77) GTEST_SKIP() << "cannot create a network namespace here";
  ASSERT_EQ(rc, 0);
  std::map<std::string, int> pid;
  {
    std::ifstream in(out + ".pids");
    for (std::string l; std::getline(in, l);)
      pid[l.substr(0, l.find('='))] = std::stoi(l.substr(l.find('=') + 1));
  }
  bool deleted = false, lock = false, telnet = false, firewall = false;
  for (const auto& r : json_lines(out)) {
    if (r["type"] != "finding") continue;
    const auto& e = r["evidence"];
    if (r["rule"] == "ROOTKIT-006" && e["pid"] == pid["deleted_pid"]) {
      deleted = true;
      EXPECT_TRUE(e["exe"].get<std::string>().ends_with("/dvrHelper"));
    }
    if (r["rule"] == "ROOTKIT-008" && e["pid"] == pid["lock_pid"]) lock = true;
    if (r["rule"] == "EXPO-002" && e["pid"] == pid["telnet_pid"]) {
      telnet = true;
      EXPECT_EQ(e["address"], "10.203.0.1");
      EXPECT_EQ(e["port"], 2323);
      EXPECT_EQ(e["service"], "telnet");
    }
    if (r["rule"] == "EXPO-003") firewall = true;  // a fresh namespace has no rules
  }
  EXPECT_TRUE(deleted);
  EXPECT_TRUE(lock);
  EXPECT_TRUE(telnet);
  EXPECT_TRUE(firewall);
}
