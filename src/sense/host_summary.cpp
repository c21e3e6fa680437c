// SPDX-License-Identifier: GPL-2.0-or-later
#include "sense/host_summary.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace iotguard::sense {

std::vector<HostSummary> summarize_hosts(const std::vector<Alert>& alerts, const Config& cfg) {
  std::map<IpAddr, HostSummary> by_host;
  for (const auto& a : alerts) {
    auto [it, created] = by_host.try_emplace(a.host);
    HostSummary& h = it->second;
    if (created) {
      h.host = a.host;
      h.internal = is_internal(a.host, cfg.home_net);
      h.verdict = h.internal ? "infected" : "attacker";
      h.first_us = a.first_us;
      h.last_us = a.last_us;
    }
    h.severity = std::max(h.severity, a.rule->severity);
    if (std::find(h.rules.begin(), h.rules.end(), a.rule->id) == h.rules.end()) {
      h.rules.emplace_back(a.rule->id);
      h.why.emplace_back(a.rule->title);
    }
    h.events += a.events;
    h.first_us = std::min(h.first_us, a.first_us);
    h.last_us = std::max(h.last_us, a.last_us);
  }
  std::vector<HostSummary> out;
  for (auto& [k, v] : by_host) out.push_back(std::move(v));
  std::stable_sort(out.begin(), out.end(), [](const HostSummary& a, const HostSummary& b) {
    return a.severity > b.severity;
  });
  return out;
}

nlohmann::json host_json(const HostSummary& h, const std::string& path) {
  return {{"type", "host"},
          {"path", path},
          {"host", h.host.str()},
          {"internal", h.internal},
          {"verdict", h.verdict},
          {"severity", to_string(h.severity)},
          {"rules", h.rules},
          {"why", h.why},
          {"events", h.events},
          {"first_seen", format_time(h.first_us)},
          {"last_seen", format_time(h.last_us)}};
}

std::string host_table(const std::vector<HostSummary>& hosts, const std::string& path) {
  std::string o = fmt::format("\nHosts that look infected or attacking in {}:\n", path);
  if (hosts.empty()) return o + "  (none)\n";
  o += fmt::format("  {:<39} {:<9} {:<8} {:>8}  {}\n", "HOST", "VERDICT", "SEVERITY", "EVENTS",
                   "RULES");
  for (const auto& h : hosts) {
    std::string rules;
    for (const auto& r : h.rules) rules += (rules.empty() ? "" : ",") + r;
    o += fmt::format("  {:<39} {:<9} {:<8} {:>8}  {}\n", h.host.str(), h.verdict,
                     to_string(h.severity), h.events, rules);
  }
  return o;
}

}  // namespace iotguard::sense
