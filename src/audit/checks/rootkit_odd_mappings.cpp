// SPDX-License-Identifier: GPL-2.0-or-later
// ROOTKIT-005: shared libraries mapped from places libraries do not live:
// /tmp, /dev/shm, /var/tmp, /var/run, /run/shm, or Umbreon's /usr/share/libc.so.* (threats.md §6:
// "libc.so.* mappings").
#include <unistd.h>

#include <set>

#include "audit/check.h"
#include "audit/procfs.h"
#include "audit/text_file.h"
#include "core/obfuscated.h"

namespace iotguard::audit {
namespace {

// Obfuscated (core/obfuscated.h): in clear, Umbreon's names make IoTGuard's
// own binary match the Umbreon rule.
constexpr auto kUmbreon = obfuscate("/usr/share/libc.so.", "umbreon-location");

std::string_view odd_reason(std::string_view path) {
  static const std::vector<std::string> names = kUmbreon.decode();
  for (std::string_view d : {"/tmp/", "/dev/shm/", "/var/tmp/", "/var/run/", "/run/shm/"})
    if (path.starts_with(d)) return "writable-directory";
  if (path.starts_with(names[0])) return names[1];
  return {};
}

class RootkitOddMappings final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "ROOTKIT-005",
        "compromise",
        "Library mapped from an unusual location",
        Severity::high,
        "Injected or preloaded malware libraries are dropped in world-writable or hidden "
        "places, or deleted after loading.",
        "Identify the library and the process; treat unknown ones as compromise.",
        {"OWASP-IoT-2018-I8", "JP-IoT-GL-13"},
        true};
    return i;
  }
  void run(Context& ctx) const override {
    for (const auto& p : ctx.processes()) {
      // IoTGuard's own executable: on a device it is often copied to /tmp, the
      // only writable place. Libraries preloaded into it are still reported.
      const bool self = ctx.root.live() && p.pid == ::getpid();
      auto maps = ctx.root.read("/proc/" + std::to_string(p.pid) + "/maps", std::size_t{8} << 20);
      if (!maps) continue;
      std::set<std::string> reported;
      for_each_line(*maps, [&](std::size_t, std::string_view line) {
        // address perms offset dev inode pathname (proc(5))
        const std::size_t slash = line.find('/');
        if (slash == std::string_view::npos) return true;
        const std::string_view path = line.substr(slash);
        const auto w = words(line);
        if (w.size() < 2 || w[1].size() < 3 || w[1][2] != 'x') return true;  // executable maps only
        if (self && path == p.exe) return true;
        const auto why = odd_reason(path);
        if (why.empty() || !reported.emplace(path).second) return true;
        ctx.report(std::string(path) + " in " + p.comm, {{"pid", p.pid},
                                                         {"process", p.comm},
                                                         {"library", std::string(path)},
                                                         {"reason", std::string(why)}});
        return true;
      });
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_rootkit_odd_mappings() {
  return std::make_unique<RootkitOddMappings>();
}
}  // namespace iotguard::audit
