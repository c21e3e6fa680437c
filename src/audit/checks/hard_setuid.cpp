// SPDX-License-Identifier: GPL-2.0-or-later
// HARD-003: setuid-root programs outside a list of ones distributions ship on
// purpose. Each is a path to root for a local attacker. Same bounded walk as
// HARD-002.
#include <sys/stat.h>

#include <cstdio>
#include <set>

#include "audit/check.h"
#include "audit/tree_walk.h"

namespace iotguard::audit {
namespace {

const std::set<std::string, std::less<>>& known_setuid() {
  static const std::set<std::string, std::less<>> k = {
      "su", "sudo", "sudoedit", "passwd", "chsh", "chfn", "gpasswd", "newgrp", "mount", "umount",
      "ping", "ping6", "pkexec", "fusermount", "fusermount3", "newuidmap", "newgidmap",
      "ssh-keysign", "dbus-daemon-launch-helper", "polkit-agent-helper-1", "Xorg.wrap",
      "chrome-sandbox", "mount.nfs", "mount.cifs", "pppd", "at", "crontab", "traceroute6.iputils",
      "snap-confine", "ntfs-3g", "unix_chkpwd", "vmware-user-suid-wrapper", "doas",
      // BusyBox's FEATURE_SUID drops rights
      // for every applet not listed as needing
      // them: routers ship it setuid on purpose.
      "busybox"};
  return k;
}

class HardSetuid final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "HARD-003",
        "hardening",
        "Setuid-root program outside the known list",
        Severity::medium,
        "A setuid-root program runs with full rights for any user; an unexpected one is a "
        "backdoor or an avoidable privilege-escalation risk.",
        "Remove the setuid bit (chmod u-s) unless the program needs it.",
        {"OWASP-IoT-2018-I9", "JP-IoT-GL-15"}};
    return i;
  }
  void run(Context& ctx) const override {
    for (const auto& f : ctx.special_files().files) {
      if (!S_ISREG(f.mode) || !(f.mode & S_ISUID) || f.uid != 0) continue;
      const std::string_view base = std::string_view(f.path).substr(f.path.rfind('/') + 1);
      if (known_setuid().contains(base)) continue;
      char mode[8];
      std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(f.mode & 07777));
      nlohmann::json ev = {{"file", f.path}, {"mode", mode}};
      // Firmware: the extracted copy has no setuid bit; the image had it.
      if (f.from_image) ev["mode_source"] = "image";
      ctx.report(f.path, std::move(ev));
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_hard_setuid() { return std::make_unique<HardSetuid>(); }
}  // namespace iotguard::audit
