// SPDX-License-Identifier: GPL-2.0-or-later
// ROOTKIT-013: XorDDoS artefacts (threats.md §9, Microsoft 2022):
// /etc/cron.hourly/gcc.sh and crontab lines running it, /lib/libudev.so,
// /var/run/gcc.pid, and the rootkit's /proc/rs_dev on a live system.
#include "audit/check.h"
#include "audit/text_file.h"

namespace iotguard::audit {
namespace {

class RootkitXorddosArtefacts final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "ROOTKIT-013",
        "compromise",
        "XorDDoS artefact",
        Severity::critical,
        "XorDDoS persists through /etc/cron.hourly/gcc.sh, drops a copy as /lib/libudev.so "
        "and hides with a kernel module exposing /proc/rs_dev.",
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
    for (auto p :
         {"/etc/cron.hourly/gcc.sh", "/lib/libudev.so", "/var/run/gcc.pid", "/run/gcc.pid"})
      if (ctx.root.exists(p)) hit(p, nlohmann::json::object());
    if (ctx.root.live() && ctx.root.exists("/proc/rs_dev")) hit("/proc/rs_dev", {});
    for (const auto& f : ctx.cron_files()) {
      if (f.path == "/etc/cron.hourly/gcc.sh") continue;
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
