// SPDX-License-Identifier: GPL-2.0-or-later
// UPD-001: nothing on the device can fetch updates: no package manager with a
// configured source, no firmware updater. Guideline 17 (security after shipment).
#include "audit/check.h"
#include "audit/text_file.h"

namespace iotguard::audit {
namespace {

class UpdNoUpdateMechanism final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "UPD-001",
        "updates",
        "No update mechanism configured",
        Severity::medium,
        "A device that cannot be updated keeps every vulnerability it shipped with; worms "
        "exploit flaws fixed years earlier.",
        "Ship a signed firmware or package update mechanism and enable automatic updates.",
        {"OWASP-IoT-2018-I4", "OWASP-IoT-2018-I8", "JP-IoT-GL-17"}};
    return i;
  }

  void run(Context& ctx) const override {
    if (!mechanisms(ctx).empty()) return;
    ctx.report("", {{"searched",
                     "apt, opkg, apk sources; sysupgrade, swupdate, rauc, mender, "
                     "fwupd, fw_update binaries"}});
  }

  // What was found, for the test and the evidence of other checks.
  static std::vector<std::string> mechanisms(Context& ctx) {
    std::vector<std::string> found;
    auto has_source_line = [&](const std::string& path, std::string_view prefix) {
      auto text = ctx.root.read(path, ctx.opt.max_config_bytes);
      if (!text) return false;
      bool any = false;
      for_each_line(*text, [&](std::size_t, std::string_view l) {
        any = !is_comment(l) && (prefix.empty() || trim(l).starts_with(prefix));
        return !any;
      });
      return any;
    };
    auto scan_dir = [&](const std::string& dir, std::string_view suffix, std::string_view prefix) {
      if (auto e = ctx.root.list(dir, 1024))
        for (const auto& d : *e)
          if (d.name.ends_with(suffix) && has_source_line(join(dir, d.name), prefix))
            found.push_back(join(dir, d.name));
    };
    if (has_source_line("/etc/apt/sources.list", "deb"))
      found.emplace_back("/etc/apt/sources.list");
    scan_dir("/etc/apt/sources.list.d", ".list", "deb");
    scan_dir("/etc/apt/sources.list.d", ".sources", "URIs:");
    if (has_source_line("/etc/opkg.conf", "src")) found.emplace_back("/etc/opkg.conf");
    scan_dir("/etc/opkg", ".conf", "src");
    if (has_source_line("/etc/apk/repositories", "")) found.emplace_back("/etc/apk/repositories");
    for (auto p : {"/sbin/sysupgrade", "/usr/bin/swupdate", "/usr/sbin/swupdate", "/usr/bin/rauc",
                   "/usr/bin/mender", "/usr/sbin/mender", "/usr/bin/fwupdmgr",
                   "/usr/sbin/fw_update", "/usr/sbin/fwupdate"})
      if (ctx.root.exists(p)) found.emplace_back(p);
    return found;
  }
};

}  // namespace
std::unique_ptr<Check> make_upd_no_update_mechanism() {
  return std::make_unique<UpdNoUpdateMechanism>();
}
}  // namespace iotguard::audit
