// SPDX-License-Identifier: GPL-2.0-or-later
// Whether the running kernel filters packets in this network namespace, read
// (never changed) through nfnetlink and /proc/net/ip_tables_names.
#pragma once

#include <cstddef>
#include <optional>

namespace iotguard::audit {

class Root;

// Rules in every nftables table of this network namespace (iptables-nft
// rules included); nothing when the kernel cannot be asked.
std::optional<std::size_t> nftables_rule_count();
// Legacy x_tables tables that are loaded (filter, nat, ...) in this namespace.
std::size_t legacy_tables_loaded(const Root& root);

}  // namespace iotguard::audit
