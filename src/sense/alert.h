// SPDX-License-Identifier: GPL-2.0-or-later
// Alerts: one per (rule, host), aggregated while packets arrive, turned into
// iotguard::Finding records when the input ends. Every field is bounded:
// peers, ports and samples keep a fixed number of entries plus a count of
// what did not fit.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/finding.h"
#include "sense/address.h"

namespace iotguard::sense {

// A rule's fixed facts. Detectors define one static RuleInfo per rule.
struct RuleInfo {
  const char* id;
  const char* family;  // nullptr when not one family
  Severity severity;
  double confidence;
  const char* title;      // "Mirai-style SYN scan"
  const char* peer_role;  // what the peers are: "target", "c2", "controller", ...
  const char* reference;  // threats.md section or public source
};

struct Alert {
  const RuleInfo* rule = nullptr;
  IpAddr host;  // the host that looks infected (or attacks)
  std::int64_t first_us = 0, last_us = 0;
  std::uint64_t events = 0;
  std::vector<IpAddr> peers;  // up to kMaxPeers distinct
  std::uint64_t peers_dropped = 0;
  std::vector<std::pair<std::uint16_t, std::uint64_t>> ports;  // up to kMaxPorts
  std::uint64_t other_ports = 0;
  std::vector<std::string> samples;          // up to kMaxSamples distinct, each cut to kSampleLen
  std::map<std::string, double> counts;      // detector-specific counters ("failures", "peak_pps")
  std::map<std::string, std::string> facts;  // detector-specific strings ("flood": "udp")

  static constexpr std::size_t kMaxPeers = 8, kMaxPorts = 16, kMaxSamples = 5, kSampleLen = 120;

  void add_peer(const IpAddr& a);
  void add_port(std::uint16_t port);
  void add_sample(std::string_view s);
  void max_count(const std::string& key, double v);
};

class AlertBook {
 public:
  explicit AlertBook(std::size_t max_alerts) : max_(max_alerts) {}
  // The alert for (rule, host), created when new; nullptr when the cap is hit
  // (the drop is counted). Updates first/last time and the event count.
  Alert* raise(const RuleInfo& rule, const IpAddr& host, std::int64_t ts_us,
               std::uint64_t events = 1);
  [[nodiscard]] const std::vector<Alert>& alerts() const { return alerts_; }
  [[nodiscard]] std::uint64_t dropped() const { return dropped_; }

 private:
  struct Key {
    const RuleInfo* rule;
    IpAddr host;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      return k.host.hash() ^ (reinterpret_cast<std::uintptr_t>(k.rule) * 0x9e3779b97f4a7c15ULL);
    }
  };
  std::size_t max_;
  std::vector<Alert> alerts_;
  std::unordered_map<Key, std::size_t, KeyHash> index_;
  std::uint64_t dropped_ = 0;
};

// Packet time as ISO 8601 UTC with microseconds, "2024-05-01T12:00:00.000123Z".
std::string format_time(std::int64_t ts_us);

// Printable form of untrusted bytes: ASCII kept, others as \xNN.
std::string printable(std::string_view bytes, std::size_t max_len);

// The Finding for an alert found in `path` (the pcap file or the interface).
Finding to_finding(const Alert& a, const std::string& path);

}  // namespace iotguard::sense
