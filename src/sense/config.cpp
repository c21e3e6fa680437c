// SPDX-License-Identifier: GPL-2.0-or-later
#include "sense/config.h"

#include <charconv>
#include <cmath>

namespace iotguard::sense {

const std::vector<ThresholdField>& threshold_fields() {
  static const std::vector<ThresholdField> kFields = {
      {"scan_min_syns", &Thresholds::scan_min_syns, "Mirai-fingerprint SYNs before a scan alert"},
      {"bruteforce_failures", &Thresholds::bruteforce_failures,
       "failed telnet logins from one source"},
      {"bruteforce_short_sessions", &Thresholds::bruteforce_short_sessions,
       "short telnet sessions from one source"},
      {"short_session_seconds", &Thresholds::short_session_seconds,
       "a telnet session shorter than this is short"},
      {"dictionary_hits", &Thresholds::dictionary_hits,
       "default-credential login attempts from one source"},
      {"dht_min_queries", &Thresholds::dht_min_queries, "DHT queries from a device"},
      {"flood_pps", &Thresholds::flood_pps, "UDP/ACK/GRE flood packets per second"},
      {"syn_flood_pps", &Thresholds::syn_flood_pps, "Mirai-option SYN packets per second"},
      {"vse_pps", &Thresholds::vse_pps, "Valve Source engine query (vse flood) packets per second"},
  };
  return kFields;
}

std::optional<std::string> set_threshold(Thresholds& t, std::string_view a) {
  const auto eq = a.find('=');
  if (eq == std::string_view::npos) return "expected NAME=VALUE, got '" + std::string(a) + "'";
  const auto name = a.substr(0, eq);
  const auto value = a.substr(eq + 1);
  for (const auto& f : threshold_fields()) {
    if (name != f.name) continue;
    double v = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || ptr != value.data() + value.size() || !std::isfinite(v) || v < 0)
      return "bad value for threshold " + std::string(name) + ": '" + std::string(value) + "'";
    t.*(f.field) = v;
    return std::nullopt;
  }
  return "unknown threshold '" + std::string(name) + "'";
}

}  // namespace iotguard::sense
