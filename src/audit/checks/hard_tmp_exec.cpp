// SPDX-License-Identifier: GPL-2.0-or-later
// HARD-001: /tmp allows execution. Every Mirai-family loader drops and runs
// its payload in a writable directory found via /proc/mounts (threats.md
// §2.3). Live: /proc/self/mounts; firmware: /etc/fstab when it mounts /tmp.
#include "audit/check.h"
#include "audit/text_file.h"

namespace iotguard::audit {
namespace {

class HardTmpExec final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "HARD-001",
        "hardening",
        "/tmp is mounted without noexec",
        Severity::low,
        "Droppers write their payload to /tmp and run it; noexec makes that step fail.",
        "Mount /tmp (and /dev/shm, /var/tmp) with noexec,nosuid,nodev.",
        {"OWASP-IoT-2018-I9", "JP-IoT-GL-15"}};
    return i;
  }
  void run(Context& ctx) const override {
    const std::string path = ctx.root.live() ? "/proc/self/mounts" : "/etc/fstab";
    auto text = ctx.root.read(path, ctx.opt.max_config_bytes);
    if (!text) return;  // no fstab: /tmp is set up by scripts, nothing to judge here
    std::string options;
    std::size_t line_no = 0;
    for_each_line(*text, [&](std::size_t n, std::string_view line) {
      if (is_comment(line)) return true;
      auto w = words(line);  // fs_spec fs_file fs_vfstype fs_mntops (fstab(5))
      if (w.size() >= 4 && w[1] == "/tmp") options = w[3], line_no = n;  // the last mount wins
      return true;
    });
    if (options.empty()) {
      // Live: /tmp is part of /, which is never noexec on a working system.
      if (ctx.root.live()) ctx.report("/tmp is on the root filesystem", {{"file", path}});
      return;
    }
    const std::string opts = "," + options + ",";
    if (opts.find(",noexec,") == std::string::npos)
      ctx.report("", {{"file", path}, {"line", line_no}, {"options", options}});
  }
};

}  // namespace
std::unique_ptr<Check> make_hard_tmp_exec() { return std::make_unique<HardTmpExec>(); }
}  // namespace iotguard::audit
