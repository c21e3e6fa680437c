// SPDX-License-Identifier: GPL-2.0-or-later
// UPD-002: the newest package or firmware date is older than
// AuditOptions::max_age_days (two years by default). Dates come from opkg's
// Installed-Time, apk's build time (t:), and the modification times of the
// package databases and of files that firmware builds stamp.
#include <charconv>
#include <ctime>

#include "audit/check.h"
#include "audit/text_file.h"

namespace iotguard::audit {
namespace {

std::string iso_date(std::int64_t t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

class UpdStaleSoftware final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "UPD-002",
        "updates",
        "Software not updated for a long time",
        Severity::low,
        "The newest package or firmware file is old: the device has missed every fix "
        "published since.",
        "Install the vendor's current firmware or update the packages; replace devices that "
        "no longer receive updates.",
        {"OWASP-IoT-2018-I4", "OWASP-IoT-2018-I5", "JP-IoT-GL-17"}};
    return i;
  }

  void run(Context& ctx) const override {
    std::int64_t newest = 0;
    std::string source;
    auto consider = [&](std::int64_t t, const std::string& from) {
      if (t > newest && t <= ctx.now() + 86400) newest = t, source = from;
    };
    for (auto p :
         {"/var/lib/dpkg/status", "/usr/lib/opkg/status", "/var/lib/opkg/status",
          "/lib/apk/db/installed", "/etc/os-release", "/usr/lib/os-release", "/etc/openwrt_release",
          "/etc/openwrt_version", "/etc/version", "/etc/banner", "/etc/issue", "/bin/busybox"})
      if (auto st = ctx.root.stat(p); st && S_ISREG(st->st_mode)) consider(st->st_mtime, p);
    for (auto p : {"/usr/lib/opkg/status", "/var/lib/opkg/status", "/lib/apk/db/installed"}) {
      if (!ctx.root.exists(p)) continue;
      auto text = ctx.root.read(p, std::size_t{64} << 20);
      if (!text) continue;
      for_each_line(*text, [&](std::size_t, std::string_view l) {
        std::string_view v;
        if (l.starts_with("Installed-Time:"))
          v = trim(l.substr(15));
        else if (l.starts_with("t:"))
          v = l.substr(2);
        std::int64_t t = 0;
        if (!v.empty() && std::from_chars(v.data(), v.data() + v.size(), t).ec == std::errc())
          consider(t, p);
        return true;
      });
    }
    if (newest == 0) return;
    const std::int64_t age_days = (ctx.now() - newest) / 86400;
    if (age_days <= static_cast<std::int64_t>(ctx.opt.max_age_days)) return;
    ctx.report("newest " + iso_date(newest) + " (" + std::to_string(age_days) + " days)",
               {{"newest", iso_date(newest)},
                {"age_days", age_days},
                {"source", source},
                {"max_age_days", ctx.opt.max_age_days}});
  }
};

}  // namespace
std::unique_ptr<Check> make_upd_stale_software() { return std::make_unique<UpdStaleSoftware>(); }
}  // namespace iotguard::audit
