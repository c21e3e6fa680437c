// SPDX-License-Identifier: GPL-2.0-or-later
// Mirai's scanner sends raw SYNs whose TCP sequence number equals the
// destination IPv4 address, from one fixed source port, 90 % to port 23 and
// 10 % to 2323 (threats.md §2.3). A random sequence number matches by chance
// with probability 2^-32, so a handful of such SYNs is a fingerprint.
#include "sense/detectors/detector.h"
#include "sense/lru_table.h"

namespace iotguard::sense {
namespace {

const RuleInfo kRule{"Sense.Scan.MiraiSyn",
                     "Mirai",
                     Severity::high,
                     0.95,
                     "Mirai-style SYN scan (TCP sequence number = destination address)",
                     "targets",
                     "threats.md 2.3 (Mirai scanner)"};

struct ScanState {
  std::uint64_t syns = 0, p23 = 0, p2323 = 0, other = 0;
  std::int64_t first_us = 0;
  std::uint16_t sport = 0;
  bool sport_changed = false;
};

class MiraiScan final : public Detector {
 public:
  explicit MiraiScan(const Config& cfg) : hosts_(cfg.max_hosts) {}
  [[nodiscard]] const char* name() const override { return "mirai_scan"; }
  [[nodiscard]] std::uint64_t evictions() const override { return hosts_.evictions(); }

  void on_packet(const Packet& p, Context& c) override {
    using namespace tcp_flag;
    if (!p.is_tcp() || p.ip_version != 4 || (p.tcp_flags & (syn | ack | rst)) != syn) return;
    if (p.seq != p.dst.v4_value()) return;
    bool created = false;
    ScanState& s = hosts_.get(p.src, &created);
    if (created) {
      s.first_us = p.ts_us;
      s.sport = p.sport;
    }
    ++s.syns;
    if (p.sport != s.sport) s.sport_changed = true;
    if (p.dport == 23)
      ++s.p23;
    else if (p.dport == 2323)
      ++s.p2323;
    else
      ++s.other;
    if (static_cast<double>(s.syns) < c.cfg.t.scan_min_syns) return;
    const bool first = static_cast<double>(s.syns) < c.cfg.t.scan_min_syns + 1;
    Alert* a = first ? c.alerts.raise(kRule, p.src, s.first_us, s.syns)
                     : c.alerts.raise(kRule, p.src, p.ts_us);
    if (!a) return;
    if (p.ts_us > a->last_us) a->last_us = p.ts_us;
    a->add_peer(p.dst);
    a->ports.clear();
    a->ports.emplace_back(23, s.p23);
    a->ports.emplace_back(2323, s.p2323);
    a->other_ports = s.other;
    a->counts["syn_seq_eq_dst"] = static_cast<double>(s.syns);
    a->facts["source_port"] = s.sport_changed ? "varies" : std::to_string(s.sport) + " (fixed)";
  }

 private:
  LruTable<IpAddr, ScanState, IpAddrHash> hosts_;
};

}  // namespace

std::unique_ptr<Detector> make_mirai_scan(const Config& cfg) {
  return std::make_unique<MiraiScan>(cfg);
}

}  // namespace iotguard::sense
