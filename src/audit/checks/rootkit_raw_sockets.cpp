// SPDX-License-Identifier: GPL-2.0-or-later
// ROOTKIT-009: open raw IP sockets (/proc/net/raw, raw6). Mirai's SYN scanner
// and its floods build packets on raw sockets (threats.md §2.3, §2.7).
#include "audit/check.h"
#include "audit/procfs.h"

namespace iotguard::audit {
namespace {

class RootkitRawSockets final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "ROOTKIT-009",
        "compromise",
        "Raw IP socket open",
        Severity::medium,
        "Bots scan and flood with hand-made packets on raw sockets; few legitimate daemons on "
        "an IoT device keep one open.",
        "Identify the owning process; routing daemons and ping are expected, anything else is "
        "suspect.",
        {"OWASP-IoT-2018-I8", "JP-IoT-GL-13"},
        true};
    return i;
  }
  void run(Context& ctx) const override {
    for (const auto& s : ctx.sockets()) {
      if (!s.proto.starts_with("raw")) continue;
      ctx.report(
          s.proto + " protocol " + std::to_string(s.local_port) + " (" +
              (s.comm.empty() ? "unknown" : s.comm) + ")",
          {{"proto", s.proto}, {"ip_protocol", s.local_port}, {"pid", s.pid}, {"process", s.comm}});
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_rootkit_raw_sockets() { return std::make_unique<RootkitRawSockets>(); }
}  // namespace iotguard::audit
