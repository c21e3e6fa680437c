// SPDX-License-Identifier: GPL-2.0-or-later
// One decoded packet: header fields plus views into the captured bytes.
// Nothing is copied; the views live only as long as the capture buffer.
#pragma once

#include <cstdint>

#include "core/byte_view.h"
#include "sense/address.h"

namespace iotguard::sense {

namespace tcp_flag {
inline constexpr std::uint8_t fin = 0x01, syn = 0x02, rst = 0x04, psh = 0x08, ack = 0x10,
                              urg = 0x20;
}

inline constexpr std::uint8_t kProtoTcp = 6, kProtoUdp = 17, kProtoGre = 47;

struct Packet {
  std::int64_t ts_us = 0;  // capture timestamp, microseconds since the epoch
  std::uint32_t wire_len = 0;
  IpAddr src, dst;
  std::uint8_t ip_version = 0;
  std::uint8_t proto = 0;  // L4 protocol after IPv6 extension headers
  std::uint8_t ttl = 0;
  std::uint16_t ip_id = 0;  // IPv4 only
  bool df = false;
  bool later_fragment = false;  // a non-first fragment: no L4 header
  std::uint16_t sport = 0, dport = 0;
  // TCP
  std::uint32_t seq = 0, ack = 0;
  std::uint8_t tcp_flags = 0;
  std::uint16_t window = 0;
  Bytes tcp_options;
  // L4 payload as captured (may be shorter than on the wire when snaplen cut it).
  Bytes payload;
  std::uint32_t payload_len = 0;  // from the headers
  // GRE
  std::uint16_t gre_proto = 0;
  bool gre_inner_ipv4 = false;
  std::uint16_t gre_inner_ip_id = 0;

  [[nodiscard]] bool is_tcp() const { return proto == kProtoTcp && !later_fragment; }
  [[nodiscard]] bool is_udp() const { return proto == kProtoUdp && !later_fragment; }
  [[nodiscard]] bool has(std::uint8_t flags) const { return (tcp_flags & flags) == flags; }
};

}  // namespace iotguard::sense
