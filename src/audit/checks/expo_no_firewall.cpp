// SPDX-License-Identifier: GPL-2.0-or-later
// EXPO-003: no packet filter at all in this network namespace: no nftables
// rule (iptables-nft included) and no legacy iptables table loaded.
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
    const auto nft = nftables_rule_count();
    const std::size_t legacy = legacy_tables_loaded(ctx.root);
    if (!nft) {
      if (legacy == 0)
        ctx.error("nftables", "cannot query nftables rules (no CAP_NET_ADMIN?): EXPO-003 skipped");
      return;
    }
    if (*nft == 0 && legacy == 0)
      ctx.report("", {{"nftables_rules", 0}, {"iptables_legacy_tables", 0}});
  }
};

}  // namespace
std::unique_ptr<Check> make_expo_no_firewall() { return std::make_unique<ExpoNoFirewall>(); }
}  // namespace iotguard::audit
