// SPDX-License-Identifier: GPL-2.0-or-later
// EXPO-003: no packet filter at all in this network namespace: no nftables
// rule (iptables-nft included), no iptables-legacy rule and no DROP policy,
// read from the kernel (firewall.h).
#include <string>
#include <vector>

#include "audit/check.h"
#include "audit/firewall.h"

namespace iotguard::audit {
namespace {

class ExpoNoFirewall final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "EXPO-003",
        "exposure",
        "No firewall rules",
        Severity::low,
        "Without a packet filter every listening service is reachable from every network the "
        "device is on.",
        "Add a default-deny input policy that allows only the services the device must offer.",
        {"OWASP-IoT-2018-I9", "JP-IoT-GL-14"},
        true};
    return i;
  }
  void run(Context& ctx) const override {
    const LiveFirewall fw = read_live_firewall(ctx.root);
    if (fw.rules() > 0) return;  // a rule (or a DROP policy) somewhere: a filter exists
    nlohmann::json evidence = nlohmann::json::object();
    std::vector<std::string> unread;
    for (const auto& s : fw.sources) {
      evidence[s.name + "_rules"] = s.rules;
      if (!s.assessed) unread.push_back(s.name + ": " + s.problem);
    }
    if (!unread.empty()) {
      // Unreadable rules are not "no rules" (docs/audit-checks.md).
      for (const auto& u : unread) ctx.error("firewall", u + ": EXPO-003 not assessed");
      return;
    }
    ctx.report("", std::move(evidence));
  }
};

}  // namespace
std::unique_ptr<Check> make_expo_no_firewall() { return std::make_unique<ExpoNoFirewall>(); }
}  // namespace iotguard::audit
