// SPDX-License-Identifier: GPL-2.0-or-later
// Extraction incidents of one layer, folded per rule: a squashfs with 300
// device nodes gives one finding with a count and a few examples, not 300.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "unpack/containment/rules.h"

namespace iotguard::unpack {

struct Incident {
  const rules::Rule* rule = nullptr;
  std::uint64_t count = 0;
  nlohmann::json examples = nlohmann::json::array();  // at most kMaxExamples
};

class IncidentLog {
 public:
  static constexpr std::size_t kMaxExamples = 10;

  void add(const rules::Rule& rule, nlohmann::json example);
  [[nodiscard]] const std::vector<Incident>& incidents() const { return incidents_; }
  [[nodiscard]] std::uint64_t count(const rules::Rule& rule) const;

 private:
  std::vector<Incident> incidents_;
};

}  // namespace iotguard::unpack
