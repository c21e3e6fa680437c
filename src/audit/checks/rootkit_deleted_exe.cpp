// SPDX-License-Identifier: GPL-2.0-or-later
// ROOTKIT-006: a process whose executable was deleted. Mirai unlinks itself
// at start (threats.md §2.5), so /proc/PID/exe reads "... (deleted)": high.
// A program running from a memfd ("/memfd:NAME (deleted)") is reported at
// medium with its name, except a short list of benign runtime names.
#include <string>
#include <string_view>

#include "audit/check.h"
#include "audit/procfs.h"

namespace iotguard::audit {
namespace {

class RootkitDeletedExe final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "ROOTKIT-006",
        "compromise",
        "Process running from a deleted executable",
        Severity::high,
        "IoT bots delete their own binary after starting so nothing is left on disk to find; "
        "a package upgrade that replaced a running daemon looks the same until it restarts.",
        "Check whether the program was just upgraded; otherwise capture /proc/PID/exe for "
        "analysis and treat the device as compromised.",
        {"OWASP-IoT-2018-I8", "JP-IoT-GL-13"},
        true};
    return i;
  }
  void run(Context& ctx) const override {
    for (const auto& p : ctx.processes()) {
      if (!p.exe_deleted) continue;
      if (!p.exe.starts_with(kMemfd)) {
        Finding& f = ctx.report(p.exe + " (pid " + std::to_string(p.pid) + ")",
                                {{"pid", p.pid}, {"process", p.comm}, {"exe", p.exe}});
        f.confidence = 0.7;
        continue;
      }
      // "/memfd:NAME": the program runs from an anonymous memory file. Fileless
      // malware does this, and so do container runtimes that re-exec a sealed
      // copy of themselves (CVE-2019-5736): those are left out by name.
      const std::string name = p.exe.substr(kMemfd.size());
      if (benign_memfd(name)) continue;
      Finding& f = ctx.report("memfd:" + name + " (pid " + std::to_string(p.pid) + ")",
                              {{"pid", p.pid},
                               {"process", p.comm},
                               {"exe", p.exe},
                               {"memfd", true},
                               {"memfd_name", name}});
      f.severity = Severity::medium;
      f.confidence = 0.4;
    }
  }

 private:
  static constexpr std::string_view kMemfd = "/memfd:";

  // Memfd names of known benign re-exec: runc's cloned_binary.c names its
  // copy "runc_cloned:/proc/self/exe" (or "runc_cloned:runc-dmz"), and crun
  // and memfd-bind reuse that code and name. Kept short on purpose: a name is
  // chosen by whoever calls memfd_create, so every entry is a way to hide.
  static bool benign_memfd(std::string_view name) { return name.starts_with("runc_cloned:"); }
};

}  // namespace
std::unique_ptr<Check> make_rootkit_deleted_exe() { return std::make_unique<RootkitDeletedExe>(); }
}  // namespace iotguard::audit
