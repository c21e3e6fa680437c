// SPDX-License-Identifier: GPL-2.0-or-later
// AUTH-002: password hashes made with schemes that fall to a laptop in hours
// (DES crypt keeps 8 characters; MD5-crypt does 1000 MD5 rounds).
#include "audit/accounts.h"
#include "audit/check.h"

namespace iotguard::audit {
namespace {

class AuthLegacyHash final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "AUTH-002",
        "credentials",
        "Password hashed with a legacy scheme",
        Severity::medium,
        "DES crypt and MD5-crypt hashes are cheap to brute-force once a firmware image or "
        "/etc/shadow leaks, and DES silently truncates passwords to 8 characters.",
        "Re-set the password so it is stored with yescrypt or SHA-512-crypt.",
        {"OWASP-IoT-2018-I1", "OWASP-IoT-2018-I7", "JP-IoT-GL-16"}};
    return i;
  }
  void run(Context& ctx) const override {
    for (const auto& a : ctx.accounts()) {
      if (hash_is_locked(a.hash)) continue;
      if (auto scheme = legacy_hash_scheme(a.hash); !scheme.empty())
        ctx.report(a.name + " (" + std::string(scheme) + ")", {{"file", a.source},
                                                               {"line", a.line},
                                                               {"account", a.name},
                                                               {"scheme", std::string(scheme)}});
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_auth_legacy_hash() { return std::make_unique<AuthLegacyHash>(); }
}  // namespace iotguard::audit
