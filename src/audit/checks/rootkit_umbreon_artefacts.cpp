// SPDX-License-Identifier: GPL-2.0-or-later
// ROOTKIT-012: files Umbreon leaves (threats.md §6, Trend Micro's IOC list),
// its library at /usr/share/libc.so.<rand>.* and the /usr/lib/libc.so.<rand>/ directory.
#include <dirent.h>

#include "audit/check.h"
#include "core/obfuscated.h"

namespace iotguard::audit {
namespace {

// Obfuscated (core/obfuscated.h): in clear, these paths make IoTGuard's own
// binary match the Umbreon rule.
constexpr auto kArtefacts = obfuscate(
    "/bin/espeon", "/bin/espeon-shell", "/bin/unhide-self", "/bin/umbreon.py", "/bin/spytty",
    "/bin/.x", "/.ldso/strace.so", "/.umbreon-ascii", "/.init-append", "/promptlog", "/hideports");

class RootkitUmbreonArtefacts final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "ROOTKIT-012",
        "compromise",
        "Umbreon rootkit artefact",
        Severity::critical,
        "These paths are installed by the Umbreon userland rootkit and its Espeon backdoor.",
        "Treat the device as compromised: reinstall from trusted media, rotate credentials.",
        {"OWASP-IoT-2018-I8", "JP-IoT-GL-13"}};
    return i;
  }
  void run(Context& ctx) const override {
    auto hit = [&](const std::string& p) {
      Finding& f = ctx.report(p, {{"file", p}});
      f.family = "Umbreon";
    };
    for (const auto& p : kArtefacts.decode())
      if (ctx.root.exists(p)) hit(p);
    if (auto e = ctx.root.list("/usr/share", 65536))
      for (const auto& d : *e)
        if (d.name.starts_with("libc.so.")) hit("/usr/share/" + d.name);
    // /usr/lib/libc.so.<rand>/: a directory; the real libc.so is a file (a linker script).
    if (auto e = ctx.root.list("/usr/lib", 65536))
      for (const auto& d : *e)
        if (d.name.starts_with("libc.so.") && d.type == DT_DIR) hit("/usr/lib/" + d.name);
  }
};

}  // namespace
std::unique_ptr<Check> make_rootkit_umbreon_artefacts() {
  return std::make_unique<RootkitUmbreonArtefacts>();
}
}  // namespace iotguard::audit
