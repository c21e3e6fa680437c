// SPDX-License-Identifier: GPL-2.0-or-later
// REMOTE-001: telnetd started at boot, through inittab, inetd/xinetd, init.d
// or rc scripts, or systemd units. Telnet on 23/2323 is how Mirai and Gafgyt
// get in (threats.md §2.3, §3; §12 "telnetd in init scripts").
#include "audit/check.h"
#include "audit/text_file.h"

namespace iotguard::audit {
namespace {

bool mentions_telnetd(std::string_view line) {
  return has_command(line, "telnetd") || has_command(line, "utelnetd") ||
         has_command(line, "in.telnetd");
}

// Lines that name telnetd without starting it.
bool only_mentions(std::string_view line) {
  const auto t = trim(line);
  for (std::string_view p :
       {"kill", "pidof", "echo", "[", "test ", "if [", "if test", "type ", "command -v", "which "})
    if (t.starts_with(p)) return true;
  return t.find(" -K") != std::string_view::npos || t.find("--stop") != std::string_view::npos;
}

class RemoteTelnetdEnabled final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "REMOTE-001",
        "remote-access",
        "Telnet server enabled at boot",
        Severity::high,
        "Telnet sends passwords in clear and is the door IoT worms brute-force first (Mirai "
        "scans 23 and 2323).",
        "Remove telnetd from inittab, inetd.conf, init scripts and units; use SSH with keys if "
        "remote shell access is needed.",
        {"OWASP-IoT-2018-I2", "OWASP-IoT-2018-I9", "JP-IoT-GL-14"}};
    return i;
  }

  void run(Context& ctx) const override {
    for (const auto& f : ctx.startup_files()) {
      if (f.kind == "default" || f.kind == "uci") continue;
      if (f.kind == "xinetd") {
        xinetd(ctx, f);
        continue;
      }
      for_each_line(f.text, [&](std::size_t n, std::string_view line) {
        if (is_comment(line)) return true;
        bool on = false;
        if (f.kind == "inittab") {
          // id:runlevels:action:process (BusyBox allows empty id and runlevels)
          std::size_t colons = 0, pos = 0;
          while (colons < 3 && (pos = line.find(':', pos)) != std::string_view::npos)
            ++colons, ++pos;
          on = colons == 3 && mentions_telnetd(line.substr(pos));
        } else if (f.kind == "inetd") {
          auto w = words(line);
          on = (!w.empty() && (w[0] == "telnet" || w[0] == "23")) || mentions_telnetd(line);
        } else {
          on = mentions_telnetd(line) && !only_mentions(line);
        }
        if (on)
          ctx.report(f.path, {{"file", f.path},
                              {"line", n},
                              {"mechanism", f.kind},
                              {"text", std::string(trim(line).substr(0, 200))}});
        return true;
      });
    }
  }

 private:
  // xinetd.conf(5): a "service telnet" block is on unless it says disable = yes.
  static void xinetd(Context& ctx, const TextFile& f) {
    std::size_t start = 0;
    bool in_telnet = false, disabled = false;
    for_each_line(f.text, [&](std::size_t n, std::string_view line) {
      auto w = words(line);
      if (w.size() >= 2 && w[0] == "service") {
        in_telnet = w[1] == "telnet";
        start = n;
        disabled = false;
      } else if (in_telnet && w.size() >= 3 && w[0] == "disable" && w[2] == "yes") {
        disabled = true;
      } else if (in_telnet && !w.empty() && w[0] == "}") {
        if (!disabled)
          ctx.report(f.path, {{"file", f.path},
                              {"line", start},
                              {"mechanism", "xinetd"},
                              {"text", "service telnet"}});
        in_telnet = false;
      }
      return true;
    });
  }
};

}  // namespace
std::unique_ptr<Check> make_remote_telnetd_enabled() {
  return std::make_unique<RemoteTelnetdEnabled>();
}
}  // namespace iotguard::audit
