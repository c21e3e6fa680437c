// SPDX-License-Identifier: GPL-2.0-or-later
// REMOTE-003: sshd or dropbear accepting accounts whose password is empty.
#include "audit/check.h"
#include "audit/ssh_servers.h"

namespace iotguard::audit {
namespace {

class RemoteSshEmptyPassword final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "REMOTE-003",
        "remote-access",
        "SSH server accepts empty passwords",
        Severity::high,
        "With empty passwords allowed, any account without a password is reachable from the "
        "network with no secret at all.",
        "sshd: PermitEmptyPasswords no. dropbear: drop -B (or BlankPasswordAuth on OpenWrt).",
        {"OWASP-IoT-2018-I1", "OWASP-IoT-2018-I9", "JP-IoT-GL-16"}};
    return i;
  }
  void run(Context& ctx) const override {
    for (const auto& s : ssh_server_settings(ctx))
      if (s.empty_passwords) {
        nlohmann::json ev = {
            {"file", s.file}, {"line", s.line}, {"server", s.server}, {"setting", s.setting}};
        if (!s.match.empty()) ev["match"] = s.match;
        ctx.report(s.match.empty() ? s.server : s.server + " (Match " + s.match + ")",
                   std::move(ev));
      }
  }
};

}  // namespace
std::unique_ptr<Check> make_remote_ssh_empty_password() {
  return std::make_unique<RemoteSshEmptyPassword>();
}
}  // namespace iotguard::audit
