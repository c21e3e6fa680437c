// SPDX-License-Identifier: GPL-2.0-or-later
#include "sense/alert.h"

#include <algorithm>
#include <cmath>
#include <ctime>

#include <fmt/format.h>

namespace iotguard::sense {

void Alert::add_peer(const IpAddr& a) {
  if (std::find(peers.begin(), peers.end(), a) != peers.end()) return;
  if (peers.size() < kMaxPeers)
    peers.push_back(a);
  else
    ++peers_dropped;
}

void Alert::add_port(std::uint16_t port) {
  for (auto& [p, n] : ports)
    if (p == port) {
      ++n;
      return;
    }
  if (ports.size() < kMaxPorts)
    ports.emplace_back(port, 1);
  else
    ++other_ports;
}

void Alert::add_sample(std::string_view s) {
  if (samples.size() >= kMaxSamples) return;
  std::string p = printable(s, kSampleLen);
  if (std::find(samples.begin(), samples.end(), p) == samples.end())
    samples.push_back(std::move(p));
}

void Alert::max_count(const std::string& key, double v) {
  auto& slot = counts[key];
  if (v > slot) slot = v;
}

Alert* AlertBook::raise(const RuleInfo& rule, const IpAddr& host, std::int64_t ts_us,
                        std::uint64_t events) {
  const Key k{&rule, host};
  auto it = index_.find(k);
  Alert* a = nullptr;
  if (it != index_.end()) {
    a = &alerts_[it->second];
  } else {
    if (alerts_.size() >= max_) {
      ++dropped_;
      return nullptr;
    }
    index_.emplace(k, alerts_.size());
    a = &alerts_.emplace_back();
    a->rule = &rule;
    a->host = host;
    a->first_us = ts_us;
  }
  if (ts_us < a->first_us) a->first_us = ts_us;
  if (ts_us > a->last_us) a->last_us = ts_us;
  a->events += events;
  return a;
}

std::string format_time(std::int64_t ts_us) {
  std::int64_t secs = ts_us / 1000000;
  std::int64_t us = ts_us % 1000000;
  if (us < 0) {
    us += 1000000;
    --secs;
  }
  const std::time_t t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, us);
}

std::string printable(std::string_view bytes, std::size_t max_len) {
  std::string out;
  for (unsigned char c : bytes) {
    if (out.size() >= max_len) break;
    if (c >= 0x20 && c < 0x7f)
      out += static_cast<char>(c);
    else
      out += fmt::format("\\x{:02x}", c);
  }
  return out;
}

Finding to_finding(const Alert& a, const std::string& path) {
  Finding f;
  f.rule = a.rule->id;
  if (a.rule->family) f.family = a.rule->family;
  f.severity = a.rule->severity;
  f.confidence = a.rule->confidence;
  f.title = fmt::format("{} ({})", a.rule->title, a.host.str());
  f.path = path;
  f.object.links = {path, "host " + a.host.str()};
  nlohmann::json peers = nlohmann::json::array();
  for (const auto& p : a.peers) peers.push_back(p.str());
  nlohmann::json ports = nlohmann::json::object();
  for (const auto& [p, n] : a.ports) ports[std::to_string(p)] = n;
  if (a.other_ports) ports["other"] = a.other_ports;
  nlohmann::json counts = {{"events", a.events}};
  for (const auto& [k, v] : a.counts) {
    if (v == std::floor(v) && v >= 0 && v < 9e15)
      counts[k] = static_cast<std::uint64_t>(v);
    else
      counts[k] = v;
  }
  const double secs = static_cast<double>(a.last_us - a.first_us) / 1e6;
  if (secs > 0) counts["rate_per_s"] = std::round(static_cast<double>(a.events) / secs * 10) / 10;
  f.evidence = {
      {"hosts", {{"host", a.host.str()}, {a.rule->peer_role, peers}}},
      {"ports", ports},
      {"first_seen", format_time(a.first_us)},
      {"last_seen", format_time(a.last_us)},
      {"counts", counts},
  };
  if (a.peers_dropped)
    f.evidence["hosts"]["more_" + std::string(a.rule->peer_role)] = a.peers_dropped;
  if (!a.samples.empty()) f.evidence["samples"] = a.samples;
  for (const auto& [k, v] : a.facts) f.evidence[k] = v;
  if (a.rule->reference) f.references.emplace_back(a.rule->reference);
  return f;
}

}  // namespace iotguard::sense
