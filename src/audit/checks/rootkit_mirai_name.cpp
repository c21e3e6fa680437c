// SPDX-License-Identifier: GPL-2.0-or-later
// ROOTKIT-007: a process name of exactly 15 characters from Mirai's random
// alphabet [a-w0-8] (threats.md §2.5: prctl(PR_SET_NAME) with 12-32 random
// characters, truncated to 15 in comm), unless the executable has that name.
#include "audit/check.h"
#include "audit/procfs.h"

namespace iotguard::audit {
namespace {

bool mirai_like(std::string_view comm) {
  if (comm.size() != 15) return false;
  for (char c : comm)
    if (!((c >= 'a' && c <= 'w') || (c >= '0' && c <= '8'))) return false;
  return true;
}

class RootkitMiraiName final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "ROOTKIT-007",
        "compromise",
        "Process name matches Mirai's random-name pattern",
        Severity::high,
        "Mirai renames itself to random characters from [a-w0-8]; comm shows the first 15.",
        "Inspect the process (exe, sockets); kill it and reboot if it is the bot, then close "
        "the door it used.",
        {"OWASP-IoT-2018-I8", "JP-IoT-GL-13"},
        true};
    return i;
  }
  void run(Context& ctx) const override {
    for (const auto& p : ctx.processes()) {
      if (!mirai_like(p.comm)) continue;
      const std::string_view base = std::string_view(p.exe).substr(p.exe.rfind('/') + 1);
      if (!p.exe.empty() && base.starts_with(p.comm)) continue;  // a real program with that name
      Finding& f = ctx.report(p.comm + " (pid " + std::to_string(p.pid) + ")",
                              {{"pid", p.pid}, {"process", p.comm}, {"exe", p.exe}});
      f.family = "Mirai";
      f.confidence = 0.6;
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_rootkit_mirai_name() { return std::make_unique<RootkitMiraiName>(); }
}  // namespace iotguard::audit
