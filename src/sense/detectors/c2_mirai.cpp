// SPDX-License-Identifier: GPL-2.0-or-later
// Mirai's C2 dialogue (threats.md §2.6): the bot opens TCP to the CNC (port
// 23 by default) and sends 00 00 00 01, id_len (1 byte), the id; then two
// zero bytes as a keep-alive about every 60 s. A registration alone on a
// telnet port, or a registration followed by a keep-alive, raises the alert.
#include <cctype>
#include <string>

#include "sense/detectors/detector.h"

namespace iotguard::sense {
namespace {

const RuleInfo kRule{"Sense.C2.MiraiRegistration",
                     "Mirai",
                     Severity::critical,
                     0.85,
                     "Mirai C2 registration (00 00 00 01 + id) and 2-byte keep-alives",
                     "c2",
                     "threats.md 2.6 (Mirai C2 protocol)"};

constexpr std::size_t kMaxIdLen = 32;

class C2Mirai final : public Detector {
 public:
  [[nodiscard]] const char* name() const override { return "c2_mirai"; }

  void on_segment(const Packet& p, Flow& f, Direction d, Bytes data, Context& c) override {
    if (d != kToServer) return;
    if (!f.mirai_registered) {
      // The head must be exactly the registration, maybe followed by keep-alives.
      const auto head = f.head_view();
      if (head.size() < 5 || head.substr(0, 4) != std::string_view("\0\0\0\1", 4)) return;
      const std::size_t n = static_cast<unsigned char>(head[4]);
      if (n > kMaxIdLen || head.size() < 5 + n) return;
      for (std::size_t i = 0; i < n; ++i)
        if (!std::isprint(static_cast<unsigned char>(head[5 + i]))) return;
      for (std::size_t i = 5 + n; i < head.size(); ++i)
        if (head[i] != '\0') return;
      f.mirai_registered = true;
      if (head.size() >= 5 + n + 2) ++f.keepalives;
      if (c.telnet_port(f.sport) || f.keepalives > 0) report(p, f, c);
      return;
    }
    if (data.size() == 2 && data[0] == 0 && data[1] == 0) {
      ++f.keepalives;
      report(p, f, c);
    }
  }

 private:
  void report(const Packet& p, const Flow& f, Context& c) {
    Alert* a = c.alerts.raise(kRule, f.client, p.ts_us);
    if (!a) return;
    a->add_peer(f.server);
    a->add_port(f.sport);
    const auto head = f.head_view();
    const std::size_t n = static_cast<unsigned char>(head[4]);
    a->add_sample("id=" + printable(head.substr(5, n), 40));
    a->max_count("keepalives", f.keepalives);
  }
};

}  // namespace

std::unique_ptr<Detector> make_c2_mirai(const Config&) { return std::make_unique<C2Mirai>(); }

}  // namespace iotguard::sense
