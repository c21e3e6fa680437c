// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/yara/rule_catalog.h"

#include "detect/yara/rule_sources.h"

// libyara last: its macros must not reach the C++ headers above.
#include <yara.h>

namespace iotguard::detect {
namespace fs = std::filesystem;

namespace {

RuleFileCatalog catalog_one(const fs::path& path) {
  RuleFileCatalog out;
  out.path = path;
  auto sources = yara::gather({path});
  if (!sources) {
    out.error = sources.error().message;
    return out;
  }
  const yara::Source& source = sources->front();
  if (source.compiled()) {
    // Never loaded here: compiled rules can run code (yara -C).
    out.error = "compiled YARA rules, not rule text";
    return out;
  }
  auto rules = yara::compile({&source});
  if (!rules) {
    out.error = rules.error().message;
    return out;
  }
  const YR_RULE* rule = nullptr;
  yr_rules_foreach(rules->get(), rule) {
    out.rules.push_back({rule->identifier, rule->ns != nullptr ? rule->ns->name : "",
                         yara::tags_of(rule), yara::meta_of(rule)});
  }
  return out;
}

}  // namespace

std::vector<RuleFileCatalog> catalog_rule_files(const std::vector<fs::path>& files) {
  std::vector<RuleFileCatalog> out;
  if (yr_initialize() != ERROR_SUCCESS) {
    for (const auto& f : files) out.push_back({f, "libyara failed to initialise", {}});
    return out;
  }
  for (const auto& f : files) out.push_back(catalog_one(f));
  yr_finalize();
  return out;
}

}  // namespace iotguard::detect
