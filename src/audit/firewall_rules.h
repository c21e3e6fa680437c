// SPDX-License-Identifier: GPL-2.0-or-later
// Pure parsers of the kernel's packet-filter rules, bytes in, rules out (no
// I/O, fuzzed by tests/fuzz/fuzz_audit_parsers.cpp): the x_tables blob that
// IPT_SO_GET_ENTRIES / IP6T_SO_GET_ENTRIES return (iptables-legacy), and the
// netlink messages of an NFT_MSG_GETRULE dump (nftables, iptables-nft).
// firewall.cpp does the reading; ROOTKIT-011 and EXPO-003 use the result.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/byte_view.h"
#include "core/result.h"

namespace iotguard::audit {

// Inbound TCP ports bots close behind themselves (threats.md §7 Hajime: 23,
// 7547, 5555, 5358; §2.8 the TR-069 Mirai variant: 7547).
const std::set<unsigned>& bot_ports();

// One rule that drops or rejects TCP to a destination port range covering a bot port.
struct BlockingRule {
  std::string source;  // "iptables-legacy", "ip6tables-legacy", "nftables"
  std::string table;   // "filter"; nftables: "ip filter"
  std::string chain;   // "INPUT", a user chain, or the nftables chain
  unsigned port_lo = 0;
  unsigned port_hi = 0;
  std::string verdict;          // "DROP" or "REJECT"
  std::vector<unsigned> ports;  // the bot ports inside [port_lo, port_hi]
};

struct RuleSummary {
  std::size_t rules = 0;  // rules (and DROP policies of built-in chains): "a filter exists"
  std::vector<BlockingRule> blocking;
};

// What IPT_SO_GET_INFO says about a table (the same fields for IPv6).
struct XtTableInfo {
  std::string name;
  std::uint32_t valid_hooks = 0;
  std::array<std::uint32_t, 5> hook_entry{};  // NF_INET_NUMHOOKS
  std::array<std::uint32_t, 5> underflow{};
  std::uint32_t num_entries = 0;
};

enum class XtFamily { ipv4, ipv6 };

constexpr std::size_t kMaxXtEntries = std::size_t{1} << 20;

// Walks the ipt_entry / ip6t_entry chain in `entries` (the entrytable, in
// host byte order) with every offset checked; an Error for a malformed blob.
Result<RuleSummary> parse_xt_entries(Bytes entries, const XtTableInfo& info, XtFamily family);

// Accumulates one recv() buffer of an NFT_MSG_GETRULE dump.
struct NftDump {
  RuleSummary summary;
  bool done = false;          // NLMSG_DONE seen
  int error = 0;              // errno from an NLMSG_ERROR (0: none)
  std::size_t malformed = 0;  // messages or attributes that did not parse
};
void parse_nft_messages(Bytes chunk, NftDump& out);

}  // namespace iotguard::audit
