// SPDX-License-Identifier: GPL-2.0-or-later
// A bounds-checked decoder for the link and network layers IoT captures use:
// Ethernet with VLAN/QinQ tags, Linux cooked SLL and SLL2, raw IP, BSD
// loopback; IPv4 (RFC 791) and IPv6 (RFC 8200, extension headers); TCP
// (RFC 9293), UDP (RFC 768) and GRE (RFC 2784/2890). Every read goes through
// ByteView; a packet that does not fit is counted by reason, never trusted.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "core/byte_view.h"
#include "sense/packet.h"

namespace iotguard::sense {

// Link types as pcap_datalink() reports them (tcpdump.org/linktypes.html).
namespace dlt {
inline constexpr int null = 0, en10mb = 1, raw = 12, raw_openbsd = 14, loop = 108, linux_sll = 113,
                     linktype_raw = 101, ipv4 = 228, ipv6 = 229, linux_sll2 = 276;
}

enum class Decoded : std::uint8_t {
  ok,
  not_ip,            // ARP, LLDP, ... : not an error
  unsupported_link,  // a link type this decoder does not know
  bad_link,          // truncated link header or too many VLAN tags
  bad_ip,            // truncated or inconsistent IP header
  bad_l4,            // truncated or inconsistent TCP/UDP/GRE header
  count_
};

std::string_view to_string(Decoded d);

[[nodiscard]] bool link_supported(int linktype);

// Fills p from one captured frame; p.ts_us/wire_len are the caller's.
Decoded decode(int linktype, Bytes frame, Packet& p);

}  // namespace iotguard::sense
