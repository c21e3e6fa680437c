// SPDX-License-Identifier: GPL-2.0-or-later
// UPD-003: busybox, dropbear, openssl, dnsmasq or the kernel in a range the
// shipped table (signatures/vulnerable-versions.tsv) lists as vulnerable.
// Versions come from package databases or strings in the binaries; nothing is
// executed. Distribution packages often carry backported fixes, so findings
// from a package database have a lower confidence.
#include "audit/check.h"
#include "audit/versions.h"

#include <fstream>
#include <sstream>

namespace iotguard::audit {
namespace {

class UpdVulnerableVersions final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "UPD-003",
        "updates",
        "Component version with known vulnerabilities",
        Severity::high,
        "Worms carry exploits for old busybox, dropbear, dnsmasq, OpenSSL and kernel flaws; "
        "a version in a known-vulnerable range is exposed to them.",
        "Update the component (or the firmware that bundles it) to a fixed release.",
        {"OWASP-IoT-2018-I5", "JP-IoT-GL-7", "JP-IoT-GL-21"}};
    return i;
  }

  void run(Context& ctx) const override {
    if (ctx.opt.vulnerable_versions.empty())
      return ctx.error("vulnerable-versions.tsv", "no signatures directory: versions not checked");
    const auto& path = ctx.opt.vulnerable_versions;
    std::ifstream in(path, std::ios::binary);
    if (!in) return ctx.error(path.string(), "cannot read the vulnerable-version table");
    std::stringstream ss;
    ss << in.rdbuf();
    const auto table = parse_vulnerable_table(ss.str().substr(0, std::size_t{1} << 20));
    for (const auto& v : detect_versions(ctx))
      for (const auto& r : table) {
        if (r.component != v.component || !in_range(v.version, r.affected)) continue;
        Finding& f = ctx.report(v.component + " " + v.version + " (" + r.cve + ")",
                                {{"file", v.source},
                                 {"component", v.component},
                                 {"version", v.version},
                                 {"method", v.method},
                                 {"cve", r.cve},
                                 {"affected", r.affected},
                                 {"note", r.note}});
        f.references.push_back(r.cve);
        f.confidence = v.method == "package-db" ? 0.6 : 0.8;
      }
  }
};

}  // namespace
std::unique_ptr<Check> make_upd_vulnerable_versions() {
  return std::make_unique<UpdVulnerableVersions>();
}
}  // namespace iotguard::audit
