// SPDX-License-Identifier: GPL-2.0-or-later
// Builds test captures packet by packet: classic pcap or pcapng files, the
// link types `sense` decodes (Ethernet with VLAN tags, Linux SLL/SLL2, raw
// IP), IPv4/IPv6 with TCP, UDP and GRE, and TCP sessions that keep their own
// sequence numbers. Used by the tests and by bench/sense_vs_tshark.sh.
#pragma once

#include <arpa/inet.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace iotguard::testing {

using Buf = std::vector<std::uint8_t>;

inline void put16(Buf& b, std::uint16_t v) {
  b.push_back(static_cast<std::uint8_t>(v >> 8));
  b.push_back(static_cast<std::uint8_t>(v));
}
inline void put32(Buf& b, std::uint32_t v) {
  put16(b, static_cast<std::uint16_t>(v >> 16));
  put16(b, static_cast<std::uint16_t>(v));
}
inline void put(Buf& b, std::string_view s) { b.insert(b.end(), s.begin(), s.end()); }
inline void put(Buf& b, const Buf& s) { b.insert(b.end(), s.begin(), s.end()); }

struct Addr {
  bool v4 = true;
  std::uint8_t b[16] = {};
  static Addr parse(const std::string& s) {
    Addr a;
    if (inet_pton(AF_INET, s.c_str(), a.b) == 1) return a;
    a.v4 = false;
    if (inet_pton(AF_INET6, s.c_str(), a.b) == 1) return a;
    throw std::invalid_argument("bad address " + s);
  }
  static Addr v4of(std::uint32_t v) {
    Addr a;
    a.b[0] = static_cast<std::uint8_t>(v >> 24);
    a.b[1] = static_cast<std::uint8_t>(v >> 16);
    a.b[2] = static_cast<std::uint8_t>(v >> 8);
    a.b[3] = static_cast<std::uint8_t>(v);
    return a;
  }
  [[nodiscard]] std::uint32_t v4value() const {
    return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
           b[3];
  }
};

inline std::uint16_t ip_checksum(const std::uint8_t* p, std::size_t n) {
  std::uint32_t s = 0;
  for (std::size_t i = 0; i + 1 < n; i += 2) s += (std::uint32_t{p[i]} << 8) | p[i + 1];
  if (n & 1) s += std::uint32_t{p[n - 1]} << 8;
  while (s >> 16) s = (s & 0xffff) + (s >> 16);
  return static_cast<std::uint16_t>(~s);
}

struct IpOpts {
  std::uint16_t id = 0;
  std::uint8_t ttl = 64;
  bool df = false;
};

// An IP packet around an L4 payload (protocol proto).
inline Buf ip_packet(const Addr& src, const Addr& dst, std::uint8_t proto, const Buf& l4,
                     IpOpts o = {}) {
  Buf b;
  if (src.v4) {
    b.push_back(0x45);
    b.push_back(0);
    put16(b, static_cast<std::uint16_t>(20 + l4.size()));
    put16(b, o.id);
    put16(b, o.df ? 0x4000 : 0);
    b.push_back(o.ttl);
    b.push_back(proto);
    put16(b, 0);
    b.insert(b.end(), src.b, src.b + 4);
    b.insert(b.end(), dst.b, dst.b + 4);
    const std::uint16_t c = ip_checksum(b.data(), 20);
    b[10] = static_cast<std::uint8_t>(c >> 8);
    b[11] = static_cast<std::uint8_t>(c);
  } else {
    put32(b, 0x60000000);
    put16(b, static_cast<std::uint16_t>(l4.size()));
    b.push_back(proto);
    b.push_back(o.ttl);
    b.insert(b.end(), src.b, src.b + 16);
    b.insert(b.end(), dst.b, dst.b + 16);
  }
  put(b, l4);
  return b;
}

struct TcpHdr {
  std::uint16_t sport = 0, dport = 0;
  std::uint32_t seq = 0, ack = 0;
  std::uint8_t flags = 0;
  std::uint16_t window = 64240;
  Buf options;  // padded to 4 bytes by the caller
};

inline Buf tcp_segment(const TcpHdr& h, std::string_view payload) {
  Buf b;
  put16(b, h.sport);
  put16(b, h.dport);
  put32(b, h.seq);
  put32(b, h.ack);
  b.push_back(static_cast<std::uint8_t>(((20 + h.options.size()) / 4) << 4));
  b.push_back(h.flags);
  put16(b, h.window);
  put32(b, 0);  // checksum (not checked by the sensor), urgent pointer
  put(b, h.options);
  put(b, payload);
  return b;
}

inline Buf udp_datagram(std::uint16_t sport, std::uint16_t dport, std::string_view payload) {
  Buf b;
  put16(b, sport);
  put16(b, dport);
  put16(b, static_cast<std::uint16_t>(8 + payload.size()));
  put16(b, 0);
  put(b, payload);
  return b;
}

enum class Link { ethernet, vlan, qinq, sll, sll2, raw };

inline int link_dlt(Link l) {
  switch (l) {
    case Link::sll:
      return 113;
    case Link::sll2:
      return 276;
    case Link::raw:
      return 101;
    default:
      return 1;
  }
}

// Wraps an IP packet in the link header.
inline Buf frame(Link l, const Buf& ip) {
  const std::uint16_t et = (ip[0] >> 4) == 6 ? 0x86dd : 0x0800;
  Buf b;
  switch (l) {
    case Link::raw:
      return ip;
    case Link::sll:
      put16(b, 0);  // packet type: to us
      put16(b, 1);  // ARPHRD_ETHER
      put16(b, 6);
      put(b, std::string_view("\x02\x00\x00\x00\x00\x01\x00\x00", 8));
      put16(b, et);
      break;
    case Link::sll2:
      put16(b, et);
      put16(b, 0);
      put32(b, 2);  // interface index
      put16(b, 1);
      b.push_back(0);
      b.push_back(6);
      put(b, std::string_view("\x02\x00\x00\x00\x00\x01\x00\x00", 8));
      break;
    default:
      put(b, std::string_view("\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01", 12));
      if (l == Link::qinq) {
        put16(b, 0x88a8);
        put16(b, 100);
      }
      if (l == Link::vlan || l == Link::qinq) {
        put16(b, 0x8100);
        put16(b, 20);
      }
      put16(b, et);
      break;
  }
  put(b, ip);
  return b;
}

class PcapWriter {
 public:
  PcapWriter(const std::string& path, Link link, bool pcapng = false) : link_(link), ng_(pcapng) {
    f_ = std::fopen(path.c_str(), "wb");
    if (!f_) throw std::runtime_error("cannot write " + path);
    std::setvbuf(f_, nullptr, _IOFBF, 1 << 20);
    Buf h;
    if (!ng_) {
      le32(h, 0xa1b2c3d4);
      le16(h, 2);
      le16(h, 4);
      le32(h, 0);
      le32(h, 0);
      le32(h, 262144);
      le32(h, static_cast<std::uint32_t>(link_dlt(link)));
    } else {
      // Section header block, then one interface description block (µs resolution).
      le32(h, 0x0a0d0d0a);
      le32(h, 28);
      le32(h, 0x1a2b3c4d);
      le16(h, 1);
      le16(h, 0);
      le32(h, 0xffffffff);
      le32(h, 0xffffffff);
      le32(h, 28);
      le32(h, 1);
      le32(h, 20);
      le16(h, static_cast<std::uint16_t>(link_dlt(link)));
      le16(h, 0);
      le32(h, 262144);
      le32(h, 20);
    }
    std::fwrite(h.data(), 1, h.size(), f_);
  }
  ~PcapWriter() {
    if (f_) std::fclose(f_);
  }
  PcapWriter(const PcapWriter&) = delete;
  PcapWriter& operator=(const PcapWriter&) = delete;

  // A raw frame as captured (caplen may be cut to `caplen` bytes).
  void write_frame(std::int64_t ts_us, const Buf& fr, std::size_t caplen = SIZE_MAX) {
    const std::uint32_t len = static_cast<std::uint32_t>(fr.size());
    const std::uint32_t cap = static_cast<std::uint32_t>(caplen < fr.size() ? caplen : fr.size());
    Buf h;
    if (!ng_) {
      le32(h, static_cast<std::uint32_t>(ts_us / 1000000));
      le32(h, static_cast<std::uint32_t>(ts_us % 1000000));
      le32(h, cap);
      le32(h, len);
      std::fwrite(h.data(), 1, h.size(), f_);
      std::fwrite(fr.data(), 1, cap, f_);
    } else {
      const std::uint32_t pad = (4 - cap % 4) % 4;
      const std::uint32_t total = 32 + cap + pad;
      le32(h, 6);
      le32(h, total);
      le32(h, 0);
      const auto t = static_cast<std::uint64_t>(ts_us);
      le32(h, static_cast<std::uint32_t>(t >> 32));
      le32(h, static_cast<std::uint32_t>(t));
      le32(h, cap);
      le32(h, len);
      std::fwrite(h.data(), 1, h.size(), f_);
      std::fwrite(fr.data(), 1, cap, f_);
      static const std::uint8_t zeros[4] = {};
      std::fwrite(zeros, 1, pad, f_);
      Buf tail;
      le32(tail, total);
      std::fwrite(tail.data(), 1, tail.size(), f_);
    }
    bytes_ += cap;
  }
  void write_ip(std::int64_t ts_us, const Buf& ip) { write_frame(ts_us, frame(link_, ip)); }
  [[nodiscard]] std::uint64_t bytes() const { return bytes_; }

 private:
  static void le16(Buf& b, std::uint16_t v) {
    b.push_back(static_cast<std::uint8_t>(v));
    b.push_back(static_cast<std::uint8_t>(v >> 8));
  }
  static void le32(Buf& b, std::uint32_t v) {
    le16(b, static_cast<std::uint16_t>(v));
    le16(b, static_cast<std::uint16_t>(v >> 16));
  }
  std::FILE* f_ = nullptr;
  Link link_;
  bool ng_;
  std::uint64_t bytes_ = 0;
};

namespace flags {
inline constexpr std::uint8_t fin = 0x01, syn = 0x02, rst = 0x04, psh = 0x08, ack = 0x10;
}

// One TCP connection with its own sequence numbers; time advances by `gap`
// microseconds per packet unless set.
class TcpSession {
 public:
  TcpSession(PcapWriter& w, Addr client, std::uint16_t cport, Addr server, std::uint16_t sport,
             std::int64_t t0, std::uint32_t iss = 1000, std::uint32_t irs = 5000)
      : w_(w), c_(client), s_(server), cp_(cport), sp_(sport), t_(t0), cseq_(iss), sseq_(irs) {}

  std::int64_t gap = 2000;
  std::int64_t& now() { return t_; }

  void open() {
    send(true, flags::syn, "", cseq_ - 0, 0);
    ++cseq_;
    send(false, flags::syn | flags::ack, "", sseq_, cseq_);
    ++sseq_;
    send(true, flags::ack, "", cseq_, sseq_);
  }
  void client(std::string_view data) { data_(true, data); }
  void server(std::string_view data) { data_(false, data); }
  void close() {
    send(true, flags::fin | flags::ack, "", cseq_, sseq_);
    ++cseq_;
    send(false, flags::fin | flags::ack, "", sseq_, cseq_);
    ++sseq_;
    send(true, flags::ack, "", cseq_, sseq_);
  }
  void wait(std::int64_t us) { t_ += us; }

 private:
  void data_(bool from_client, std::string_view data) {
    // Segments of at most 1448 bytes, each acknowledged by the other side.
    while (!data.empty()) {
      const auto n = std::min<std::size_t>(data.size(), 1448);
      auto& seq = from_client ? cseq_ : sseq_;
      auto& ack = from_client ? sseq_ : cseq_;
      send(from_client, flags::ack | flags::psh, data.substr(0, n), seq, ack);
      seq += static_cast<std::uint32_t>(n);
      send(!from_client, flags::ack, "", ack, seq);
      data.remove_prefix(n);
    }
  }
  void send(bool from_client, std::uint8_t fl, std::string_view payload, std::uint32_t seq,
            std::uint32_t ack) {
    TcpHdr h;
    h.sport = from_client ? cp_ : sp_;
    h.dport = from_client ? sp_ : cp_;
    h.seq = seq;
    h.ack = ack;
    h.flags = fl;
    w_.write_ip(t_, ip_packet(from_client ? c_ : s_, from_client ? s_ : c_, 6,
                              tcp_segment(h, payload), {++id_, 64, true}));
    t_ += gap;
  }
  PcapWriter& w_;
  Addr c_, s_;
  std::uint16_t cp_, sp_;
  std::int64_t t_;
  std::uint32_t cseq_, sseq_;
  std::uint16_t id_ = 100;
};

}  // namespace iotguard::testing
