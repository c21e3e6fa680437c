// SPDX-License-Identifier: GPL-2.0-or-later
// ROOTKIT-004: LD_PRELOAD in a running process's environment (threats.md §6
// host checks: "Look for LD_PRELOAD in /proc/*/environ").
#include "audit/check.h"
#include "audit/procfs.h"

namespace iotguard::audit {
namespace {

class RootkitLdPreloadEnv final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "ROOTKIT-004",
        "compromise",
        "Process runs with LD_PRELOAD",
        Severity::high,
        "LD_PRELOAD injects a library into a process; rootkits and credential stealers use it "
        "to hook libc.",
        "Find who started the process with LD_PRELOAD and why; remove the library if unknown.",
        {"OWASP-IoT-2018-I8", "JP-IoT-GL-13"},
        true};
    return i;
  }
  void run(Context& ctx) const override {
    for (const auto& p : ctx.processes()) {
      auto env = ctx.root.read("/proc/" + std::to_string(p.pid) + "/environ", 256 * 1024);
      if (!env) continue;
      std::string_view e = *env;
      while (!e.empty()) {
        const std::size_t nul = e.find('\0');
        const std::string_view var = e.substr(0, nul);
        if (var.starts_with("LD_PRELOAD=") && var.size() > 11)
          ctx.report(p.comm + " (pid " + std::to_string(p.pid) + ")",
                     {{"pid", p.pid},
                      {"process", p.comm},
                      {"exe", p.exe},
                      {"ld_preload", std::string(var.substr(11, 512))}});
        if (nul == std::string_view::npos) break;
        e.remove_prefix(nul + 1);
      }
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_rootkit_ld_preload_env() {
  return std::make_unique<RootkitLdPreloadEnv>();
}
}  // namespace iotguard::audit
