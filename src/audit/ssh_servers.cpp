// SPDX-License-Identifier: GPL-2.0-or-later
#include "audit/ssh_servers.h"

#include <algorithm>
#include <cctype>

#include "audit/check.h"
#include "audit/text_file.h"

namespace iotguard::audit {
namespace {

std::string lower(std::string_view s) {
  std::string o(s);
  std::transform(o.begin(), o.end(), o.begin(), [](unsigned char c) { return std::tolower(c); });
  return o;
}

std::string unquote(std::string_view s) {
  s = trim(s);
  if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"') && s.back() == s.front())
    s = s.substr(1, s.size() - 2);
  return std::string(s);
}

void sshd(Context& ctx, std::vector<SshServerSetting>& out) {
  const std::string path = "/etc/ssh/sshd_config";
  if (!ctx.root.exists(path)) return;
  auto text = ctx.root.read(path, ctx.opt.max_config_bytes);
  if (!text) return ctx.error(path, text.error().message);
  // sshd_config(5): "the first obtained value will be used"; Match blocks are
  // conditional and left out here.
  std::string root_login, empty, password_auth;
  std::size_t root_line = 0, empty_line = 0;
  for_each_line(*text, [&](std::size_t n, std::string_view line) {
    if (is_comment(line)) return true;
    auto w = words(line);
    if (w.size() < 2) return true;
    const std::string key = lower(w[0]);
    if (key == "match") return false;
    if (key == "permitrootlogin" && root_login.empty()) root_login = lower(w[1]), root_line = n;
    if (key == "permitemptypasswords" && empty.empty()) empty = lower(w[1]), empty_line = n;
    if (key == "passwordauthentication" && password_auth.empty()) password_auth = lower(w[1]);
    return true;
  });
  if (root_login == "yes" && password_auth != "no")
    out.push_back({"sshd", path, root_line, "PermitRootLogin yes", true, false});
  if (empty == "yes" && password_auth != "no")
    out.push_back({"sshd", path, empty_line, "PermitEmptyPasswords yes", false, true});
}

struct DropbearFlags {
  bool no_root = false, no_root_password = false, no_password = false, blank_ok = false;
  void add(std::string_view args) {
    for (auto w : words(args)) {
      if (w.size() < 2 || w.front() != '-' || w[1] == '-') continue;
      for (char c : w.substr(1)) {
        if (c == 'w') no_root = true;
        if (c == 'g') no_root_password = true;
        if (c == 's') no_password = true;
        if (c == 'B') blank_ok = true;
        if (!std::isalpha(static_cast<unsigned char>(c))) break;  // "-p2222": stop at the value
      }
    }
  }
};

void dropbear(Context& ctx, std::vector<SshServerSetting>& out) {
  bool present = false;
  for (auto p : {"/usr/sbin/dropbear", "/sbin/dropbear", "/usr/bin/dropbearmulti",
                 "/usr/sbin/dropbearmulti", "/bin/dropbear"})
    present = present || ctx.root.exists(p);
  if (!present) return;

  // OpenWrt: /etc/config/dropbear, RootPasswordAuth and PasswordAuth default to on.
  for (const auto& f : ctx.startup_files()) {
    if (f.path != "/etc/config/dropbear") continue;
    bool root_pw = true, pw = true, blank = false;
    std::size_t where = 0;
    for_each_line(f.text, [&](std::size_t n, std::string_view line) {
      auto w = words(line);
      if (w.size() < 3 || w[0] != "option") return true;
      const std::string v = lower(unquote(w[2]));
      const bool on = v == "on" || v == "1" || v == "yes" || v == "true";
      if (unquote(w[1]) == "RootPasswordAuth") root_pw = on, where = n;
      if (unquote(w[1]) == "PasswordAuth") pw = on;
      if (unquote(w[1]) == "BlankPasswordAuth" && on) blank = true;
      return true;
    });
    if (root_pw && pw)
      out.push_back({"dropbear", f.path, where, "RootPasswordAuth on", true, false});
    if (blank && pw)
      out.push_back({"dropbear", f.path, where, "BlankPasswordAuth on", false, true});
    return;
  }

  DropbearFlags defaults;
  for (const auto& f : ctx.startup_files())
    if (f.path == "/etc/default/dropbear")
      for_each_line(f.text, [&](std::size_t, std::string_view line) {
        if (is_comment(line)) return true;
        if (auto eq = line.find('=');
            eq != std::string_view::npos && trim(line.substr(0, eq)).starts_with("DROPBEAR"))
          defaults.add(unquote(line.substr(eq + 1)));
        return true;
      });

  for (const auto& f : ctx.startup_files()) {
    if (f.kind == "default" || f.kind == "uci") continue;
    for_each_line(f.text, [&](std::size_t n, std::string_view line) {
      if (is_comment(line) || !has_command(line, "dropbear")) return true;
      const auto t = trim(line);
      if (t.starts_with("kill") || t.starts_with("echo") || t.starts_with("pidof")) return true;
      DropbearFlags fl = defaults;
      fl.add(line.substr(line.find("dropbear")));
      const std::string setting(trim(line).substr(0, 200));
      if (!fl.no_root && !fl.no_root_password && !fl.no_password)
        out.push_back({"dropbear", f.path, n, setting, true, false});
      if (fl.blank_ok && !fl.no_password)
        out.push_back({"dropbear", f.path, n, setting, false, true});
      return true;
    });
  }
}

}  // namespace

std::vector<SshServerSetting> ssh_server_settings(Context& ctx) {
  std::vector<SshServerSetting> out;
  sshd(ctx, out);
  dropbear(ctx, out);
  return out;
}

}  // namespace iotguard::audit
