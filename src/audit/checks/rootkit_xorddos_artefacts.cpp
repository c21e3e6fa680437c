// SPDX-License-Identifier: GPL-2.0-or-later
// ROOTKIT-013: XorDDoS artefacts (threats.md §9, Microsoft 2022):
// /etc/cron.hourly/gcc.sh and crontab lines running it, /lib/libudev.so,
// /var/run/gcc.pid, and the rootkit's /proc/rs_dev on a live system.
#include "audit/check.h"
#include "audit/text_file.h"
#include "core/obfuscated.h"

namespace iotguard::audit {
namespace {

// Obfuscated (core/obfuscated.h): in clear, these paths make IoTGuard's own
// binary match the XorDDoS rule. The first is also the cron script's path.
constexpr auto kArtefacts =
    obfuscate("/etc/cron.hourly/gcc.sh", "/lib/libudev.so", "/var/run/gcc.pid", "/run/gcc.pid");
constexpr auto kRootkitDevice = obfuscate("/proc/rs_dev");

class RootkitXorddosArtefacts final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "ROOTKIT-013",
        "compromise",
        "XorDDoS artefact",
        Severity::critical,
        "XorDDoS persists through an hourly cron script (gcc.sh), drops a copy of itself as "
        "a libudev library and hides with a kernel module that exposes a /proc device.",
        "Treat the device as compromised: reinstall, rotate SSH credentials, restrict SSH.",
        {"OWASP-IoT-2018-I8", "JP-IoT-GL-13"}};
    return i;
  }
  void run(Context& ctx) const override {
    auto hit = [&](const std::string& p, nlohmann::json ev) {
      ev["file"] = p;
      Finding& f = ctx.report(p, std::move(ev));
      f.family = "XorDDoS";
    };
    const auto paths = kArtefacts.decode();
    for (const auto& p : paths)
      if (ctx.root.exists(p)) hit(p, nlohmann::json::object());
    if (const auto dev = kRootkitDevice.str(); ctx.root.live() && ctx.root.exists(dev))
      hit(dev, {});
    for (const auto& f : ctx.cron_files()) {
      if (f.path == paths[0]) continue;
      for_each_line(f.text, [&](std::size_t n, std::string_view line) {
        if (!is_comment(line) && line.find("gcc.sh") != std::string_view::npos)
          hit(f.path, {{"line", n}, {"text", std::string(trim(line).substr(0, 200))}});
        return true;
      });
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_rootkit_xorddos_artefacts() {
  return std::make_unique<RootkitXorddosArtefacts>();
}
}  // namespace iotguard::audit
