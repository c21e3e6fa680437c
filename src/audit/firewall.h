// SPDX-License-Identifier: GPL-2.0-or-later
// The running kernel's packet filter in this network namespace, read (never
// changed, no program executed): iptables-legacy tables through
// getsockopt(IPT_SO_GET_INFO / IPT_SO_GET_ENTRIES) and the IPv6 equivalents,
// nftables (iptables-nft included) through an NFT_MSG_GETRULE dump over
// nfnetlink. Both need CAP_NET_ADMIN; a source that cannot be read says so.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "audit/firewall_rules.h"

namespace iotguard::audit {

class Root;

struct FirewallSource {
  std::string name;  // "iptables-legacy", "ip6tables-legacy", "nftables"
  bool assessed = false;
  std::string problem;  // why it was not assessed (or what went wrong on the way)
  std::size_t tables = 0;
  std::size_t rules = 0;
};

struct LiveFirewall {
  std::vector<FirewallSource> sources;
  std::vector<BlockingRule> blocking;
  [[nodiscard]] std::size_t rules() const;
  [[nodiscard]] bool all_assessed() const;
};

LiveFirewall read_live_firewall(const Root& root);

}  // namespace iotguard::audit
