// SPDX-License-Identifier: GPL-2.0-or-later
// REMOTE-002: sshd or dropbear accepting the root password. XorDDoS enters by
// brute-forcing SSH (threats.md §9).
#include "audit/check.h"
#include "audit/ssh_servers.h"

namespace iotguard::audit {
namespace {

class RemoteSshRootPassword final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "REMOTE-002",
        "remote-access",
        "SSH server accepts root password logins",
        Severity::medium,
        "Password logins for root let SSH brute-forcers (XorDDoS, Mirai's port-22 variants) "
        "take the device with one guessed password.",
        "sshd: PermitRootLogin prohibit-password (or no). dropbear: start it with -g or -w, or "
        "set RootPasswordAuth off (OpenWrt).",
        {"OWASP-IoT-2018-I1", "OWASP-IoT-2018-I2", "JP-IoT-GL-16"}};
    return i;
  }
  void run(Context& ctx) const override {
    for (const auto& s : ssh_server_settings(ctx))
      if (s.root_password_login) {
        nlohmann::json ev = {
            {"file", s.file}, {"line", s.line}, {"server", s.server}, {"setting", s.setting}};
        if (!s.match.empty()) ev["match"] = s.match;
        ctx.report(s.match.empty() ? s.server : s.server + " (Match " + s.match + ")",
                   std::move(ev));
      }
  }
};

}  // namespace
std::unique_ptr<Check> make_remote_ssh_root_password() {
  return std::make_unique<RemoteSshRootPassword>();
}
}  // namespace iotguard::audit
