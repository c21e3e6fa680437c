// SPDX-License-Identifier: GPL-2.0-or-later
// ROOTKIT-003: a glibc dynamic loader (ld-linux*.so*, ld-2.*.so) that lacks the
// literal "/etc/ld.so.preload": patched to read another file (Umbreon,
// threats.md §6 "Search ld-*.so for the literal string").
#include <set>

#include "audit/check.h"

namespace iotguard::audit {
namespace {

bool glibc_loader_name(std::string_view n) {
  return (n.starts_with("ld-linux") && n.find(".so") != std::string_view::npos) ||
         (n.starts_with("ld-2.") && n.ends_with(".so"));
}

class RootkitPatchedLoader final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "ROOTKIT-003",
        "compromise",
        "Dynamic loader patched (no /etc/ld.so.preload string)",
        Severity::critical,
        "glibc's loader always contains the path /etc/ld.so.preload; a loader without it has "
        "been modified to hide a preloaded rootkit.",
        "Treat the device as compromised; compare the loader with the distribution's package "
        "and reinstall.",
        {"OWASP-IoT-2018-I8", "JP-IoT-GL-13"}};
    return i;
  }
  void run(Context& ctx) const override {
    std::set<std::pair<dev_t, ino_t>> seen;
    std::vector<std::string> dirs = {"/lib", "/lib64", "/usr/lib", "/usr/lib64", "/lib32"};
    // Multiarch: /lib/x86_64-linux-gnu, /usr/lib/arm-linux-gnueabihf, ...
    for (const char* base : {"/lib", "/usr/lib"})
      if (auto e = ctx.root.list(base, 16384))
        for (const auto& d : *e)
          if (d.name.find("-linux-") != std::string::npos) dirs.push_back(join(base, d.name));
    for (const auto& dir : dirs) {
      auto entries = ctx.root.list(dir, 65536);
      if (!entries) continue;
      for (const auto& e : *entries) {
        if (!glibc_loader_name(e.name)) continue;
        const std::string p = join(dir, e.name);
        auto st = ctx.root.stat(p);
        if (!st || !S_ISREG(st->st_mode) || !seen.emplace(st->st_dev, st->st_ino).second) continue;
        auto bytes = ctx.root.read(p, ctx.opt.max_binary_bytes);
        if (!bytes) {
          ctx.error(p, bytes.error().message);
          continue;
        }
        if (bytes->size() < 4 || bytes->compare(0, 4,
                                                "\x7f"
                                                "ELF") != 0)
          continue;
        if (bytes->find("/etc/ld.so.preload") == std::string::npos)
          ctx.report(p, {{"file", p}, {"missing", "/etc/ld.so.preload"}});
      }
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_rootkit_patched_loader() {
  return std::make_unique<RootkitPatchedLoader>();
}
}  // namespace iotguard::audit
