// SPDX-License-Identifier: GPL-2.0-or-later
// The live-only checks on a tiny root that carries a hand-made /proc and /sys
// (RootKind::live): the parsing and the decisions, without real processes.
// live_namespace_test.cpp runs the same checks against real ones.
#include <arpa/inet.h>
#include <unistd.h>

#include <cstring>
#include <map>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "tiny_root.h"

using namespace iotguard::audit;
using iotguard::audit::test::keys;
using iotguard::audit::test::TinyRoot;
using Keys = std::set<std::pair<std::string, std::string>>;

namespace {

// An IPv4 address as /proc/net/tcp prints it on this host.
std::string proc_hex(const char* ip) {
  in_addr a{};
  inet_pton(AF_INET, ip, &a);
  std::uint32_t w = 0;
  std::memcpy(&w, &a, 4);
  return fmt::format("{:08X}", w);
}

std::string net_line(int sl, const char* ip, unsigned port, unsigned state, unsigned inode) {
  return fmt::format(
      "{:4}: {}:{:04X} 00000000:0000 {:02X} 00000000:00000000 00:00000000 00000000"
      "     0        0 {} 1 0000000000000000 100 0 0 10 0\n",
      sl, proc_hex(ip), port, state, inode);
}

const char* kHeader =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout "
    "inode\n";

void process(TinyRoot& t, int pid, const std::string& comm, const std::string& exe,
             std::vector<unsigned> sockets = {}) {
  const std::string d = "/proc/" + std::to_string(pid);
  t.file(d + "/comm", comm + "\n");
  if (!exe.empty()) t.link(d + "/exe", exe);  // kernel threads have no exe
  t.dir(d + "/fd");
  int fd = 3;
  for (auto s : sockets) t.link(d + "/fd/" + std::to_string(fd++), fmt::format("socket:[{}]", s));
}

TinyRoot& fake_live(TinyRoot& t) {
  process(t, 100, "telnetd", "/usr/sbin/telnetd", {1001});
  process(t, 200, "abcdefgh0123456", "/tmp/.x (deleted)", {1002, 1003});
  process(t, 300, "dnsmasq", "/usr/sbin/dnsmasq", {1004});
  process(t, 400, "kworker/0:1", "");
  process(t, 500, "sshd", "/usr/sbin/sshd", {1005});
  t.file("/proc/net/tcp", std::string(kHeader) + net_line(0, "0.0.0.0", 23, 0x0A, 1001) +
                              net_line(1, "127.0.0.1", 48101, 0x0A, 1002) +
                              net_line(2, "127.0.0.1", 22, 0x0A, 1005) +
                              net_line(3, "192.168.1.5", 40000, 0x01, 9999));
  t.file("/proc/net/udp", std::string(kHeader) + net_line(0, "0.0.0.0", 53, 0x07, 1004) +
                              net_line(1, "0.0.0.0", 1900, 0x07, 7777));
  t.file("/proc/net/raw", std::string(kHeader) + net_line(0, "0.0.0.0", 6, 0x07, 1003));
  t.file("/proc/200/environ", std::string("HOME=/\0LD_PRELOAD=/tmp/.x/hide.so\0", 34));
  t.file("/proc/300/environ", std::string("HOME=/\0PATH=/bin\0", 17));
  t.file("/proc/200/maps",
         "00400000-00452000 r-xp 00000000 08:02 173521 /tmp/.x (deleted)\n"
         "7f00-7f01 r-xp 00000000 08:02 1 /tmp/.x/hide.so\n"
         "7f01-7f02 r--p 00000000 08:02 1 /dev/shm/data.so\n");
  t.file("/proc/300/maps", "7f00-7f01 r-xp 00000000 08:02 1 /usr/lib/libc.so.6\n");
  t.file("/sys/class/watchdog/watchdog0/state", "inactive\n");
  return t;
}

}  // namespace

TEST(LiveChecks, Expo001ListsEveryListenerWithItsProcess) {
  TinyRoot t;
  fake_live(t);
  EXPECT_EQ(keys(t.audit({"EXPO-001"}, RootKind::live), "process"),
            (Keys{{"EXPO-001", "telnetd"},
                  {"EXPO-001", "abcdefgh0123456"},
                  {"EXPO-001", "dnsmasq"},
                  {"EXPO-001", "sshd"},
                  {"EXPO-001", ""}}));
  EXPECT_EQ(t.audit({"EXPO-001"}, RootKind::live).findings.size(), 5u);
}

TEST(LiveChecks, Expo002ManagementPortsBeyondLoopback) {
  TinyRoot t;
  fake_live(t);
  EXPECT_EQ(keys(t.audit({"EXPO-002"}, RootKind::live), "port"),
            (Keys{{"EXPO-002", "23"}, {"EXPO-002", "1900"}}));
}

TEST(LiveChecks, Rootkit004LdPreloadInEnvironment) {
  TinyRoot t;
  fake_live(t);
  EXPECT_EQ(keys(t.audit({"ROOTKIT-004"}, RootKind::live), "ld_preload"),
            (Keys{{"ROOTKIT-004", "/tmp/.x/hide.so"}}));
}

TEST(LiveChecks, Rootkit005ExecutableMappingsFromOddPlaces) {
  TinyRoot t;
  fake_live(t);
  EXPECT_EQ(keys(t.audit({"ROOTKIT-005"}, RootKind::live), "library"),
            (Keys{{"ROOTKIT-005", "/tmp/.x (deleted)"}, {"ROOTKIT-005", "/tmp/.x/hide.so"}}));
}

// IoTGuard copied to /tmp on a device (the only writable place) does not
// report its own executable; a library preloaded into it still counts.
TEST(LiveChecks, Rootkit005SkipsOnlyIoTGuardsOwnExecutable) {
  TinyRoot t;
  const int self = ::getpid();
  process(t, self, "iotguard", "/tmp/iotguard");
  t.file("/proc/" + std::to_string(self) + "/maps",
         "5600-5601 r-xp 00000000 08:02 7 /tmp/iotguard\n"
         "7f00-7f01 r-xp 00000000 08:02 8 /tmp/evil.so\n");
  process(t, self + 1, "sh", "/tmp/iotguard");  // the same path in another process counts
  t.file("/proc/" + std::to_string(self + 1) + "/maps",
         "5600-5601 r-xp 00000000 08:02 7 /tmp/iotguard\n");
  std::set<std::pair<std::string, std::string>> seen;  // (pid, library)
  for (const auto& f : t.audit({"ROOTKIT-005"}, RootKind::live).findings)
    seen.emplace(f.evidence["pid"].dump(), f.evidence["library"].get<std::string>());
  EXPECT_EQ(seen, (std::set<std::pair<std::string, std::string>>{
                      {std::to_string(self), "/tmp/evil.so"},
                      {std::to_string(self + 1), "/tmp/iotguard"}}));
}

TEST(LiveChecks, Rootkit006DeletedExecutable) {
  TinyRoot t;
  fake_live(t);
  EXPECT_EQ(keys(t.audit({"ROOTKIT-006"}, RootKind::live), "pid"), (Keys{{"ROOTKIT-006", "200"}}));
}

// A package upgrade renames a new file over a running program's: the path
// holds a file again, in a system directory, writable by nobody else. Low.
// A deleted program whose path is empty, or holds a file anyone may write, or
// lies outside the system directories, stays high.
TEST(LiveChecks, Rootkit006UpgradedProgramIsLow) {
  TinyRoot t;
  process(t, 600, "cron", "/usr/sbin/cron (deleted)");
  process(t, 601, "gone", "/usr/sbin/gone (deleted)");
  process(t, 602, "loose", "/usr/bin/loose (deleted)");
  process(t, 603, "x", "/srv/app/x (deleted)");
  process(t, 604, "y", "/var/run/y (deleted)");
  t.file("/usr/sbin/cron", "new", 0755)
      .file("/usr/bin/loose", "new", 0777)
      .file("/srv/app/x", "new", 0755)
      .file("/var/run/y", "new", 0755);
  std::map<std::string, std::pair<iotguard::Severity, bool>> got;  // pid -> (severity, replaced)
  for (const auto& f : t.audit({"ROOTKIT-006"}, RootKind::live).findings)
    got[f.evidence["pid"].dump()] = {f.severity, f.evidence.value("replaced", false)};
  EXPECT_EQ(got, (std::map<std::string, std::pair<iotguard::Severity, bool>>{
                     {"600", {iotguard::Severity::low, true}},
                     {"601", {iotguard::Severity::high, false}},
                     {"602", {iotguard::Severity::high, false}},
                     {"603", {iotguard::Severity::high, false}},
                     {"604", {iotguard::Severity::high, false}}}));
}

TEST(LiveChecks, Rootkit007MiraiProcessName) {
  TinyRoot t;
  fake_live(t);
  process(t, 600, "systemdjournald", "/usr/lib/systemdjournald");  // named after its binary
  process(t, 700, "abcdefghijklmnx", "/bin/x");                    // 'x' is outside [a-w0-8]
  EXPECT_EQ(keys(t.audit({"ROOTKIT-007"}, RootKind::live), "pid"), (Keys{{"ROOTKIT-007", "200"}}));
}

TEST(LiveChecks, Rootkit008MiraiLockPort) {
  TinyRoot t;
  fake_live(t);
  EXPECT_EQ(keys(t.audit({"ROOTKIT-008"}, RootKind::live), "process"),
            (Keys{{"ROOTKIT-008", "abcdefgh0123456"}}));
}

TEST(LiveChecks, Rootkit009RawSockets) {
  TinyRoot t;
  fake_live(t);
  EXPECT_EQ(keys(t.audit({"ROOTKIT-009"}, RootKind::live), "ip_protocol"),
            (Keys{{"ROOTKIT-009", "6"}}));
}

TEST(LiveChecks, Rootkit010WatchdogInactive) {
  TinyRoot t;
  fake_live(t);
  EXPECT_EQ(t.audit({"ROOTKIT-010"}, RootKind::live).findings.size(), 1u);
  TinyRoot active;
  active.file("/sys/class/watchdog/watchdog0/state", "active\n");
  EXPECT_TRUE(active.audit({"ROOTKIT-010"}, RootKind::live).findings.empty());
}

TEST(LiveChecks, Hard001LiveMounts) {
  TinyRoot t;
  t.file("/proc/self/mounts", "tmpfs /tmp tmpfs rw,nosuid,nodev,noexec 0 0\n");
  EXPECT_TRUE(t.audit({"HARD-001"}, RootKind::live).findings.empty());
  TinyRoot bad;
  bad.file("/proc/self/mounts", "/dev/sda1 / ext4 rw 0 0\ntmpfs /tmp tmpfs rw,nosuid 0 0\n");
  EXPECT_EQ(keys(bad.audit({"HARD-001"}, RootKind::live), "options"),
            (Keys{{"HARD-001", "rw,nosuid"}}));
}
