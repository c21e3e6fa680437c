// SPDX-License-Identifier: GPL-2.0-or-later
// AUTH-005: a second superuser. Backdoors add one (Umbreon's hidden user,
// threats.md §6) and some firmware ships one for the vendor's support staff.
#include "audit/accounts.h"
#include "audit/check.h"

namespace iotguard::audit {
namespace {

class AuthExtraUid0 final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "AUTH-005",
        "credentials",
        "UID 0 account other than root",
        Severity::high,
        "Every UID-0 account is a full administrator; extra ones are hidden backdoors or "
        "forgotten vendor logins.",
        "Remove the account or give it an unprivileged UID.",
        {"OWASP-IoT-2018-I1", "JP-IoT-GL-16"}};
    return i;
  }
  void run(Context& ctx) const override {
    for (const auto& a : ctx.accounts())
      if (a.uid == "0" && a.name != "root")
        ctx.report(a.name, {{"file", "/etc/passwd"}, {"account", a.name}, {"uid", 0}});
  }
};

}  // namespace
std::unique_ptr<Check> make_auth_extra_uid0() { return std::make_unique<AuthExtraUid0>(); }
}  // namespace iotguard::audit
