// SPDX-License-Identifier: GPL-2.0-or-later
// ROOTKIT-010: the device has a hardware watchdog but none is running. Mirai
// disables it with WDIOC_SETOPTIONS/WDIOS_DISABLECARD so a hung device is not
// rebooted clean (threats.md §2.5).
#include "audit/check.h"
#include "audit/text_file.h"

namespace iotguard::audit {
namespace {

class RootkitWatchdogDisabled final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "ROOTKIT-010",
        "compromise",
        "Hardware watchdog present but inactive",
        Severity::low,
        "Mirai disables the watchdog so the device is never rebooted, which would clean it.",
        "Run a watchdog daemon (or let systemd/procd feed it) and find out who stopped it.",
        {"OWASP-IoT-2018-I8", "JP-IoT-GL-13"},
        true};
    return i;
  }
  void run(Context& ctx) const override {
    auto entries = ctx.root.list("/sys/class/watchdog", 64);
    if (!entries || entries->empty()) return;
    std::vector<std::string> inactive;
    for (const auto& e : *entries) {
      auto state = ctx.root.read("/sys/class/watchdog/" + e.name + "/state", 64);
      if (!state) return;  // no state attribute: cannot tell
      if (trim(std::string_view(*state).substr(0, state->find('\n'))) == "active") return;
      inactive.push_back(e.name);
    }
    ctx.report("", {{"watchdogs", inactive}, {"state", "inactive"}});
  }
};

}  // namespace
std::unique_ptr<Check> make_rootkit_watchdog_disabled() {
  return std::make_unique<RootkitWatchdogDisabled>();
}
}  // namespace iotguard::audit
