// SPDX-License-Identifier: GPL-2.0-or-later
// EXPO-001: every listening TCP/UDP socket with its owning process (from
// /proc/net/{tcp,tcp6,udp,udp6} and the /proc/PID/fd socket inodes). An
// inventory, reported as info.
#include "audit/check.h"
#include "audit/procfs.h"

namespace iotguard::audit {
namespace {

class ExpoListeningSockets final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "EXPO-001",
        "exposure",
        "Listening socket",
        Severity::info,
        "Each listening socket is attack surface; the inventory shows what the device offers "
        "and which process owns it.",
        "Stop services that are not needed; bind the rest to loopback or a management VLAN.",
        {"OWASP-IoT-2018-I2", "JP-IoT-GL-14"},
        true};
    return i;
  }
  void run(Context& ctx) const override {
    for (const auto& s : ctx.sockets()) {
      if (!s.listening()) continue;
      ctx.report(s.proto + " " + s.local_addr + ":" + std::to_string(s.local_port),
                 {{"proto", s.proto},
                  {"address", s.local_addr},
                  {"port", s.local_port},
                  {"pid", s.pid},
                  {"process", s.comm}});
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_expo_listening_sockets() {
  return std::make_unique<ExpoListeningSockets>();
}
}  // namespace iotguard::audit
