// SPDX-License-Identifier: GPL-2.0-or-later
// The per-host view of an input's alerts: which hosts look infected (or,
// outside the home network, attacking) and why.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sense/alert.h"
#include "sense/config.h"

namespace iotguard::sense {

struct HostSummary {
  IpAddr host;
  bool internal = false;
  std::string verdict;  // "infected" (internal) or "attacker" (outside the home network)
  Severity severity = Severity::info;
  std::vector<std::string> rules, why;
  std::uint64_t events = 0;
  std::int64_t first_us = 0, last_us = 0;
};

// Hosts ordered by severity (highest first), then address.
std::vector<HostSummary> summarize_hosts(const std::vector<Alert>& alerts, const Config& cfg);

// {"type": "host", "path": ..., "host": ..., ...}
nlohmann::json host_json(const HostSummary& h, const std::string& path);

// A fixed-width table for text output.
std::string host_table(const std::vector<HostSummary>& hosts, const std::string& path);

}  // namespace iotguard::sense
