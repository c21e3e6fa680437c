// SPDX-License-Identifier: GPL-2.0-or-later
// Umbreon's Espeon backdoor connects back to the sender of any TCP packet
// with SEQ 0xc4, ACK 0xc500 and IP-ID 0x0fb1 (threats.md §6). The receiver is
// the suspect host; the sender is whoever controls it.
#include "sense/detectors/detector.h"

namespace iotguard::sense {
namespace {

const RuleInfo kRule{"Sense.Backdoor.EspeonTrigger",
                     "Umbreon",
                     Severity::critical,
                     0.9,
                     "Umbreon Espeon backdoor trigger packet (SEQ 0xc4, ACK 0xc500, IP-ID 0x0fb1)",
                     "controllers",
                     "threats.md 6 (Umbreon, Trend Micro 2016)"};

class EspeonTrigger final : public Detector {
 public:
  [[nodiscard]] const char* name() const override { return "espeon_trigger"; }
  void on_packet(const Packet& p, Context& c) override {
    if (!p.is_tcp() || p.ip_version != 4 || p.seq != 0xc4 || p.ack != 0xc500 || p.ip_id != 0x0fb1)
      return;
    Alert* a = c.alerts.raise(kRule, p.dst, p.ts_us);
    if (!a) return;
    a->add_peer(p.src);
    a->add_port(p.dport);
  }
};

}  // namespace

std::unique_ptr<Detector> make_espeon_trigger(const Config&) {
  return std::make_unique<EspeonTrigger>();
}

}  // namespace iotguard::sense
