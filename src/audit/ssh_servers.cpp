// SPDX-License-Identifier: GPL-2.0-or-later
#include "audit/ssh_servers.h"

#include <fnmatch.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "audit/check.h"
#include "audit/text_file.h"

namespace iotguard::audit {
namespace {

std::string unquote(std::string_view s) {
  s = trim(s);
  if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"') && s.back() == s.front())
    s = s.substr(1, s.size() - 2);
  return std::string(s);
}

// sshd_config(5) as sshd reads it: Include pulls files in where it stands
// (globs; relative names under /etc/ssh), the first value obtained for a
// keyword wins, and a Match block's settings only apply to the connections it
// matches (where they override the global ones). Includes resolve through the
// Root, so no symlink leads out of it; depth and file count are capped.
class SshdConfig {
 public:
  explicit SshdConfig(Context& ctx) : ctx_(ctx) {}

  struct Value {
    std::string value;
    std::string file;
    std::size_t line = 0;
  };
  struct Block {
    std::string condition;               // "" for the global section
    std::map<std::string, Value> first;  // lower-case keyword -> first value
  };

  void file(const std::string& path, unsigned depth) {
    // sshd's READCONF_MAX_DEPTH is 16; 256 files is far beyond any real setup.
    if (depth > 16 || ++files_ > 256) {
      ctx_.error(path, "sshd_config Include depth or file limit reached");
      return;
    }
    auto text = ctx_.root.read(path, ctx_.opt.max_config_bytes);
    if (!text) return ctx_.error(path, text.error().message);
    for_each_line(*text, [&](std::size_t n, std::string_view line) {
      if (is_comment(line)) return true;
      auto w = words(line);
      if (w.empty()) return true;
      std::string key = lower(w[0]);
      std::vector<std::string_view> args(w.begin() + 1, w.end());
      // "Keyword=value" is accepted as well as "Keyword value".
      if (auto eq = key.find('='); eq != std::string::npos) {
        if (eq + 1 < w[0].size()) args.insert(args.begin(), w[0].substr(eq + 1));
        key.resize(eq);
      }
      if (key == "include") {
        for (auto a : args) include(std::string(unquote(a)), depth + 1);
        return true;
      }
      if (key == "match") {
        std::string cond;
        for (auto a : args) cond += (cond.empty() ? "" : " ") + std::string(a);
        current_ = block(cond);  // "Match all" too: it still overrides the global values
        return true;
      }
      if (args.empty()) return true;
      blocks_[current_].first.emplace(key, Value{lower(unquote(args[0])), path, n});
      return true;
    });
  }

  [[nodiscard]] const std::vector<Block>& blocks() const { return blocks_; }

 private:
  std::size_t block(const std::string& condition) {
    blocks_.push_back({condition, {}});
    return blocks_.size() - 1;
  }

  // One Include argument: a path or a glob in its last component (as
  // sshd_config.d/*.conf), matched in lexical order like glob(3).
  void include(std::string pattern, unsigned depth) {
    if (pattern.empty()) return;
    if (pattern.front() != '/') pattern = "/etc/ssh/" + pattern;
    const auto slash = pattern.rfind('/');
    const std::string dir = slash == 0 ? "/" : pattern.substr(0, slash);
    const std::string base = pattern.substr(slash + 1);
    if (base.find_first_of("*?[") == std::string::npos) {
      if (ctx_.root.is_file(pattern)) file(pattern, depth);
      return;  // sshd ignores an Include that matches nothing
    }
    auto entries = ctx_.root.list(dir, 4096);
    if (!entries) return;
    std::vector<std::string> names;
    for (const auto& e : *entries)
      if (::fnmatch(base.c_str(), e.name.c_str(), FNM_PERIOD) == 0) names.push_back(e.name);
    std::sort(names.begin(), names.end());
    for (const auto& n : names)
      if (ctx_.root.is_file(join(dir, n))) file(join(dir, n), depth);
  }

  Context& ctx_;
  std::vector<Block> blocks_{Block{}};
  std::size_t current_ = 0;
  std::size_t files_ = 0;
};

void sshd(Context& ctx, std::vector<SshServerSetting>& out) {
  const std::string path = "/etc/ssh/sshd_config";
  if (!ctx.root.exists(path)) return;
  SshdConfig cfg(ctx);
  cfg.file(path, 0);
  const auto& blocks = cfg.blocks();
  const auto& global = blocks.front().first;
  auto find = [](const std::map<std::string, SshdConfig::Value>& m, const char* k) {
    auto it = m.find(k);
    return it == m.end() ? nullptr : &it->second;
  };
  for (const auto& b : blocks) {
    // A Match block's value overrides the global one for the connections it
    // matches; what it leaves unset comes from the global section.
    auto get = [&](const char* k) {
      const auto* v = find(b.first, k);
      return v != nullptr || b.condition.empty() ? v : find(global, k);
    };
    const auto* pw = get("passwordauthentication");
    if (pw != nullptr && pw->value == "no") continue;
    const auto* root = find(b.first, "permitrootlogin");
    const auto* empty = find(b.first, "permitemptypasswords");
    if (root != nullptr && root->value == "yes")
      out.push_back(
          {"sshd", root->file, root->line, "PermitRootLogin yes", true, false, b.condition});
    if (empty != nullptr && empty->value == "yes")
      out.push_back(
          {"sshd", empty->file, empty->line, "PermitEmptyPasswords yes", false, true, b.condition});
  }
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
      out.push_back({"dropbear", f.path, where, "RootPasswordAuth on", true, false, {}});
    if (blank && pw)
      out.push_back({"dropbear", f.path, where, "BlankPasswordAuth on", false, true, {}});
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
        out.push_back({"dropbear", f.path, n, setting, true, false, {}});
      if (fl.blank_ok && !fl.no_password)
        out.push_back({"dropbear", f.path, n, setting, false, true, {}});
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
