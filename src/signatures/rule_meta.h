// SPDX-License-Identifier: GPL-2.0-or-later
// What a pattern-file rule's meta says (docs/signatures.md, "Writing rules"):
// family, variant, severity, description, reference; trait rules carry a
// trait id and a weight for the heuristic instead of a family.
#pragma once

#include <string>
#include <string_view>

#include "detect/yara/rule_catalog.h"

namespace iotguard::signatures {

// A string meta value, or "" when absent or not a string.
[[nodiscard]] std::string meta_string(const detect::RuleInfo& rule, const char* key);
// Tagged `trait`: weighed by the IoT-bot heuristic, never reported alone.
[[nodiscard]] bool is_trait(const detect::RuleInfo& rule);
// The rule's family meta equals `family`, ignoring ASCII case.
[[nodiscard]] bool of_family(const detect::RuleInfo& rule, std::string_view family);

}  // namespace iotguard::signatures
