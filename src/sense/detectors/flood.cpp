// SPDX-License-Identifier: GPL-2.0-or-later
// Outgoing floods from an internal host, judged by rate plus the packet
// traits of Mirai's and Tsunami's attack code (threats.md §2.7, §4):
//  - udp: UDP with a 512-byte random payload (Mirai "udp"), or 1400+ bytes
//    with the destination port changing packet to packet (Tsunami "UDP").
//  - vse: UDP to 27015 with FF FF FF FF "TSource Engine Query".
//  - ack: ACK (no SYN/FIN/RST) with a 512-byte random payload (Mirai "ack"),
//    or ACK+PSH, 1400 bytes, window 30845 (Tsunami "TSUNAMI").
//  - syn: SYN with DF and Mirai's fixed options MSS 1400-1415, SACK-permitted,
//    timestamp, NOP, window scale 6 (Mirai "syn"), or window 30845 (Tsunami PAN).
//  - gre: GRE whose inner IPv4 ID is the bitwise NOT of the outer ID
//    (Mirai "greip"/"greeth").
// Trait packets are counted per host in one-second buckets of capture time;
// a bucket reaching the threshold raises the alert.
#include <array>
#include <bitset>
#include <string>

#include "core/obfuscated.h"
#include "sense/detectors/detector.h"
#include "sense/lru_table.h"

namespace iotguard::sense {
namespace {

enum Kind : std::uint8_t { kUdp, kVse, kAck, kSyn, kGre, kKinds, kNone = 0xff };

constexpr const char* kRef = "threats.md 2.7 (Mirai attacks), 4 (Tsunami floods)";
const std::array<RuleInfo, kKinds> kRules = {{
    {"Sense.Flood.Udp", nullptr, Severity::critical, 0.8,
     "Outgoing UDP flood (512-byte random payloads or large datagrams to changing ports)",
     "targets", kRef},
    {"Sense.Flood.Vse", "Mirai", Severity::critical, 0.9,
     "Outgoing Valve Source Engine query flood (UDP 27015)", "targets", kRef},
    {"Sense.Flood.Ack", nullptr, Severity::critical, 0.85,
     "Outgoing TCP ACK flood with random payloads", "targets", kRef},
    {"Sense.Flood.Syn", nullptr, Severity::critical, 0.85,
     "Outgoing SYN flood with Mirai's fixed TCP option set", "targets", kRef},
    {"Sense.Flood.Gre", "Mirai", Severity::critical, 0.9,
     "Outgoing GRE flood (inner IP ID = NOT outer IP ID)", "targets", kRef},
}};

struct Bucket {
  std::int64_t second = -1;
  std::uint32_t count = 0, peak = 0;
  std::uint64_t total = 0;
  std::int64_t first_us = 0;
  std::uint16_t last_dport = 0;
  bool alerted = false;
  std::uint8_t trait = 0;  // which variant of the traits matched (see trait_names)
};

struct FloodState {
  std::array<Bucket, kKinds> b{};
};

// Random bytes: 64 random bytes hold about 57 distinct values; text and
// padding hold far fewer.
bool looks_random(Bytes payload) {
  if (payload.size() < 64) return false;
  std::bitset<256> seen;
  for (std::size_t i = 0; i < 64; ++i) seen.set(payload[i]);
  return seen.count() >= 40;
}

bool mirai_syn_options(Bytes o) {
  if (o.size() != 20) return false;
  const unsigned mss = (unsigned{o[2]} << 8) | o[3];
  return o[0] == 2 && o[1] == 4 && mss >= 1400 && mss <= 1415 && o[4] == 4 && o[5] == 2 &&
         o[6] == 8 && o[7] == 10 && o[16] == 1 && o[17] == 3 && o[18] == 3 && o[19] == 6;
}

constexpr std::uint16_t kTsunamiWindow = 30845;
// Valve's A2S_INFO query, the payload of Mirai's vse flood. Obfuscated
// (core/obfuscated.h): in clear it is a flood string the rules look for.
constexpr auto kVseQueryHidden = obfuscate("\xff\xff\xff\xffTSource Engine Query");

const std::string& vse_query() {
  static const std::string q = kVseQueryHidden.str();
  return q;
}

// The flood kind a packet's traits fit, and which variant (0: Mirai, 1: Tsunami).
Kind classify(const Packet& p, std::uint8_t& trait, std::uint16_t last_dport) {
  using namespace tcp_flag;
  trait = 0;
  if (p.is_udp()) {
    const std::string& vse = vse_query();
    if (p.dport == 27015 && p.payload.size() >= vse.size() &&
        std::string_view(reinterpret_cast<const char*>(p.payload.data()), vse.size()) == vse)
      return kVse;
    if (p.payload_len == 512 && looks_random(p.payload)) return kUdp;
    if (p.payload_len >= 1400 && p.dport != last_dport) {
      trait = 1;
      return kUdp;
    }
    return kNone;
  }
  if (p.is_tcp()) {
    const std::uint8_t f = p.tcp_flags;
    if ((f & (syn | fin | rst)) == 0 && (f & ack)) {
      if (p.payload_len == 512 && looks_random(p.payload)) return kAck;
      if (p.payload_len == 1400 && p.window == kTsunamiWindow && (f & psh)) {
        trait = 1;
        return kAck;
      }
      return kNone;
    }
    if ((f & (syn | ack | rst | fin)) == syn) {
      if (p.df && mirai_syn_options(p.tcp_options)) return kSyn;
      if (p.window == kTsunamiWindow) {
        trait = 1;
        return kSyn;
      }
    }
    return kNone;
  }
  if (p.proto == kProtoGre && !p.later_fragment && p.gre_inner_ipv4 && p.ip_version == 4 &&
      p.gre_inner_ip_id == static_cast<std::uint16_t>(~p.ip_id))
    return kGre;
  return kNone;
}

const char* trait_name(Kind k, std::uint8_t trait) {
  switch (k) {
    case kUdp:
      return trait ? "tsunami_udp_large_changing_ports" : "mirai_udp_512_random";
    case kVse:
      return "mirai_vse_tsource_query";
    case kAck:
      return trait ? "tsunami_ackpsh_1400_win30845" : "mirai_ack_512_random";
    case kSyn:
      return trait ? "tsunami_pan_syn_win30845" : "mirai_syn_fixed_options";
    case kGre:
      return "mirai_gre_inner_id_not_outer";
    default:
      return "?";
  }
}

class Flood final : public Detector {
 public:
  explicit Flood(const Config& cfg) : hosts_(cfg.max_hosts) {}
  [[nodiscard]] const char* name() const override { return "flood"; }
  [[nodiscard]] std::uint64_t evictions() const override { return hosts_.evictions(); }

  void on_packet(const Packet& p, Context& c) override {
    if (p.proto != kProtoUdp && p.proto != kProtoTcp && p.proto != kProtoGre) return;
    // Cheap traits first; the host table is touched only for candidates.
    if (p.proto == kProtoTcp && p.payload_len != 512 && p.payload_len != 1400 &&
        !(p.tcp_flags & tcp_flag::syn))
      return;
    if (p.proto == kProtoUdp && p.payload_len < 512 && p.dport != 27015) return;
    if (!c.internal(p.src)) return;
    FloodState* st = hosts_.find(p.src);
    std::uint8_t trait = 0;
    const Kind k = classify(p, trait, st ? st->b[kUdp].last_dport : p.dport);
    if (k == kNone) return;
    if (!st) st = &hosts_.get(p.src);
    Bucket& b = st->b[k];
    if (k == kUdp) b.last_dport = p.dport;
    const std::int64_t sec = p.ts_us / 1000000;
    if (b.total == 0) b.first_us = p.ts_us;
    if (sec != b.second) {
      b.second = sec;
      b.count = 0;
    }
    ++b.count;
    ++b.total;
    if (b.count > b.peak) b.peak = b.count;
    b.trait = trait;
    const double limit = k == kVse   ? c.cfg.t.vse_pps
                         : k == kSyn ? c.cfg.t.syn_flood_pps
                                     : c.cfg.t.flood_pps;
    if (static_cast<double>(b.peak) < limit) return;
    const RuleInfo& rule = kRules[k];
    const bool first = !b.alerted;
    b.alerted = true;
    Alert* a = c.alerts.raise(rule, p.src, first ? b.first_us : p.ts_us, first ? b.total : 1);
    if (!a) return;
    if (p.ts_us > a->last_us) a->last_us = p.ts_us;
    a->add_peer(p.dst);
    a->add_port(p.dport);
    a->max_count("peak_pps", b.peak);
    a->counts["packets"] = static_cast<double>(b.total);
    a->facts["trait"] = trait_name(k, trait);
  }

 private:
  LruTable<IpAddr, FloodState, IpAddrHash> hosts_;
};

}  // namespace

std::unique_ptr<Detector> make_flood(const Config& cfg) { return std::make_unique<Flood>(cfg); }

}  // namespace iotguard::sense
