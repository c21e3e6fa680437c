// SPDX-License-Identifier: GPL-2.0-or-later
// ROOTKIT-001: /etc/ld.so.preload lists libraries. Userland rootkits (Jynx,
// Umbreon's ancestors, threats.md §6) load themselves into every process this way.
#include "audit/check.h"
#include "audit/text_file.h"

namespace iotguard::audit {
namespace {

class RootkitLdPreload final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "ROOTKIT-001",
        "compromise",
        "Libraries preloaded through /etc/ld.so.preload",
        Severity::high,
        "Every dynamically linked program loads the listed libraries first; userland rootkits "
        "use it to hide files, processes and connections.",
        "Identify the listed library; if nobody installed it on purpose, treat the device as "
        "compromised and reinstall it.",
        {"OWASP-IoT-2018-I8", "JP-IoT-GL-13"}};
    return i;
  }
  void run(Context& ctx) const override {
    const std::string path = "/etc/ld.so.preload";
    if (!ctx.root.exists(path)) return;
    auto text = ctx.root.read(path, ctx.opt.max_config_bytes);
    if (!text) return ctx.error(path, text.error().message);
    for_each_line(*text, [&](std::size_t n, std::string_view line) {
      // ld.so(8): entries are separated by whitespace or colons.
      if (is_comment(line)) return true;
      std::string l(line);
      for (auto& c : l)
        if (c == ':') c = ' ';
      for (auto w : words(l))
        ctx.report(std::string(w), {{"file", path}, {"line", n}, {"library", std::string(w)}});
      return true;
    });
  }
};

}  // namespace
std::unique_ptr<Check> make_rootkit_ld_preload() { return std::make_unique<RootkitLdPreload>(); }
}  // namespace iotguard::audit
