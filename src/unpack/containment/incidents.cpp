// SPDX-License-Identifier: GPL-2.0-or-later
#include "unpack/containment/incidents.h"

namespace iotguard::unpack {

void IncidentLog::add(const rules::Rule& rule, nlohmann::json example) {
  for (auto& i : incidents_) {
    if (i.rule->id != rule.id) continue;
    ++i.count;
    if (i.examples.size() < kMaxExamples) i.examples.push_back(std::move(example));
    return;
  }
  Incident i{&rule, 1, nlohmann::json::array()};
  i.examples.push_back(std::move(example));
  incidents_.push_back(std::move(i));
}

std::uint64_t IncidentLog::count(const rules::Rule& rule) const {
  for (const auto& i : incidents_)
    if (i.rule->id == rule.id) return i.count;
  return 0;
}

}  // namespace iotguard::unpack
