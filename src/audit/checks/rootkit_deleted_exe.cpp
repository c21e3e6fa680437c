// SPDX-License-Identifier: GPL-2.0-or-later
// ROOTKIT-006: a process whose executable was deleted. Mirai unlinks itself
// at start (threats.md §2.5), so /proc/PID/exe reads "... (deleted)".
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
      // "/memfd:name": the program runs from memory (fileless malware, or a container
      // runtime's sealed copy of itself): reported, with less confidence.
      const bool memfd = p.exe.starts_with("/memfd:");
      Finding& f =
          ctx.report(p.exe + " (pid " + std::to_string(p.pid) + ")",
                     {{"pid", p.pid}, {"process", p.comm}, {"exe", p.exe}, {"memfd", memfd}});
      f.confidence = memfd ? 0.4 : 0.7;
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_rootkit_deleted_exe() { return std::make_unique<RootkitDeletedExe>(); }
}  // namespace iotguard::audit
