// SPDX-License-Identifier: GPL-2.0-or-later
// The sensor: decode -> flow state -> detectors -> alerts, for one input.
// Time is the packets' own timestamps, never the wall clock, so replaying a
// pcap gives the same alerts every time.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "sense/alert.h"
#include "sense/config.h"
#include "sense/credentials.h"
#include "sense/decoder.h"
#include "sense/detectors/detector.h"
#include "sense/flow.h"
#include "sense/lru_table.h"

namespace iotguard::sense {

struct SensorStats {
  std::uint64_t packets = 0, bytes = 0;
  std::uint64_t ipv4 = 0, ipv6 = 0, tcp = 0, udp = 0, gre = 0, fragments = 0;
  std::array<std::uint64_t, static_cast<std::size_t>(Decoded::count_)> decoded{};
  std::int64_t first_us = 0, last_us = 0;
};

class Sensor {
 public:
  Sensor(const Config& cfg, const Credentials& creds);
  // One captured frame of the given link type.
  void process(int linktype, std::int64_t ts_us, std::uint32_t wire_len, Bytes frame);
  // End of input: detectors that judge the whole capture decide now.
  void finish();

  [[nodiscard]] const std::vector<Alert>& alerts() const { return alerts_.alerts(); }
  [[nodiscard]] const SensorStats& stats() const { return stats_; }
  // Counters for the summary record (packets, malformed by reason, evictions).
  [[nodiscard]] nlohmann::json counts() const;

 private:
  void handle_tcp(const Packet& p);
  void feed(const Packet& p, Flow& f, Direction d, Bytes data);

  const Config& cfg_;
  AlertBook alerts_;
  Context ctx_;
  std::vector<std::unique_ptr<Detector>> detectors_;
  LruTable<FlowKey, Flow, FlowKeyHash> flows_;
  SensorStats stats_;
  bool finished_ = false;
};

}  // namespace iotguard::sense
