// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/finding.h"

#include <array>

namespace iotguard {
namespace {
constexpr std::array<std::string_view, 5> kSeverityNames = {"info", "low", "medium", "high",
                                                            "critical"};
}

std::string_view to_string(Severity s) { return kSeverityNames.at(static_cast<std::size_t>(s)); }

std::optional<Severity> parse_severity(std::string_view s) {
  for (std::size_t i = 0; i < kSeverityNames.size(); ++i)
    if (kSeverityNames[i] == s) return static_cast<Severity>(i);
  return std::nullopt;
}

std::string ObjectChain::str() const {
  std::string out;
  for (const auto& l : links) {
    if (!out.empty()) out += " > ";
    out += l;
  }
  return out;
}

nlohmann::json to_json(const Finding& f) {
  nlohmann::json j = {
      {"type", "finding"},
      {"path", f.path},
      {"object", f.object.str()},
      {"rule", f.rule},
      {"family", f.family ? nlohmann::json(*f.family) : nlohmann::json(nullptr)},
      {"severity", to_string(f.severity)},
      {"confidence", f.confidence},
      {"title", f.title},
      {"evidence", f.evidence},
      {"references", f.references},
  };
  return j;
}

}  // namespace iotguard
