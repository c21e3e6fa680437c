// SPDX-License-Identifier: GPL-2.0-or-later
#include "signatures/rule_meta.h"

#include <algorithm>
#include <cctype>

namespace iotguard::signatures {

std::string meta_string(const detect::RuleInfo& rule, const char* key) {
  const auto it = rule.meta.find(key);
  return it != rule.meta.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool is_trait(const detect::RuleInfo& rule) {
  return std::find(rule.tags.begin(), rule.tags.end(), "trait") != rule.tags.end();
}

bool of_family(const detect::RuleInfo& rule, std::string_view family) {
  const std::string own = meta_string(rule, "family");
  const auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
  return std::equal(own.begin(), own.end(), family.begin(), family.end(),
                    [&](char a, char b) { return lower(a) == lower(b); });
}

}  // namespace iotguard::signatures
