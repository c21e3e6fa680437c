// SPDX-License-Identifier: GPL-2.0-or-later
// ROOTKIT-011: firewall rules that drop the ports bots close behind
// themselves: 23, 7547, 5555, 5358 (Hajime, threats.md §7; the TR-069 Mirai
// variant, §2.8). Read from startup scripts and cron on any root, and on the
// live system from the kernel's rules (firewall.h): a bot adds them at run
// time, so no script holds them. A rule source the kernel would not let us
// read is reported as not assessed, never as clean.
#include <charconv>

#include <fmt/format.h>

#include "audit/check.h"
#include "audit/firewall.h"
#include "audit/text_file.h"

namespace iotguard::audit {
namespace {

class RootkitPortBlocking final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "ROOTKIT-011",
        "compromise",
        "Firewall rule blocks a port bots close after infection",
        Severity::high,
        "Hajime and Mirai variants drop inbound 23, 7547, 5555 and 5358 so no rival (and no "
        "owner) can reuse the hole they came in through.",
        "Find who added the rule; if nobody did, treat the device as compromised.",
        {"OWASP-IoT-2018-I8", "JP-IoT-GL-13"}};
    return i;
  }
  void run(Context& ctx) const override {
    if (ctx.root.live()) live(ctx);
    std::vector<const TextFile*> files;
    for (const auto& f : ctx.startup_files()) files.push_back(&f);
    for (const auto& f : ctx.cron_files()) files.push_back(&f);
    for (const auto* f : files)
      for_each_line(f->text, [&](std::size_t n, std::string_view line) {
        if (is_comment(line) || line.find("iptables") == std::string_view::npos) return true;
        if (line.find("DROP") == std::string_view::npos &&
            line.find("REJECT") == std::string_view::npos)
          return true;
        auto w = words(line);
        for (std::size_t i = 0; i + 1 < w.size(); ++i) {
          if (w[i] != "--dport" && w[i] != "--destination-port") continue;
          unsigned port = 0;
          auto v = w[i + 1];
          if (std::from_chars(v.data(), v.data() + v.size(), port).ec != std::errc() ||
              !bot_ports().contains(port))
            continue;
          ctx.report("port " + std::to_string(port) + " in " + f->path,
                     {{"source", "script"},
                      {"file", f->path},
                      {"line", n},
                      {"port", port},
                      {"text", std::string(trim(line).substr(0, 200))}});
        }
        return true;
      });
  }

 private:
  static void live(Context& ctx) {
    const LiveFirewall fw = read_live_firewall(ctx.root);
    for (const auto& r : fw.blocking)
      for (unsigned port : r.ports)
        ctx.report(fmt::format("port {} in {} {} {}", port, r.source, r.table, r.chain),
                   {{"source", r.source},
                    {"table", r.table},
                    {"chain", r.chain},
                    {"port", port},
                    {"dport", r.port_lo == r.port_hi ? std::to_string(r.port_lo)
                                                     : fmt::format("{}:{}", r.port_lo, r.port_hi)},
                    {"verdict", r.verdict}});
    for (const auto& s : fw.sources)
      if (!s.assessed) {
        Finding& f =
            ctx.report(s.name + " rules not assessed",
                       {{"status", "not_assessed"}, {"source", s.name}, {"reason", s.problem}});
        f.severity = Severity::info;
      }
  }
};

}  // namespace
std::unique_ptr<Check> make_rootkit_port_blocking() {
  return std::make_unique<RootkitPortBlocking>();
}
}  // namespace iotguard::audit
