// SPDX-License-Identifier: GPL-2.0-or-later
// The detector interface. One detector per file under detectors/; the list
// the sensor runs is registry.cpp. The sensor decodes each packet, keeps the
// TCP flow table and cuts each flow direction into text lines (telnet IAC
// removed), then calls the hooks below. Detectors keep their own per-host
// state in bounded LruTables and raise alerts in the AlertBook.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "core/byte_view.h"
#include "sense/alert.h"
#include "sense/config.h"
#include "sense/credentials.h"
#include "sense/flow.h"
#include "sense/packet.h"

namespace iotguard::sense {

struct Context {
  const Config& cfg;
  const Credentials& creds;
  AlertBook& alerts;
  [[nodiscard]] bool internal(const IpAddr& a) const { return is_internal(a, cfg.home_net); }
  [[nodiscard]] bool telnet_port(std::uint16_t p) const {
    for (auto t : cfg.telnet_ports)
      if (t == p) return true;
    return false;
  }
};

// 0: client -> server (the side that sent the SYN), 1: server -> client.
enum Direction : int { kToServer = 0, kToClient = 1 };

class Detector {
 public:
  virtual ~Detector() = default;
  [[nodiscard]] virtual const char* name() const = 0;
  // Every decoded IP packet.
  virtual void on_packet(const Packet& p, Context& c) {
    (void)p;
    (void)c;
  }
  // New stream bytes of a TCP flow (in order, within the inspection limit).
  virtual void on_segment(const Packet& p, Flow& f, Direction d, Bytes data, Context& c) {
    (void)p, (void)f, (void)d, (void)data, (void)c;
  }
  // A text line of a TCP flow. complete=false: the unfinished tail after a
  // segment (a prompt such as "login: ").
  virtual void on_line(const Packet& p, Flow& f, Direction d, std::string_view line, bool complete,
                       Context& c) {
    (void)p, (void)f, (void)d, (void)line, (void)complete, (void)c;
  }
  // The first FIN or RST of a flow.
  virtual void on_close(const Packet& p, Flow& f, Context& c) { (void)p, (void)f, (void)c; }
  // End of input: decide what needs the whole capture.
  virtual void finish(Context& c) { (void)c; }
  // Entries evicted from this detector's tables.
  [[nodiscard]] virtual std::uint64_t evictions() const { return 0; }
};

std::vector<std::unique_ptr<Detector>> make_detectors(const Config& cfg);

// Helpers shared by detectors.
bool contains(std::string_view hay, std::string_view needle);
bool contains_nocase(std::string_view hay, std::string_view needle);
bool starts_with(std::string_view s, std::string_view prefix);

}  // namespace iotguard::sense
