// SPDX-License-Identifier: GPL-2.0-or-later
// One test per file-based check: a tiny root with the weakness (and a look-
// alike that must not fire), and the exact findings.
#include <crypt.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "tiny_root.h"

using namespace iotguard;
using namespace iotguard::audit;
using iotguard::audit::test::keys;
using iotguard::audit::test::TinyRoot;
using Keys = std::set<std::pair<std::string, std::string>>;

namespace {
std::string hash(const char* pw, const char* setting) {
  crypt_data d{};
  const char* h = crypt_rn(pw, setting, &d, sizeof d);
  return h ? h : "";
}
const char* kPasswd =
    "root:x:0:0:root:/root:/bin/sh\nadmin:x:1000:1000::/home/admin:/bin/sh\n"
    "guest:x:1001:1001::/home/guest:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n";
}  // namespace

TEST(AuditChecks, Auth001EmptyPassword) {
  TinyRoot t;
  t.file("/etc/passwd", std::string(kPasswd) + "nopw::1002:1002::/:/bin/sh\n")
      .file("/etc/shadow", "root:!:1::::::\nadmin::1::::::\nguest:*:1::::::\nnobody:*:1::::::\n");
  EXPECT_EQ(keys(t.audit({"AUTH-001"}), "account"),
            (Keys{{"AUTH-001", "admin"}, {"AUTH-001", "nopw"}}));
}

TEST(AuditChecks, Auth002LegacyHash) {
  TinyRoot t;
  t.file("/etc/passwd", kPasswd)
      .file("/etc/shadow", "root:" + hash("Zq9!long-unique", "$1$saltsalt$") +
                               ":1::::::\nadmin:abJnggxhB/yWI:1::::::\nguest:" +
                               hash("Zq9!long-unique", "$6$saltsalt$") +
                               ":1::::::\nnobody:*:1::\n");
  EXPECT_EQ(keys(t.audit({"AUTH-002"}), "scheme"),
            (Keys{{"AUTH-002", "md5-crypt"}, {"AUTH-002", "des"}}));
}

TEST(AuditChecks, Auth003DefaultPasswordFromEachDictionary) {
  TinyRoot t;
  t.file("/etc/passwd", std::string(kPasswd) + "ubnt:x:1003:1003::/:/bin/sh\n")
      .file("/etc/shadow", "root:" + hash("vizxv", "$6$rounds=5000$abcdefgh$") +
                               ":1::::::\nadmin:" + hash("smcadmin", "$1$abcdefgh$") +
                               ":1::::::\nguest:" + hash("not-in-any-list-7Hq", "$6$abcdefgh$") +
                               ":1::::::\nubnt:" + hash("ubnt", "$5$abcdefgh$") + ":1::::::\n");
  const auto r = t.audit({"AUTH-003"});
  EXPECT_EQ(keys(r, "password"),
            (Keys{{"AUTH-003", "vizxv"}, {"AUTH-003", "smcadmin"}, {"AUTH-003", "ubnt"}}));
  EXPECT_EQ(
      keys(r, "dictionary"),
      (Keys{{"AUTH-003", "mirai#2"}, {"AUTH-003", "mirai#21"}, {"AUTH-003", "vendor:ubiquiti"}}));
  // Without the pattern file the check says so instead of passing silently.
  AuditOptions o;
  o.credentials_dir = "/nonexistent/credentials";
  EXPECT_FALSE(t.audit({"AUTH-003"}, RootKind::firmware, o).errors.empty());
}

TEST(AuditChecks, Auth004HardcodedCredentials) {
  TinyRoot t;
  t.file("/etc/init.d/S50setup",
         "#!/bin/sh\necho \"root:s3cr3tPW\" | chpasswd\nADMIN_PASSWORD=$1\n# password=commented\n")
      .file("/etc/config/system",
            "config system\n\toption hostname 'x'\n\toption password 'hunter22'\n")
      .file("/etc/app.conf",
            "db_pass = \"plain\"\nmqtt_password=Tr0ub4dor\nPasswordAuthentication=no\n");
  EXPECT_EQ(keys(t.audit({"AUTH-004"}), "file"), (Keys{{"AUTH-004", "/etc/init.d/S50setup"},
                                                       {"AUTH-004", "/etc/config/system"},
                                                       {"AUTH-004", "/etc/app.conf"}}));
  EXPECT_EQ(keys(t.audit({"AUTH-004"}), "key"),
            (Keys{{"AUTH-004", "root"}, {"AUTH-004", "password"}, {"AUTH-004", "mqtt_password"}}));
  EXPECT_EQ(keys(t.audit({"AUTH-004"}), "value_masked").count({"AUTH-004", "h*******"}), 1u);
}

TEST(AuditChecks, Auth005ExtraUid0) {
  TinyRoot t;
  t.file("/etc/passwd", std::string(kPasswd) + "toor:x:0:0::/root:/bin/sh\n");
  EXPECT_EQ(keys(t.audit({"AUTH-005"}), "account"), (Keys{{"AUTH-005", "toor"}}));
}

TEST(AuditChecks, Remote001TelnetdEverywhere) {
  TinyRoot t;
  t.file("/etc/inittab", "::sysinit:/etc/init.d/rcS\n#::respawn:/usr/sbin/telnetd -F\n")
      .file("/etc/inetd.conf", "telnet stream tcp nowait root /usr/sbin/telnetd telnetd\n")
      .file("/etc/xinetd.d/telnet", "service telnet\n{\n\tdisable = no\n}\n")
      .file("/etc/xinetd.d/telnet-off", "service telnet\n{\n\tdisable = yes\n}\n")
      .file("/etc/init.d/S99debug", "#!/bin/sh\nkillall telnetd\n/bin/busybox telnetd -l /bin/sh\n")
      .file("/etc/systemd/system/telnet.service",
            "[Service]\nExecStart=/usr/sbin/in.telnetd -debug\n");
  EXPECT_EQ(keys(t.audit({"REMOTE-001"}), "file"),
            (Keys{{"REMOTE-001", "/etc/inetd.conf"},
                  {"REMOTE-001", "/etc/xinetd.d/telnet"},
                  {"REMOTE-001", "/etc/init.d/S99debug"},
                  {"REMOTE-001", "/etc/systemd/system/telnet.service"}}));
  EXPECT_EQ(keys(t.audit({"REMOTE-001"}), "line").count({"REMOTE-001", "3"}), 1u);
}

TEST(AuditChecks, Remote002And003SshServers) {
  TinyRoot t;
  t.file("/etc/ssh/sshd_config",
         "# PermitRootLogin no\nPermitRootLogin yes\nPermitRootLogin no\n"
         "PermitEmptyPasswords yes\n")
      .file("/usr/sbin/dropbear", "")
      .file("/etc/init.d/dropbear", "#!/bin/sh\nkillall dropbear\n/usr/sbin/dropbear -p 22 -B\n");
  EXPECT_EQ(keys(t.audit({"REMOTE-002"}), "server"),
            (Keys{{"REMOTE-002", "sshd"}, {"REMOTE-002", "dropbear"}}));
  EXPECT_EQ(keys(t.audit({"REMOTE-003"}), "server"),
            (Keys{{"REMOTE-003", "sshd"}, {"REMOTE-003", "dropbear"}}));
  TinyRoot safe;
  safe.file("/etc/ssh/sshd_config", "PermitRootLogin prohibit-password\n")
      .file("/usr/sbin/dropbear", "")
      .file("/etc/init.d/dropbear", "#!/bin/sh\n/usr/sbin/dropbear -g -p 22\n");
  EXPECT_TRUE(safe.audit({"REMOTE"}).findings.empty());
  TinyRoot openwrt;
  openwrt.file("/usr/sbin/dropbear", "")
      .file("/etc/config/dropbear",
            "config dropbear\n\toption PasswordAuth 'on'\n\toption Port '22'\n");
  EXPECT_EQ(keys(openwrt.audit({"REMOTE"}), "setting"),
            (Keys{{"REMOTE-002", "RootPasswordAuth on"}}));
}

// sshd_config with Include (Debian 12's sshd_config.d/*.conf, relative to
// /etc/ssh, lexical order), first value wins across files, and Match blocks.
TEST(AuditChecks, Remote002And003SshdIncludeFirstWinsAndMatch) {
  TinyRoot deb;
  deb.file("/etc/ssh/sshd_config",
           "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\n"
           "PermitEmptyPasswords no\n")
      .file("/etc/ssh/sshd_config.d/20-vendor.conf", "PermitRootLogin=yes\n")
      .file("/etc/ssh/sshd_config.d/10-local.conf", "# nothing\nInclude extra/*.conf\n")
      .file("/etc/ssh/extra/a.conf", "PermitEmptyPasswords yes\n")
      .file("/etc/ssh/sshd_config.d/30-off.conf", "PermitRootLogin no\n")
      .file("/etc/ssh/sshd_config.d/README", "PermitRootLogin yes\n");
  // 10-local.conf (via extra/a.conf) then 20-vendor.conf decide; 30-off.conf,
  // README and the main file's later lines come too late or do not match.
  EXPECT_EQ(keys(deb.audit({"REMOTE"}), "file"),
            (Keys{{"REMOTE-002", "/etc/ssh/sshd_config.d/20-vendor.conf"},
                  {"REMOTE-003", "/etc/ssh/extra/a.conf"}}));

  TinyRoot first;
  first.file("/etc/ssh/sshd_config", "PermitRootLogin no\nInclude /etc/ssh/sshd_config.d/*.conf\n")
      .file("/etc/ssh/sshd_config.d/50-root.conf", "PermitRootLogin yes\n");
  EXPECT_TRUE(first.audit({"REMOTE"}).findings.empty());

  TinyRoot match;
  match
      .file("/etc/ssh/sshd_config",
            "PermitRootLogin prohibit-password\nPasswordAuthentication yes\n"
            "Match Address 10.0.0.0/8\n  PermitRootLogin yes\n"
            "Match User guest\n  PermitEmptyPasswords yes\n  PasswordAuthentication no\n"
            "Match Group ops\n  Include ops.conf\n")
      .file("/etc/ssh/ops.conf", "PermitEmptyPasswords yes\n");
  const auto r = match.audit({"REMOTE"});
  // Global answer unchanged (no unconditional finding); the Address block
  // enables root passwords, the ops block empty ones; guest has no passwords.
  EXPECT_EQ(keys(r, "match"),
            (Keys{{"REMOTE-002", "Address 10.0.0.0/8"}, {"REMOTE-003", "Group ops"}}));
  EXPECT_EQ(keys(r, "file"),
            (Keys{{"REMOTE-002", "/etc/ssh/sshd_config"}, {"REMOTE-003", "/etc/ssh/ops.conf"}}));

  TinyRoot global_no;
  global_no.file("/etc/ssh/sshd_config",
                 "PasswordAuthentication no\nMatch User admin\n  PermitRootLogin yes\n");
  EXPECT_TRUE(global_no.audit({"REMOTE"}).findings.empty());

  // An Include that climbs out of the root or loops stays inside and ends.
  TinyRoot hostile;
  hostile
      .file("/etc/ssh/sshd_config",
            "Include ../../../../etc/passwd_x\nInclude sshd_config.d/*\nInclude loop.conf\n")
      .file("/etc/ssh/loop.conf", "Include loop.conf\nPermitEmptyPasswords yes\n")
      .link("/etc/ssh/sshd_config.d", "/../../..");
  const auto h = hostile.audit({"REMOTE"});
  EXPECT_EQ(keys(h, "file"), (Keys{{"REMOTE-003", "/etc/ssh/loop.conf"}}));
  EXPECT_FALSE(h.errors.empty());  // the depth limit is reported
}

TEST(AuditChecks, Upd001UpdateMechanism) {
  TinyRoot none;
  none.file("/etc/opkg.conf", "# src/gz disabled\n");
  EXPECT_EQ(none.audit({"UPD-001"}).findings.size(), 1u);
  TinyRoot opkg;
  opkg.file("/etc/opkg/distfeeds.conf", "src/gz core https://example.invalid/core\n");
  EXPECT_TRUE(opkg.audit({"UPD-001"}).findings.empty());
  TinyRoot sysupgrade;
  sysupgrade.file("/sbin/sysupgrade", "#!/bin/sh\n");
  EXPECT_TRUE(sysupgrade.audit({"UPD-001"}).findings.empty());
}

TEST(AuditChecks, Upd002StaleSoftware) {
  const std::int64_t now = 1700000000;  // 2023-11-14
  AuditOptions o;
  o.now = now;
  TinyRoot old;
  old.file("/etc/os-release", "NAME=x\n").mtime("/etc/os-release", now - 1000LL * 86400);
  old.file("/usr/lib/opkg/status", "Package: busybox\nInstalled-Time: 1500000000\n")
      .mtime("/usr/lib/opkg/status", now - 900LL * 86400);
  EXPECT_EQ(keys(old.audit({"UPD-002"}, RootKind::firmware, o), "newest"),
            (Keys{{"UPD-002", "2021-05-28"}}));
  TinyRoot fresh;
  fresh.file("/etc/os-release", "NAME=x\n").mtime("/etc/os-release", now - 10LL * 86400);
  EXPECT_TRUE(fresh.audit({"UPD-002"}, RootKind::firmware, o).findings.empty());
}

TEST(AuditChecks, Upd003VulnerableVersions) {
  TinyRoot t;
  t.file("/bin/busybox", std::string("\x7f"
                                     "ELF\0\0junk BusyBox v1.24.1 (2016-02-01) multi-call",
                                     49))
      .file("/usr/sbin/dropbear", "....SSH-2.0-dropbear_2016.74....")
      .file("/var/lib/dpkg/status",
            "Package: openssl\nStatus: install ok installed\nVersion: 1.0.1e-2+deb7u1\n\n"
            "Package: dnsmasq-base\nStatus: deinstall ok config-files\nVersion: 2.62-3\n\n")
      .dir("/lib/modules/4.4.0-generic");
  EXPECT_EQ(keys(t.audit({"UPD-003"}), "cve"), (Keys{{"UPD-003", "CVE-2016-2148"},
                                                     {"UPD-003", "CVE-2017-16544"},
                                                     {"UPD-003", "CVE-2021-42386"},
                                                     {"UPD-003", "CVE-2017-9078"},
                                                     {"UPD-003", "CVE-2014-0160"},
                                                     {"UPD-003", "CVE-2016-5195"}}));
}

TEST(AuditChecks, Rootkit001LdPreload) {
  TinyRoot t;
  t.file("/etc/ld.so.preload", "# comment\n/lib/a.so:/usr/lib/b.so\n");
  EXPECT_EQ(keys(t.audit({"ROOTKIT-001"}), "library"),
            (Keys{{"ROOTKIT-001", "/lib/a.so"}, {"ROOTKIT-001", "/usr/lib/b.so"}}));
}

TEST(AuditChecks, Rootkit002UmbreonPreloadFile) {
  TinyRoot t;
  t.file("/etc/ld.so.NfitFd2", "/usr/share/libc.so.x")
      .file("/etc/ld.so.conf", "")
      .file("/etc/ld.so.cache", "")
      .file("/etc/ld.so.preload", "");
  EXPECT_EQ(keys(t.audit({"ROOTKIT-002"}), "file"), (Keys{{"ROOTKIT-002", "/etc/ld.so.NfitFd2"}}));
}

TEST(AuditChecks, Rootkit003PatchedLoader) {
  TinyRoot t;
  t.file("/lib/ld-linux-armhf.so.3", std::string("\x7f"
                                                 "ELF....\0/etc/ld.so.preload\0",
                                                 28))
      .file("/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
            std::string("\x7f"
                        "ELF....\0/etc/ld.so.NfitFd2\0",
                        28))
      .link("/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2")
      .file("/lib/ld-musl-armhf.so.1",
            "\x7f"
            "ELF no preload here");
  EXPECT_EQ(keys(t.audit({"ROOTKIT-003"}), "file").size(), 1u);
  EXPECT_EQ(t.audit({"ROOTKIT-003"}).findings.at(0).rule, "ROOTKIT-003");
}

TEST(AuditChecks, Rootkit011PortBlocking) {
  TinyRoot t;
  t.file("/etc/init.d/S01fw",
         "iptables -A INPUT -p tcp --dport 7547 -j DROP\n"
         "iptables -A INPUT -p tcp --dport 80 -j DROP\n"
         "iptables -A INPUT -p tcp --dport 5358 -j ACCEPT\n")
      .file("/etc/crontabs/root", "* * * * * iptables -I INPUT -p tcp --dport 23 -j REJECT\n");
  EXPECT_EQ(keys(t.audit({"ROOTKIT-011"}), "port"),
            (Keys{{"ROOTKIT-011", "7547"}, {"ROOTKIT-011", "23"}}));
}

TEST(AuditChecks, Rootkit012UmbreonArtefacts) {
  TinyRoot t;
  t.file("/bin/espeon", "")
      .file("/usr/share/libc.so.Ab12cD.x86_64.ld-2.22.so", "")
      .dir("/usr/lib/libc.so.Ab12cD")
      .file("/usr/lib/libc.so", "/* GNU ld script */");
  EXPECT_EQ(keys(t.audit({"ROOTKIT-012"}), "file"),
            (Keys{{"ROOTKIT-012", "/bin/espeon"},
                  {"ROOTKIT-012", "/usr/share/libc.so.Ab12cD.x86_64.ld-2.22.so"},
                  {"ROOTKIT-012", "/usr/lib/libc.so.Ab12cD"}}));
}

TEST(AuditChecks, Rootkit013XorddosArtefacts) {
  TinyRoot t;
  t.file("/etc/cron.hourly/gcc.sh", "#!/bin/sh\n")
      .file("/lib/libudev.so", "")
      .file("/etc/crontab", "*/3 * * * * root /etc/cron.hourly/gcc.sh\n");
  EXPECT_EQ(keys(t.audit({"ROOTKIT-013"}), "file"),
            (Keys{{"ROOTKIT-013", "/etc/cron.hourly/gcc.sh"},
                  {"ROOTKIT-013", "/lib/libudev.so"},
                  {"ROOTKIT-013", "/etc/crontab"}}));
}

TEST(AuditChecks, Rootkit014TmpPersistence) {
  TinyRoot t;
  t.file("/etc/crontab",
         "SHELL=/bin/sh\n*/3 * * * * root /dev/shm/.x/run\n0 * * * * root rm -f /tmp/old\n")
      .file("/etc/init.d/S90abc",
            "#!/bin/sh\nDIR=\"/tmp/$1\"\nPIDFILE=/var/run/abc.pid\n"
            "cd /; nohup /var/tmp/abcdefghij >/dev/null 2>&1 &\n")
      .file("/etc/systemd/system/u.service", "[Service]\nPIDFile=/run/u.pid\nExecStart=-/tmp/.u\n")
      .file("/etc/rc.local", "mkdir -p /tmp/cache\n");
  EXPECT_EQ(keys(t.audit({"ROOTKIT-014"}), "file"),
            (Keys{{"ROOTKIT-014", "/etc/crontab"},
                  {"ROOTKIT-014", "/etc/init.d/S90abc"},
                  {"ROOTKIT-014", "/etc/systemd/system/u.service"}}));
  EXPECT_EQ(t.audit({"ROOTKIT-014"}).findings.size(), 3u);
}

TEST(AuditChecks, Hard001TmpNoexec) {
  TinyRoot t;
  t.file("/etc/fstab", "tmpfs /tmp tmpfs defaults,nosuid 0 0\n");
  EXPECT_EQ(keys(t.audit({"HARD-001"}), "options"), (Keys{{"HARD-001", "defaults,nosuid"}}));
  TinyRoot ok;
  ok.file("/etc/fstab", "tmpfs /tmp tmpfs nosuid,noexec 0 0\n");
  EXPECT_TRUE(ok.audit({"HARD-001"}).findings.empty());
}

TEST(AuditChecks, Hard002WorldWritable) {
  TinyRoot t;
  t.file("/usr/bin/tool", "x", 0777)
      .file("/etc/ok", "x", 0644)
      .dir("/etc/shared", 01777)
      .dir("/usr/open", 0777)
      .file("/tmp/scratch", "x", 0666)
      .link("/usr/bin/ln", "tool");
  EXPECT_EQ(keys(t.audit({"HARD-002"}), "file"),
            (Keys{{"HARD-002", "/usr/bin/tool"}, {"HARD-002", "/usr/open"}}));
}

TEST(AuditChecks, Hard003Setuid) {
  if (::geteuid() != 0) GTEST_SKIP() << "files must be owned by root";
  TinyRoot t;
  t.file("/usr/bin/weird", "x", 04755).file("/bin/su", "x", 04755).file("/bin/sg", "x", 02755);
  EXPECT_EQ(keys(t.audit({"HARD-003"}), "file"), (Keys{{"HARD-003", "/usr/bin/weird"}}));
}

// What a firmware image said about modes the extraction dropped
// (AuditOptions::image_modes) decides HARD-002/003 for those entries.
TEST(AuditChecks, Hard003ReadsTheImagesSetuidRecord) {
  TinyRoot t;
  t.file("/usr/bin/backdoor", "x", 0755)
      .file("/bin/busybox", "x", 0755)
      .file("/usr/bin/mine", "x", 0755)
      .dir("/usr/tmp", 0777);
  AuditOptions opt;
  opt.image_modes = {{"/usr/bin/backdoor", 04755, 0},
                     {"/bin/busybox", 04755, 0},
                     {"/usr/bin/mine", 04755, 1000},  // setuid to an ordinary user
                     {"/usr/tmp", 01777, 0},
                     {"/usr/bin/gone", 04755, 0}};
  const auto r = t.audit({"HARD-002", "HARD-003"}, RootKind::firmware, opt);
  EXPECT_EQ(keys(r, "file"), (Keys{{"HARD-003", "/usr/bin/backdoor"}}));
  EXPECT_EQ(keys(r, "mode_source"), (Keys{{"HARD-003", "image"}}));
  // Without the record the sticky /usr/tmp looks world-writable and unprotected.
  EXPECT_EQ(keys(t.audit({"HARD-002"}), "file"), (Keys{{"HARD-002", "/usr/tmp"}}));
}

TEST(AuditChecks, LiveOnlyChecksAreNotApplicableOnFirmware) {
  TinyRoot t;
  const auto r = t.audit({"EXPO", "ROOTKIT-006"});
  EXPECT_EQ(r.not_applicable, 4u);
  EXPECT_EQ(r.checks_run, 0u);
  for (const auto& f : r.findings) {
    EXPECT_EQ(f.severity, Severity::info);
    EXPECT_EQ(f.evidence.at("status"), "not_applicable");
  }
  AuditOptions quiet;
  quiet.report_not_applicable = false;
  EXPECT_TRUE(t.audit({"EXPO"}, RootKind::firmware, quiet).findings.empty());
}

TEST(AuditChecks, RegistryIsCompleteAndUnique) {
  std::set<std::string> ids;
  for (const auto& c : all_checks()) {
    const auto& i = c->info();
    EXPECT_TRUE(ids.insert(std::string(i.id)).second) << i.id;
    EXPECT_FALSE(i.title.empty());
    EXPECT_FALSE(i.rationale.empty());
    EXPECT_FALSE(i.remediation.empty());
    EXPECT_FALSE(i.references.empty());
  }
  EXPECT_EQ(ids.size(), 31u);
}
