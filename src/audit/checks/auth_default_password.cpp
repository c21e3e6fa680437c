// SPDX-License-Identifier: GPL-2.0-or-later
// AUTH-003: an account whose password is in the default-credential
// dictionary (Mirai's 62 pairs, threats.md §2.2; Gafgyt's lists, §3; vendor
// defaults), tested offline with crypt(3) from libxcrypt. Work per account is
// capped: every candidate for fast schemes, the likeliest
// AuditOptions::crypt_max_tries_slow for yescrypt/bcrypt/scrypt, and a time
// budget either way.
#include "audit/accounts.h"
#include "audit/check.h"
#include "audit/credentials.h"

namespace iotguard::audit {
namespace {

class AuthDefaultPassword final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "AUTH-003",
        "credentials",
        "Account uses a default or well-known password",
        Severity::critical,
        "Mirai, Gafgyt, Hajime and their descendants log in with a short list of factory "
        "passwords; a device that still has one is recruited within minutes of exposure.",
        "Change the password to a unique one per device; ship devices without a shared default.",
        {"OWASP-IoT-2018-I1", "JP-IoT-GL-15", "JP-IoT-GL-16"}};
    return i;
  }
  void run(Context& ctx) const override {
    std::vector<const Account*> targets;
    for (const auto& a : ctx.accounts())
      if (!hash_is_empty(a.hash) && !hash_is_locked(a.hash)) targets.push_back(&a);
    if (targets.empty()) return;
    if (ctx.opt.credentials_dir.empty())
      return ctx.error("credentials", "no signatures directory: default passwords not tested");
    auto loaded = load_credentials(ctx.opt.credentials_dir);
    if (!loaded) return ctx.error("credentials", loaded.error().message);
    const auto& dict = loaded->entries;
    for (const auto* a : targets) {
      const bool slow = hash_is_slow(a->hash);
      const CrackBudget budget{slow ? ctx.opt.crypt_max_tries_slow : ctx.opt.crypt_max_tries_fast,
                               ctx.opt.crypt_seconds_per_account};
      const auto r = crack(a->hash, candidates_for(dict, a->name), budget);
      if (!r.match) continue;
      const Credential& c = **r.match;
      ctx.report(a->name + ":" + c.password, {{"file", a->source},
                                              {"line", a->line},
                                              {"account", a->name},
                                              {"password", c.password},
                                              {"dictionary", c.source},
                                              {"tries", r.tries}});
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_auth_default_password() {
  return std::make_unique<AuthDefaultPassword>();
}
}  // namespace iotguard::audit
