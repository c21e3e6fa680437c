// SPDX-License-Identifier: GPL-2.0-or-later
#include "sense/sensor.h"

#include <algorithm>

namespace iotguard::sense {
namespace {

constexpr std::uint8_t kIac = 255, kSb = 250, kSe = 240, kWill = 251, kDont = 254;
constexpr std::uint8_t kMaxSubneg = 64;
enum IacState : std::uint8_t { kText, kAfterIac, kOption, kSub, kSubIac };

bool tuple_less(const IpAddr& a, std::uint16_t pa, const IpAddr& b, std::uint16_t pb) {
  if (a != b) return a < b;
  return pa < pb;
}

}  // namespace

Sensor::Sensor(const Config& cfg, const Credentials& creds)
    : cfg_(cfg),
      alerts_(cfg.max_alerts),
      ctx_{cfg_, creds, alerts_},
      detectors_(make_detectors(cfg)),
      flows_(cfg.max_flows) {}

void Sensor::process(int linktype, std::int64_t ts_us, std::uint32_t wire_len, Bytes frame) {
  ++stats_.packets;
  stats_.bytes += wire_len;
  if (stats_.packets == 1 || ts_us < stats_.first_us) stats_.first_us = ts_us;
  if (ts_us > stats_.last_us) stats_.last_us = ts_us;
  Packet p;
  p.ts_us = ts_us;
  p.wire_len = wire_len;
  const Decoded r = decode(linktype, frame, p);
  ++stats_.decoded[static_cast<std::size_t>(r)];
  if (r != Decoded::ok) return;
  if (p.ip_version == 4)
    ++stats_.ipv4;
  else
    ++stats_.ipv6;
  if (p.later_fragment) ++stats_.fragments;
  for (auto& d : detectors_) d->on_packet(p, ctx_);
  if (p.is_tcp()) {
    ++stats_.tcp;
    handle_tcp(p);
  } else if (p.is_udp()) {
    ++stats_.udp;
  } else if (p.proto == kProtoGre) {
    ++stats_.gre;
  }
}

void Sensor::handle_tcp(const Packet& p) {
  using namespace tcp_flag;
  // Pure ACKs carry nothing the stream detectors read: skip the flow lookup.
  if (p.payload.empty() && (p.tcp_flags & (syn | fin | rst)) == 0) return;
  FlowKey key;
  if (tuple_less(p.src, p.sport, p.dst, p.dport))
    key = {p.src, p.dst, p.sport, p.dport};
  else
    key = {p.dst, p.src, p.dport, p.sport};
  bool created = false;
  Flow& f = flows_.get(key, &created);
  if (created) {
    // The SYN sender is the client; mid-stream, the lower port is the server's.
    bool src_is_client;
    if ((p.tcp_flags & (syn | ack)) == syn)
      src_is_client = true;
    else if ((p.tcp_flags & (syn | ack)) == (syn | ack))
      src_is_client = false;
    else
      src_is_client = p.sport > p.dport || (p.sport == p.dport);
    f.client = src_is_client ? p.src : p.dst;
    f.cport = src_is_client ? p.sport : p.dport;
    f.server = src_is_client ? p.dst : p.src;
    f.sport = src_is_client ? p.dport : p.sport;
    f.first_us = p.ts_us;
  }
  f.last_us = std::max(f.last_us, p.ts_us);
  const Direction d = (p.src == f.client && p.sport == f.cport) ? kToServer : kToClient;
  StreamDir& s = f.dir[d];
  std::uint32_t seq = p.seq;
  if (p.tcp_flags & syn) {
    f.syn_seen = true;
    s.next_seq = p.seq + 1;
    s.seq_known = true;
    seq = p.seq + 1;
  }
  Bytes data = p.payload;
  if (!data.empty()) {
    if (s.seq_known) {
      const auto delta = static_cast<std::int32_t>(seq - s.next_seq);
      if (delta < 0) {
        // Retransmission or overlap: only what lies past next_seq is new.
        const auto old = static_cast<std::uint32_t>(-static_cast<std::int64_t>(delta));
        data = old >= data.size() ? Bytes{} : data.subspan(old);
        seq += old;
      }
    }
    s.next_seq = seq + static_cast<std::uint32_t>(data.size());
    s.seq_known = true;
    if (!data.empty() && s.inspected < cfg_.inspect_bytes) {
      const std::size_t room = cfg_.inspect_bytes - s.inspected;
      if (data.size() > room) data = data.first(room);
      s.inspected += static_cast<std::uint32_t>(data.size());
      feed(p, f, d, data);
    }
  }
  if ((p.tcp_flags & (fin | rst)) && !f.closed) {
    f.closed = true;
    for (auto& det : detectors_) det->on_close(p, f, ctx_);
  }
}

void Sensor::feed(const Packet& p, Flow& f, Direction d, Bytes data) {
  if (d == kToServer && f.head_len < f.head.size()) {
    const std::size_t n = std::min<std::size_t>(data.size(), f.head.size() - f.head_len);
    std::copy_n(data.begin(), n, f.head.begin() + f.head_len);
    f.head_len = static_cast<std::uint8_t>(f.head_len + n);
  }
  for (auto& det : detectors_) det->on_segment(p, f, d, data, ctx_);
  StreamDir& s = f.dir[d];
  auto emit = [&](bool complete) {
    if (s.line_len == 0) return;
    const std::string_view line = s.current_line();
    for (auto& det : detectors_) det->on_line(p, f, d, line, complete, ctx_);
  };
  for (const std::uint8_t c : data) {
    switch (s.iac) {
      case kText:
        if (c == kIac) {
          s.iac = kAfterIac;
        } else if (c == '\n' || c == '\r' || c == '\0') {
          emit(true);
          s.line_len = 0;
          s.line_truncated = false;
        } else if (s.line_len < s.line.size()) {
          s.line[s.line_len++] = static_cast<char>(c);
        } else {
          s.line_truncated = true;
        }
        break;
      case kAfterIac:
        if (c == kIac) {  // escaped 0xff data byte
          if (s.line_len < s.line.size()) s.line[s.line_len++] = static_cast<char>(c);
          s.iac = kText;
        } else if (c >= kWill && c <= kDont) {
          s.iac = kOption;
        } else if (c == kSb) {
          s.iac = kSub;
          s.sb_len = 0;
        } else {
          s.iac = kText;
        }
        break;
      case kOption:
        s.iac = kText;
        break;
      case kSub:
        // An unterminated subnegotiation must not swallow the stream.
        if (c == kIac)
          s.iac = kSubIac;
        else if (++s.sb_len >= kMaxSubneg)
          s.iac = kText;
        break;
      case kSubIac:
        s.iac = c == kSe ? kText : kSub;
        break;
      default:
        s.iac = kText;
        break;
    }
  }
  emit(false);
}

void Sensor::finish() {
  if (finished_) return;
  finished_ = true;
  for (auto& d : detectors_) d->finish(ctx_);
}

nlohmann::json Sensor::counts() const {
  nlohmann::json malformed = nlohmann::json::object();
  std::uint64_t bad = 0;
  for (std::size_t i = 0; i < stats_.decoded.size(); ++i) {
    const auto r = static_cast<Decoded>(i);
    if (r == Decoded::ok || r == Decoded::not_ip || stats_.decoded[i] == 0) continue;
    malformed[std::string(to_string(r))] = stats_.decoded[i];
    bad += stats_.decoded[i];
  }
  std::uint64_t host_evictions = 0;
  for (const auto& d : detectors_) host_evictions += d->evictions();
  return {
      {"packets", stats_.packets},
      {"bytes", stats_.bytes},
      {"ipv4", stats_.ipv4},
      {"ipv6", stats_.ipv6},
      {"tcp", stats_.tcp},
      {"udp", stats_.udp},
      {"gre", stats_.gre},
      {"fragments", stats_.fragments},
      {"not_ip", stats_.decoded[static_cast<std::size_t>(Decoded::not_ip)]},
      {"malformed", bad},
      {"malformed_by_reason", malformed},
      {"flows", flows_.size()},
      {"flow_evictions", flows_.evictions()},
      {"host_evictions", host_evictions},
      {"alerts", alerts_.alerts().size()},
      {"alerts_dropped", alerts_.dropped()},
      {"capture_first", stats_.packets ? format_time(stats_.first_us) : ""},
      {"capture_last", stats_.packets ? format_time(stats_.last_us) : ""},
  };
}

}  // namespace iotguard::sense
