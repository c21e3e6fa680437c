// SPDX-License-Identifier: GPL-2.0-or-later
#include "audit/run.h"

namespace iotguard::audit {

bool selected(const CheckInfo& info, const std::vector<std::string>& only) {
  if (only.empty()) return true;
  for (const auto& o : only)
    if (info.id == o ||
        (info.id.starts_with(o) && info.id.size() > o.size() && info.id[o.size()] == '-') ||
        info.category == o)
      return true;
  return false;
}

AuditReport run(const Root& root, const AuditOptions& opt, const Progress& progress) {
  AuditReport rep;
  std::vector<const Check*> chosen;
  for (const auto& c : all_checks())
    if (selected(c->info(), opt.only)) chosen.push_back(c.get());
  Context ctx(root, opt);
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const CheckInfo& info = chosen[i]->info();
    if (progress) progress(info, i, chosen.size());
    ctx.begin(info);
    if (info.live_only && !root.live()) {
      // Documented shape (docs/audit-checks.md): an info finding whose evidence
      // says not_applicable, so JSON consumers see every check accounted for.
      ++rep.not_applicable;
      if (opt.report_not_applicable) {
        Finding& f = ctx.report("not applicable on a firmware root",
                                {{"status", "not_applicable"}, {"reason", "live-only check"}});
        f.severity = Severity::info;
      }
      continue;
    }
    chosen[i]->run(ctx);
    ++rep.checks_run;
  }
  rep.findings = std::move(ctx.findings);
  rep.errors = std::move(ctx.errors);
  return rep;
}

nlohmann::json info_json(const CheckInfo& info) {
  nlohmann::json refs = nlohmann::json::array();
  for (auto r : info.references) refs.push_back(std::string(r));
  return {{"type", "check"},
          {"id", std::string(info.id)},
          {"category", std::string(info.category)},
          {"severity", std::string(to_string(info.severity))},
          {"title", std::string(info.title)},
          {"rationale", std::string(info.rationale)},
          {"remediation", std::string(info.remediation)},
          {"references", refs},
          {"live_only", info.live_only}};
}

}  // namespace iotguard::audit
