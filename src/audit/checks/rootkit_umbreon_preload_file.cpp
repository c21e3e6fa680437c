// SPDX-License-Identifier: GPL-2.0-or-later
// ROOTKIT-002: /etc/ld.so.<7 characters>, the preload file Umbreon's patched
// loader reads instead of /etc/ld.so.preload (threats.md §6).
#include "audit/check.h"

namespace iotguard::audit {
namespace {

class RootkitUmbreonPreloadFile final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "ROOTKIT-002",
        "compromise",
        "Renamed preload file /etc/ld.so.<7 chars> (Umbreon)",
        Severity::critical,
        "Umbreon patches the dynamic loader to read /etc/ld.so.<random 7 characters> instead of "
        "/etc/ld.so.preload, so the usual check finds nothing.",
        "Treat the device as compromised: reinstall from trusted media and change credentials.",
        {"OWASP-IoT-2018-I8", "JP-IoT-GL-13"}};
    return i;
  }
  void run(Context& ctx) const override {
    auto entries = ctx.root.list("/etc", 65536);
    if (!entries) return;
    for (const auto& e : *entries) {
      if (!e.name.starts_with("ld.so.") || e.name.size() != 13) continue;
      const std::string_view tail = std::string_view(e.name).substr(6);
      if (tail == "preload") continue;
      const std::string p = "/etc/" + e.name;
      Finding& f = ctx.report(p, {{"file", p}, {"family", "Umbreon"}});
      f.family = "Umbreon";
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_rootkit_umbreon_preload_file() {
  return std::make_unique<RootkitUmbreonPreloadFile>();
}
}  // namespace iotguard::audit
