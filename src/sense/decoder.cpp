// SPDX-License-Identifier: GPL-2.0-or-later
#include "sense/decoder.h"

namespace iotguard::sense {
namespace {

constexpr std::uint16_t kEtherIpv4 = 0x0800, kEtherIpv6 = 0x86dd, kEtherVlan = 0x8100,
                        kEtherQinQ = 0x88a8, kEtherQinQOld = 0x9100, kEtherTeb = 0x6558;
constexpr int kMaxVlanTags = 4;
constexpr int kMaxIpv6ExtHeaders = 8;

std::uint16_t be16(ByteView v, std::size_t off) { return *v.read<std::uint16_t>(off, Endian::big); }
std::uint32_t be32(ByteView v, std::size_t off) { return *v.read<std::uint32_t>(off, Endian::big); }

// TCP/UDP/GRE over an IP payload already clamped to the IP length.
Decoded decode_l4(ByteView l4, std::uint32_t wire_l4_len, Packet& p) {
  if (p.later_fragment) return Decoded::ok;
  switch (p.proto) {
    case kProtoTcp: {
      if (!l4.contains(0, 20)) return Decoded::bad_l4;
      p.sport = be16(l4, 0);
      p.dport = be16(l4, 2);
      p.seq = be32(l4, 4);
      p.ack = be32(l4, 8);
      const std::size_t hlen = static_cast<std::size_t>(l4.bytes()[12] >> 4) * 4;
      p.tcp_flags = l4.bytes()[13];
      p.window = be16(l4, 14);
      if (hlen < 20 || hlen > wire_l4_len) return Decoded::bad_l4;
      p.tcp_options = l4.clamp(20, hlen - 20);
      p.payload = l4.clamp(hlen, l4.size());
      p.payload_len = wire_l4_len - static_cast<std::uint32_t>(hlen);
      return Decoded::ok;
    }
    case kProtoUdp: {
      if (!l4.contains(0, 8)) return Decoded::bad_l4;
      p.sport = be16(l4, 0);
      p.dport = be16(l4, 2);
      const std::uint16_t ulen = be16(l4, 4);
      // Length 0 is legal for IPv6 jumbograms only; otherwise it must cover the header.
      std::uint32_t len = ulen == 0 ? wire_l4_len : ulen;
      if (len < 8 || len > wire_l4_len) return Decoded::bad_l4;
      p.payload = l4.clamp(8, len - 8);
      p.payload_len = len - 8;
      return Decoded::ok;
    }
    case kProtoGre: {
      if (!l4.contains(0, 4)) return Decoded::bad_l4;
      const std::uint16_t fl = be16(l4, 0);
      p.gre_proto = be16(l4, 2);
      std::size_t off = 4;
      if (fl & 0x8000) off += 4;  // checksum + reserved (RFC 2784)
      if (fl & 0x2000) off += 4;  // key (RFC 2890)
      if (fl & 0x1000) off += 4;  // sequence number (RFC 2890)
      if (off > l4.size()) return Decoded::bad_l4;
      p.payload = l4.clamp(off, l4.size());
      p.payload_len = off <= wire_l4_len ? wire_l4_len - static_cast<std::uint32_t>(off) : 0;
      ByteView inner(p.payload);
      std::size_t ip_off = 0;
      if (p.gre_proto == kEtherTeb) {
        if (inner.contains(0, 14) && be16(inner, 12) == kEtherIpv4)
          ip_off = 14;
        else
          return Decoded::ok;
      } else if (p.gre_proto != kEtherIpv4) {
        return Decoded::ok;
      }
      if (inner.contains(ip_off, 20) && (p.payload[ip_off] >> 4) == 4) {
        p.gre_inner_ipv4 = true;
        p.gre_inner_ip_id = be16(inner, ip_off + 4);
      }
      return Decoded::ok;
    }
    default:
      p.payload = l4.bytes();
      p.payload_len = wire_l4_len;
      return Decoded::ok;
  }
}

Decoded decode_ipv4(ByteView v, Packet& p) {
  if (!v.contains(0, 20)) return Decoded::bad_ip;
  const auto* b = v.bytes().data();
  const std::size_t ihl = static_cast<std::size_t>(b[0] & 0x0f) * 4;
  const std::uint16_t total = be16(v, 2);
  if ((b[0] >> 4) != 4 || ihl < 20 || total < ihl || !v.contains(0, ihl)) return Decoded::bad_ip;
  p.ip_version = 4;
  p.ip_id = be16(v, 4);
  const std::uint16_t frag = be16(v, 6);
  p.df = (frag & 0x4000) != 0;
  p.later_fragment = (frag & 0x1fff) != 0;
  p.ttl = b[8];
  p.proto = b[9];
  p.src = IpAddr::from_v4(b + 12);
  p.dst = IpAddr::from_v4(b + 16);
  // Ethernet pads short frames and snaplen may cut long ones: trust neither.
  return decode_l4(ByteView(v.clamp(ihl, total - ihl)), total - static_cast<std::uint32_t>(ihl), p);
}

Decoded decode_ipv6(ByteView v, Packet& p) {
  if (!v.contains(0, 40)) return Decoded::bad_ip;
  const auto* b = v.bytes().data();
  if ((b[0] >> 4) != 6) return Decoded::bad_ip;
  p.ip_version = 6;
  std::uint32_t remaining = be16(v, 4);
  std::uint8_t next = b[6];
  p.ttl = b[7];
  p.src = IpAddr::from_v6(b + 8);
  p.dst = IpAddr::from_v6(b + 24);
  std::size_t off = 40;
  for (int i = 0; i < kMaxIpv6ExtHeaders; ++i) {
    if (next != 0 && next != 43 && next != 44 && next != 60 && next != 51) break;
    if (!v.contains(off, 8)) return Decoded::bad_ip;
    std::size_t len = 0;
    if (next == 44) {  // fragment header: fixed 8 bytes
      len = 8;
      if ((be16(v, off + 2) & 0xfff8) != 0) p.later_fragment = true;
    } else if (next == 51) {  // AH counts 4-byte words minus 2 (RFC 4302)
      len = (static_cast<std::size_t>(b[off + 1]) + 2) * 4;
    } else {
      len = (static_cast<std::size_t>(b[off + 1]) + 1) * 8;
    }
    if (len > remaining) return Decoded::bad_ip;
    next = b[off];
    off += len;
    remaining -= static_cast<std::uint32_t>(len);
  }
  p.proto = next;
  return decode_l4(ByteView(v.clamp(off, remaining)), remaining, p);
}

Decoded decode_ethertype(std::uint16_t type, ByteView v, std::size_t off, Packet& p) {
  for (int tags = 0; type == kEtherVlan || type == kEtherQinQ || type == kEtherQinQOld; ++tags) {
    if (tags == kMaxVlanTags || !v.contains(off, 4)) return Decoded::bad_link;
    type = be16(v, off + 2);
    off += 4;
  }
  if (type == kEtherIpv4) return decode_ipv4(ByteView(v.clamp(off, v.size())), p);
  if (type == kEtherIpv6) return decode_ipv6(ByteView(v.clamp(off, v.size())), p);
  return Decoded::not_ip;
}

Decoded decode_raw(ByteView v, Packet& p) {
  if (v.size() < 1) return Decoded::bad_ip;
  switch (v.bytes()[0] >> 4) {
    case 4:
      return decode_ipv4(v, p);
    case 6:
      return decode_ipv6(v, p);
    default:
      return Decoded::bad_ip;
  }
}

}  // namespace

std::string_view to_string(Decoded d) {
  switch (d) {
    case Decoded::ok:
      return "ok";
    case Decoded::not_ip:
      return "not_ip";
    case Decoded::unsupported_link:
      return "unsupported_link";
    case Decoded::bad_link:
      return "bad_link";
    case Decoded::bad_ip:
      return "bad_ip";
    case Decoded::bad_l4:
      return "bad_l4";
    case Decoded::count_:
      break;
  }
  return "?";
}

bool link_supported(int linktype) {
  switch (linktype) {
    case dlt::null:
    case dlt::loop:
    case dlt::en10mb:
    case dlt::raw:
    case dlt::raw_openbsd:
    case dlt::linktype_raw:
    case dlt::ipv4:
    case dlt::ipv6:
    case dlt::linux_sll:
    case dlt::linux_sll2:
      return true;
    default:
      return false;
  }
}

Decoded decode(int linktype, Bytes frame, Packet& p) {
  const ByteView v(frame);
  switch (linktype) {
    case dlt::en10mb:
      if (!v.contains(0, 14)) return Decoded::bad_link;
      return decode_ethertype(be16(v, 12), v, 14, p);
    case dlt::linux_sll:  // 16-byte header, protocol last (tcpdump.org LINKTYPE_LINUX_SLL)
      if (!v.contains(0, 16)) return Decoded::bad_link;
      return decode_ethertype(be16(v, 14), v, 16, p);
    case dlt::linux_sll2:  // 20-byte header, protocol first (LINKTYPE_LINUX_SLL2)
      if (!v.contains(0, 20)) return Decoded::bad_link;
      return decode_ethertype(be16(v, 0), v, 20, p);
    case dlt::raw:
    case dlt::raw_openbsd:
    case dlt::linktype_raw:
      return decode_raw(v, p);
    case dlt::ipv4:
      return decode_ipv4(v, p);
    case dlt::ipv6:
      return decode_ipv6(v, p);
    case dlt::null:
    case dlt::loop: {
      // 4-byte address family in the writer's byte order; the IP version nibble decides.
      if (!v.contains(0, 4)) return Decoded::bad_link;
      return decode_raw(ByteView(v.clamp(4, v.size())), p);
    }
    default:
      return Decoded::unsupported_link;
  }
}

}  // namespace iotguard::sense
