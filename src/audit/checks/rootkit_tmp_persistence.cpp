// SPDX-License-Identifier: GPL-2.0-or-later
// ROOTKIT-014: cron, init.d, rc.local or systemd starting something from
// /tmp, /var/tmp, /dev/shm or /var/run. Bots stage there (XorDDoS from
// /dev/shm, threats.md §9; Gafgyt variants persist via crontab, §3; VPNFilter
// via crontab, §10).
#include "audit/check.h"
#include "audit/text_file.h"

namespace iotguard::audit {
namespace {

std::string_view unquote(std::string_view w) {
  while (!w.empty() && (w.front() == '"' || w.front() == '\'' || w.front() == '('))
    w.remove_prefix(1);
  return w;
}

// The staging directory a program path starts with, if any.
std::string_view staging_dir(std::string_view word) {
  word = unquote(word);
  for (std::string_view d : {"/tmp/", "/var/tmp/", "/dev/shm/", "/var/run/", "/run/shm/"})
    if (word.starts_with(d)) return d;
  return {};
}

bool launcher(std::string_view w) {
  for (std::string_view l :
       {"nohup",    "exec",    "sh",           "bash",    "ash",  "/bin/sh", "/bin/bash",
        "/bin/ash", "busybox", "/bin/busybox", "setsid",  "then", "do",      "else",
        "sudo",     "env",     "nice",         "timeout", "-c",   "{"})
    if (w == l) return true;
  return w.find('=') != std::string_view::npos && !w.starts_with("/");  // VAR=value prefix
}

// The staging directory of a program the shell line runs: the first word of
// each command (after ;, &, |, `, $( and launchers such as nohup or sh), the
// target of start-stop-daemon --exec/-x, or a systemd Exec*= line.
std::string_view runs_from_staging(std::string_view line, bool crontab) {
  std::string l(line);
  for (auto& c : l)
    if (c == ';' || c == '&' || c == '|' || c == '`') c = '\n';
  std::string_view rest = l;
  std::size_t seg_no = 0;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    std::string seg(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    if (auto d = seg.find("$("); d != std::string::npos) seg.replace(d, 2, " ");
    if (seg.starts_with("Exec")) {
      // ExecStart=-/tmp/x (systemd.service(5) prefixes -, @, :, +, !)
      auto eq = seg.find('=');
      if (eq == std::string::npos) continue;
      std::string_view v = std::string_view(seg).substr(eq + 1);
      while (!v.empty() && std::string_view("-@:+!").find(v.front()) != std::string_view::npos)
        v.remove_prefix(1);
      seg = std::string(v);
    }
    auto w = words(seg);
    std::size_t i = 0;
    if (crontab && seg_no == 0 && !w.empty()) i = w[0].starts_with("@") ? 1 : 5;
    ++seg_no;
    for (std::size_t k = i; k + 1 < w.size(); ++k)
      if (w[k] == "--exec" || w[k] == "-x" || w[k] == "--startas" || w[k] == "-a")
        if (auto d = staging_dir(w[k + 1]); !d.empty()) return d;
    // /etc/crontab and cron.d name the user before the command.
    for (std::size_t tries = 0; i < w.size() && tries < 8; ++i, ++tries) {
      if (auto d = staging_dir(w[i]); !d.empty()) return d;
      if (!launcher(w[i]) && !(crontab && tries == 0 && w[i].find('/') == std::string_view::npos))
        break;
    }
  }
  return {};
}

class RootkitTmpPersistence final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "ROOTKIT-014",
        "compromise",
        "Persistence runs a program from a temporary directory",
        Severity::high,
        "Legitimate services are not started from /tmp, /dev/shm or /var/run; droppers put "
        "their payload there and add a cron job or init script to restart it.",
        "Remove the entry and the file it runs; find how it got there.",
        {"OWASP-IoT-2018-I8", "JP-IoT-GL-13"}};
    return i;
  }
  void run(Context& ctx) const override {
    std::vector<const TextFile*> files;
    for (const auto& f : ctx.cron_files()) files.push_back(&f);
    for (const auto& f : ctx.startup_files())
      if (f.kind != "default" && f.kind != "uci" && f.kind != "inetd" && f.kind != "xinetd")
        files.push_back(&f);
    for (const auto* f : files)
      for_each_line(f->text, [&](std::size_t n, std::string_view line) {
        if (is_comment(line)) return true;
        if (f->kind == "systemd" && !trim(line).starts_with("Exec")) return true;
        const bool crontab = f->kind == "cron" && !f->path.starts_with("/etc/cron.hourly") &&
                             !f->path.starts_with("/etc/cron.daily") &&
                             !f->path.starts_with("/etc/cron.weekly") &&
                             !f->path.starts_with("/etc/cron.monthly");
        const auto dir = runs_from_staging(trim(line), crontab);
        if (dir.empty()) return true;
        ctx.report(f->path + ":" + std::to_string(n),
                   {{"file", f->path},
                    {"line", n},
                    {"mechanism", f->kind},
                    {"directory", std::string(dir)},
                    {"text", std::string(trim(line).substr(0, 200))}});
        return true;
      });
  }
};

}  // namespace
std::unique_ptr<Check> make_rootkit_tmp_persistence() {
  return std::make_unique<RootkitTmpPersistence>();
}
}  // namespace iotguard::audit
