// SPDX-License-Identifier: GPL-2.0-or-later
// Packet sources through libpcap: a capture file (pcap or pcapng; libpcap's
// pcap_open_offline reads both) or a live interface, with an optional BPF
// filter. No exception crosses libpcap: errors come back as values.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/result.h"
#include "sense/sensor.h"

struct pcap;

namespace iotguard::sense {

struct RunLimits {
  std::uint64_t max_packets = 0;            // 0: no limit
  double max_seconds = 0;                   // live only, wall clock; 0: no limit
  const std::atomic<bool>* stop = nullptr;  // set from a signal handler
};

class PacketSource {
 public:
  ~PacketSource();
  PacketSource(const PacketSource&) = delete;
  PacketSource& operator=(const PacketSource&) = delete;

  static Result<std::unique_ptr<PacketSource>> open_file(const std::string& path,
                                                         const std::string& filter);
  static Result<std::unique_ptr<PacketSource>> open_live(const std::string& iface,
                                                         const std::string& filter, int snaplen);

  [[nodiscard]] int linktype() const { return linktype_; }
  // Feeds every packet to the sensor until the input ends or a limit is hit.
  // An error message when reading failed part-way (what was read still counts).
  std::optional<std::string> run(Sensor& sensor, const RunLimits& limits);
  [[nodiscard]] bool interrupted() const { return interrupted_; }

 private:
  explicit PacketSource(pcap* p, bool live);
  std::optional<std::string> apply_filter(const std::string& filter);

  pcap* pcap_;
  bool live_;
  int linktype_ = 0;
  bool interrupted_ = false;
};

}  // namespace iotguard::sense
