// SPDX-License-Identifier: GPL-2.0-or-later
// ROOTKIT-008: a TCP listener on 127.0.0.1:48101, Mirai's single-instance
// lock (threats.md §2.5).
#include "audit/check.h"
#include "audit/procfs.h"

namespace iotguard::audit {
namespace {

class RootkitMiraiLockPort final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "ROOTKIT-008",
        "compromise",
        "Listener on 127.0.0.1:48101 (Mirai instance lock)",
        Severity::critical,
        "Every running Mirai bot binds 127.0.0.1:48101 so a second copy can find and replace "
        "it.",
        "Kill the owning process, reboot, change the device's passwords and close telnet.",
        {"OWASP-IoT-2018-I8", "JP-IoT-GL-13"},
        true};
    return i;
  }
  void run(Context& ctx) const override {
    for (const auto& s : ctx.sockets()) {
      if (!s.proto.starts_with("tcp") || !s.listening() || s.local_port != 48101) continue;
      if (s.local_addr != "127.0.0.1" && s.local_addr != "::ffff:127.0.0.1") continue;
      Finding& f =
          ctx.report(s.comm.empty() ? "unknown process" : s.comm, {{"proto", s.proto},
                                                                   {"address", s.local_addr},
                                                                   {"port", s.local_port},
                                                                   {"pid", s.pid},
                                                                   {"process", s.comm}});
      f.family = "Mirai";
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_rootkit_mirai_lock_port() {
  return std::make_unique<RootkitMiraiLockPort>();
}
}  // namespace iotguard::audit
