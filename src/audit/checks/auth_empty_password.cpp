// SPDX-License-Identifier: GPL-2.0-or-later
// AUTH-001: an account that logs in with no password at all. Mirai and Gafgyt
// both try the empty password (threats.md §2.2 entries 12 and 17, §3).
#include "audit/accounts.h"
#include "audit/check.h"

namespace iotguard::audit {
namespace {

class AuthEmptyPassword final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "AUTH-001",
        "credentials",
        "Account with an empty password",
        Severity::critical,
        "An empty password field lets anyone log in as the account over telnet, SSH or the "
        "console; worms try the empty password first.",
        "Set a strong unique password or lock the account (passwd -l).",
        {"OWASP-IoT-2018-I1", "JP-IoT-GL-15", "JP-IoT-GL-16"}};
    return i;
  }
  void run(Context& ctx) const override {
    for (const auto& a : ctx.accounts())
      if (hash_is_empty(a.hash))
        ctx.report(a.name, {{"file", a.source}, {"line", a.line}, {"account", a.name}});
  }
};

}  // namespace
std::unique_ptr<Check> make_auth_empty_password() { return std::make_unique<AuthEmptyPassword>(); }
}  // namespace iotguard::audit
