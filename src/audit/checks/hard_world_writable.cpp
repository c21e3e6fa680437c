// SPDX-License-Identifier: GPL-2.0-or-later
// HARD-002: world-writable files, and world-writable directories without the
// sticky bit, under the system directories (/bin, /sbin, /lib, /usr, /etc,
// /opt, /www). Symlinks are skipped (their mode means nothing). The walk is
// bounded by AuditOptions::walk_max_files and walk_max_depth.
#include <sys/stat.h>

#include <cstdio>

#include "audit/check.h"
#include "audit/tree_walk.h"

namespace iotguard::audit {
namespace {

class HardWorldWritable final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "HARD-002",
        "hardening",
        "World-writable file in a system directory",
        Severity::medium,
        "Any local process, including a compromised web UI, can replace a world-writable "
        "program, library or config and gain the rights of whoever uses it.",
        "chmod o-w the file (or add the sticky bit to shared directories).",
        {"OWASP-IoT-2018-I9", "JP-IoT-GL-15"}};
    return i;
  }
  void run(Context& ctx) const override {
    std::size_t reported = 0;
    for (const auto& f : ctx.special_files().files) {
      if (!(f.mode & S_IWOTH)) continue;
      if (S_ISDIR(f.mode) && (f.mode & S_ISVTX)) continue;
      if (!S_ISDIR(f.mode) && !S_ISREG(f.mode)) continue;  // sockets, fifos, devices
      if (++reported > 1000) break;
      char mode[8];
      std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(f.mode & 07777));
      ctx.report(f.path,
                 {{"file", f.path}, {"mode", mode}, {"type", S_ISDIR(f.mode) ? "dir" : "file"}});
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_hard_world_writable() { return std::make_unique<HardWorldWritable>(); }
}  // namespace iotguard::audit
