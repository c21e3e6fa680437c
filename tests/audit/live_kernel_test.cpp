// SPDX-License-Identifier: GPL-2.0-or-later
// Live checks against the real kernel: ROOTKIT-011 and EXPO-003 read the
// rules iptables-legacy and iptables-nft put into a user + network namespace
// made here (unshare -Urn, no root needed), and ROOTKIT-006 judges real
// processes started from a memfd and from a deleted file.
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "shell.h"

#include "audit/run.h"

namespace {

namespace fs = std::filesystem;

using iotguard::testing::sh;

using iotguard::testing::json_lines;

class LiveFirewall : public ::testing::Test {
 protected:
  void SetUp() override {
    if (sh("unshare -Urn true 2>/dev/null") != 0)
      GTEST_SKIP() << "user + network namespaces are not available here";
    if (sh("command -v iptables-legacy >/dev/null && command -v ip6tables-legacy >/dev/null && "
           "command -v iptables-nft >/dev/null") != 0)
      GTEST_SKIP() << "iptables (legacy and nft) missing: scripts/install-deps.sh --test";
    if (sh("unshare -Urn sh -c 'iptables-legacy -L && iptables-nft -L' >/dev/null 2>&1") != 0)
      GTEST_SKIP() << "this kernel has no x_tables or nf_tables for a namespace";
    out_ = fs::path(::testing::TempDir()) / ("fw-" + std::to_string(::getpid()) + ".jsonl");
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove(out_, ec);
  }
  // Runs the audit inside a fresh user + network namespace after `setup`.
  std::vector<nlohmann::json> audit_in_namespace(const std::string& setup,
                                                 const std::string& unshare = "-Urn") {
    const std::string script = setup + std::string(IOTGUARD_BINARY) +
                               " audit --format json --only ROOTKIT-011,EXPO-003 >" +
                               out_.string() + " || test $? -le 1";
    const int rc = sh("unshare " + unshare + " sh -c '" + script + "'");
    EXPECT_EQ(rc, 0) << script;
    return json_lines(out_.string());
  }
  fs::path out_;
};

using Block = std::tuple<std::string, int, std::string>;  // source, port, verdict

std::set<Block> blocks(const std::vector<nlohmann::json>& records) {
  std::set<Block> got;
  for (const auto& r : records)
    if (r["type"] == "finding" && r["rule"] == "ROOTKIT-011" && r["severity"] != "info")
      got.emplace(r["evidence"]["source"], r["evidence"]["port"], r["evidence"]["verdict"]);
  return got;
}

TEST_F(LiveFirewall, Rootkit011ReadsTheKernelRulesOfEveryBackend) {
  const auto records = audit_in_namespace(
      "set -e; "
      "iptables-legacy -A INPUT -p tcp --dport 23 -j DROP; "
      "iptables-legacy -A INPUT -p tcp --dport 7547 -j REJECT; "
      "iptables-legacy -N bots; iptables-legacy -A INPUT -j bots; "
      "iptables-legacy -A bots -p tcp --dport 5000:5400 -j DROP; "  // covers 5358
      "iptables-legacy -A INPUT -p tcp --dport 80 -j DROP; "        // not a bot port
      "iptables-legacy -A INPUT -p tcp --dport 5555 -j ACCEPT; "    // not a block
      "iptables-legacy -A INPUT -p udp --dport 23 -j DROP; "        // not TCP
      "iptables-legacy -A INPUT -p tcp ! --dport 23 -j DROP; "      // inverted
      "ip6tables-legacy -A INPUT -p tcp --dport 5555 -j DROP; "
      "iptables-nft -A INPUT -p tcp --dport 23 -j DROP; "
      "iptables-nft -A INPUT -p tcp --dport 7540:7550 -j REJECT; "
      "iptables-nft -A INPUT -p tcp --dport 8080 -j DROP; ");
  EXPECT_EQ(blocks(records), (std::set<Block>{{"iptables-legacy", 23, "DROP"},
                                              {"iptables-legacy", 7547, "REJECT"},
                                              {"iptables-legacy", 5358, "DROP"},
                                              {"ip6tables-legacy", 5555, "DROP"},
                                              {"nftables", 23, "DROP"},
                                              {"nftables", 7547, "REJECT"}}));
  for (const auto& r : records) {
    if (r["type"] != "finding") continue;
    EXPECT_NE(r["rule"], "EXPO-003") << "rules exist: " << r.dump();
    EXPECT_NE(r["evidence"].value("status", ""), "not_assessed") << r.dump();
    if (r["rule"] == "ROOTKIT-011" && r["evidence"].value("port", 0) == 5358) {
      EXPECT_EQ(r["evidence"]["chain"], "bots");
      EXPECT_EQ(r["evidence"]["dport"], "5000:5400");
    }
    if (r["rule"] == "ROOTKIT-011" && r["evidence"].value("source", "") == "iptables-legacy" &&
        r["evidence"].value("port", 0) == 23) {
      EXPECT_EQ(r["evidence"]["table"], "filter");
      EXPECT_EQ(r["evidence"]["chain"], "INPUT");
    }
  }
}

TEST_F(LiveFirewall, EmptyNamespaceHasNoBlockAndNoFirewall) {
  const auto records = audit_in_namespace("");
  EXPECT_TRUE(blocks(records).empty());
  std::size_t expo = 0;
  for (const auto& r : records) {
    if (r["type"] != "finding") continue;
    EXPECT_NE(r["evidence"].value("status", ""), "not_assessed") << r.dump();
    if (r["rule"] == "EXPO-003") ++expo;
  }
  EXPECT_EQ(expo, 1u);
}

TEST_F(LiveFirewall, ADropPolicyAloneIsAFirewall) {
  const auto records = audit_in_namespace("iptables-legacy -P INPUT DROP; ");
  for (const auto& r : records) EXPECT_NE(r.value("rule", ""), "EXPO-003") << r.dump();
}

TEST_F(LiveFirewall, RulesTheKernelWillNotShowAreNotAssessedNotClean) {
  // A user namespace without its own network namespace: no CAP_NET_ADMIN over
  // the host's network, so nftables (at least) refuses the dump.
  const auto records = audit_in_namespace("", "-Ur");
  std::set<std::string> unread;
  for (const auto& r : records)
    if (r["type"] == "finding" && r["rule"] == "ROOTKIT-011" &&
        r["evidence"].value("status", "") == "not_assessed") {
      EXPECT_EQ(r["severity"], "info");
      unread.insert(r["evidence"]["source"]);
    }
  EXPECT_TRUE(unread.contains("nftables"));
  for (const auto& r : records) EXPECT_NE(r.value("rule", ""), "EXPO-003") << r.dump();
}

// ---- ROOTKIT-006 on real processes ----------------------------------------

// How a child runs /bin/sleep.
enum class From {
  memfd,         // an unsealed memfd, as fileless droppers do
  sealed_memfd,  // a memfd sealed against writes and resizing, as runc does
  deleted_tmp,   // a copy in /tmp, deleted once it runs, as Mirai does
};

class Child {
 public:
  Child(From from, const std::string& name) {
    const int src = ::open("/bin/sleep", O_RDONLY | O_CLOEXEC);
    if (src < 0) return;
    struct stat st {};
    ::fstat(src, &st);
    int fd = -1;
    std::string copy;
    if (from == From::deleted_tmp) {
      copy = "/tmp/" + name + "-" + std::to_string(::getpid());
      fd = ::open(copy.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
    } else {
      fd = ::memfd_create(name.c_str(), from == From::sealed_memfd ? MFD_ALLOW_SEALING : 0);
    }
    if (fd >= 0 && ::sendfile(fd, src, nullptr, static_cast<std::size_t>(st.st_size)) ==
                       static_cast<ssize_t>(st.st_size)) {
      if (!copy.empty()) {
        ::close(fd);  // an executable open for writing cannot be run (ETXTBSY)
        fd = ::open(copy.c_str(), O_RDONLY | O_CLOEXEC);
      }
      // runc's cloned_binary.c seals its copy the same way.
      if (from == From::sealed_memfd &&
          ::fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE) != 0)
        ADD_FAILURE() << "cannot seal the memfd";
      pid_ = ::fork();
      if (pid_ == 0) {
        char arg0[] = "sleep", arg1[] = "60";
        char* argv[] = {arg0, arg1, nullptr};
        char* envp[] = {nullptr};
        ::fexecve(fd, argv, envp);
        ::_exit(127);
      }
    }
    if (fd >= 0) ::close(fd);
    ::close(src);
    // Wait until the child runs the new image (its exe link changes).
    const std::string want = copy.empty() ? "/memfd:" + name : copy;
    for (int i = 0; pid_ > 0 && i < 500; ++i) {
      std::error_code ec;
      if (fs::read_symlink("/proc/" + std::to_string(pid_) + "/exe", ec).string().starts_with(want))
        break;
      ::usleep(10000);
    }
    if (!copy.empty()) ::unlink(copy.c_str());
  }
  // A child of this test that maps a memfd (read-write and read-execute, as a
  // JIT's dual mapping does) and waits; its executable stays on disk.
  static Child mapping_a_memfd() {
    Child c;
    int ready[2];
    if (::pipe(ready) != 0) return c;
    c.pid_ = ::fork();
    if (c.pid_ == 0) {
      const int fd = ::memfd_create("jit-code", 0);
      const bool ok =
          fd >= 0 && ::ftruncate(fd, 4096) == 0 &&
          ::mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) != MAP_FAILED &&
          ::mmap(nullptr, 4096, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0) != MAP_FAILED;
      const char r = ok ? '1' : '0';
      if (::write(ready[1], &r, 1) != 1) ::_exit(1);
      ::pause();
      ::_exit(0);
    }
    ::close(ready[1]);
    char r = '0';
    if (c.pid_ < 0 || ::read(ready[0], &r, 1) != 1 || r != '1') ADD_FAILURE() << "memfd mapping";
    ::close(ready[0]);
    return c;
  }
  ~Child() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  Child(Child&& o) noexcept : pid_(std::exchange(o.pid_, -1)) {}
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  [[nodiscard]] pid_t pid() const { return pid_; }

 private:
  Child() = default;
  pid_t pid_ = -1;
};

std::map<int, const iotguard::Finding*> findings_by_pid(const iotguard::audit::AuditReport& rep) {
  std::map<int, const iotguard::Finding*> by_pid;
  for (const auto& f : rep.findings) by_pid[f.evidence.value("pid", 0)] = &f;
  return by_pid;
}

TEST(LiveProcesses, Rootkit006JudgesMemfdAndDeletedExecutables) {
  Child runc(From::sealed_memfd, "runc_cloned:/proc/self/exe");
  Child sealed(From::sealed_memfd, "sealed-0123abcd");
  Child fileless(From::memfd, "kworker");
  Child deleted(From::deleted_tmp, "dvrHelper");
  ASSERT_GT(runc.pid(), 0);
  ASSERT_GT(sealed.pid(), 0);
  ASSERT_GT(fileless.pid(), 0);
  ASSERT_GT(deleted.pid(), 0);

  auto root = iotguard::audit::Root::open("/", iotguard::audit::RootKind::live);
  ASSERT_TRUE(root.ok());
  iotguard::audit::AuditOptions opt;
  opt.only = {"ROOTKIT-006"};
  const auto rep = iotguard::audit::run(*root, opt);
  auto by_pid = findings_by_pid(rep);

  // A sealed image cannot be changed under the program: a runtime's own
  // defence, whatever its name. Listed, at info.
  for (const Child* c : {&runc, &sealed}) {
    ASSERT_TRUE(by_pid.contains(c->pid()));
    EXPECT_EQ(by_pid[c->pid()]->severity, iotguard::Severity::info);
    EXPECT_EQ(by_pid[c->pid()]->evidence["memfd_seals"],
              F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE);
  }
  ASSERT_TRUE(by_pid.contains(fileless.pid()));
  EXPECT_EQ(by_pid[fileless.pid()]->severity, iotguard::Severity::medium);
  EXPECT_EQ(by_pid[fileless.pid()]->evidence["memfd_name"], "kworker");
  ASSERT_TRUE(by_pid.contains(deleted.pid()));
  EXPECT_EQ(by_pid[deleted.pid()]->severity, iotguard::Severity::high);
  EXPECT_TRUE(
      by_pid[deleted.pid()]->evidence["exe"].get<std::string>().starts_with("/tmp/dvrHelper-"));
  EXPECT_EQ(by_pid[deleted.pid()]->evidence["staging_directory"], true);
  EXPECT_FALSE(by_pid[deleted.pid()]->evidence.contains("memfd_name"));
}

// Mapping a memfd is what JITs, Wayland clients and systemd do: no finding.
TEST(LiveProcesses, MemfdMappingsAreNotAFinding) {
  Child jit = Child::mapping_a_memfd();
  ASSERT_GT(jit.pid(), 0);
  bool mapped = false;
  std::ifstream maps("/proc/" + std::to_string(jit.pid()) + "/maps");
  for (std::string l; std::getline(maps, l);)
    mapped = mapped ||
             (l.find("/memfd:jit-code") != std::string::npos && l.find("r-x") != std::string::npos);
  ASSERT_TRUE(mapped) << "the child maps its memfd executable";

  auto root = iotguard::audit::Root::open("/", iotguard::audit::RootKind::live);
  ASSERT_TRUE(root.ok());
  iotguard::audit::AuditOptions opt;
  opt.only = {"ROOTKIT-005", "ROOTKIT-006"};
  const auto rep = iotguard::audit::run(*root, opt);
  for (const auto& f : rep.findings)
    if (f.evidence.value("pid", 0) == jit.pid())
      EXPECT_EQ(f.evidence.dump().find("memfd"), std::string::npos) << f.rule << " " << f.title;
}

}  // namespace
