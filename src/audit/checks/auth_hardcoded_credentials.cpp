// SPDX-License-Identifier: GPL-2.0-or-later
// AUTH-004: passwords written in clear into init scripts and configuration
// (`echo root:pass | chpasswd`, `ADMIN_PASSWORD=...`, UCI `option password`).
// Values are masked in the evidence: the finding should not leak the secret.
#include <algorithm>
#include <cctype>

#include "audit/check.h"
#include "audit/text_file.h"

namespace iotguard::audit {
namespace {

std::string_view unquote(std::string_view s) {
  s = trim(s);
  if (!s.empty() && (s.back() == ';')) s.remove_suffix(1);
  if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"') && s.back() == s.front())
    s = s.substr(1, s.size() - 2);
  return s;
}

bool secret_key(std::string_view key) {
  const std::string k = lower(trim(key));
  if (k.empty() || k.size() > 48) return false;
  for (char c : k)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.')
      return false;
  for (std::string_view s : {"password", "passwd", "pass", "pwd", "secret"})
    if (k.ends_with(s)) return true;
  return false;
}

bool literal_value(std::string_view v) {
  if (v.empty() || v.size() > 128) return false;
  if (v.find_first_of("$`%<>{}() \t") != std::string_view::npos) return false;  // variables, code
  const std::string l = lower(v);
  for (std::string_view p : {"*", "x", "none", "null", "yes", "no", "on", "off", "true", "false",
                             "0", "1", "required", "optional", "changeme-please"})
    if (l == p) return false;
  return true;
}

std::string mask(std::string_view v) {
  return std::string(v.substr(0, 1)) + std::string(std::min<std::size_t>(v.size() - 1, 7), '*');
}

class AuthHardcodedCredentials final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "AUTH-004",
        "credentials",
        "Credential hard-coded in a script or configuration file",
        Severity::medium,
        "A password in a startup script or config file is the same on every device of the "
        "model and is read straight out of any firmware download.",
        "Generate credentials per device at first boot or provisioning, store only hashes, and "
        "keep secrets out of world-readable files.",
        {"OWASP-IoT-2018-I1", "OWASP-IoT-2018-I6", "JP-IoT-GL-3", "JP-IoT-GL-15"}};
    return i;
  }

  void run(Context& ctx) const override {
    for (const auto& f : ctx.startup_files()) scan(ctx, f.path, f.text);
    if (auto entries = ctx.root.list("/etc", 4096))
      for (const auto& e : *entries) {
        if (!e.name.ends_with(".conf")) continue;
        const std::string p = "/etc/" + e.name;
        if (!ctx.root.is_file(p)) continue;
        if (auto text = ctx.root.read(p, ctx.opt.max_config_bytes)) scan(ctx, p, *text);
      }
  }

 private:
  static void scan(Context& ctx, const std::string& path, std::string_view text) {
    for_each_line(text, [&](std::size_t n, std::string_view line) {
      if (is_comment(line)) return true;
      std::string_view key, value;
      auto w = words(line);
      if (line.find("chpasswd") != std::string_view::npos) {
        // echo "user:password" | chpasswd
        for (auto x : w) {
          const std::string_view v = unquote(x);
          const auto colon = v.find(':');
          if (colon != std::string_view::npos && colon > 0 && v.find("chpasswd") == v.npos &&
              literal_value(v.substr(colon + 1))) {
            key = v.substr(0, colon);
            value = v.substr(colon + 1);
            break;
          }
        }
      } else if (w.size() >= 3 && w[0] == "option" && secret_key(unquote(w[1]))) {
        key = unquote(w[1]);  // OpenWrt UCI
        value = unquote(line.substr(static_cast<std::size_t>(w[2].data() - line.data())));
      } else {
        for (auto x : w) {
          if (x.starts_with("--")) x.remove_prefix(2);
          const auto eq = x.find('=');
          if (eq == std::string_view::npos || !secret_key(x.substr(0, eq))) continue;
          key = x.substr(0, eq);
          value = unquote(x.substr(eq + 1));
          break;
        }
      }
      if (key.empty() || !literal_value(value)) return true;
      ctx.report(
          std::string(key) + " in " + path,
          {{"file", path}, {"line", n}, {"key", std::string(key)}, {"value_masked", mask(value)}});
      return true;
    });
  }
};

}  // namespace
std::unique_ptr<Check> make_auth_hardcoded_credentials() {
  return std::make_unique<AuthHardcodedCredentials>();
}
}  // namespace iotguard::audit
