// SPDX-License-Identifier: GPL-2.0-or-later
// Everything a sensor run can tune: table caps, inspection limits, networks
// and detector thresholds (docs/sense.md lists each with its default).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sense/address.h"

namespace iotguard::sense {

struct Thresholds {
  double scan_min_syns = 10;              // Mirai SYNs (seq == dst) before a scan alert
  double bruteforce_failures = 5;         // failed telnet logins from one source
  double bruteforce_short_sessions = 10;  // short telnet sessions from one source
  double short_session_seconds = 15;      // a telnet session shorter than this is "short"
  double dictionary_hits = 2;             // default-credential attempts from one source
  double dht_min_queries = 3;             // DHT queries from a device before an alert
  double flood_pps = 500;                 // UDP / ACK / GRE trait packets per second
  double syn_flood_pps = 200;             // Mirai-option SYNs per second
  double vse_pps = 20;                    // TSource Engine Query packets per second
};

// Names and pointers for --threshold NAME=VALUE.
struct ThresholdField {
  const char* name;
  double Thresholds::*field;
  const char* help;
};
const std::vector<ThresholdField>& threshold_fields();
// Applies "name=value"; an error message when the name or value is bad.
std::optional<std::string> set_threshold(Thresholds& t, std::string_view assignment);

struct Config {
  Thresholds t;
  std::size_t max_hosts = 16384;       // per detector host table
  std::size_t max_flows = 16384;       // TCP flow table
  std::size_t max_alerts = 4096;       // distinct (rule, host) alerts per input
  std::uint32_t inspect_bytes = 4096;  // payload bytes inspected per flow direction
  std::vector<Cidr> home_net;          // empty: RFC 1918 / ULA
  std::vector<Cidr> device_net;        // IoT segments (DHT from these is always suspicious)
  std::vector<std::uint16_t> telnet_ports = {23, 2323};
};

}  // namespace iotguard::sense
