// SPDX-License-Identifier: GPL-2.0-or-later
// An aggregator runs after every detector on a layer and sees what they
// found: heuristics weigh traits into one verdict, extractors decode a
// family's configuration once a detector has named the family.
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"
#include "detect/layer.h"

namespace iotguard::detect {

class Aggregator {
 public:
  virtual ~Aggregator() = default;
  [[nodiscard]] virtual std::string name() const = 0;
  [[nodiscard]] virtual std::string fingerprint() const = 0;
  // findings: this layer's findings so far; may be extended or edited. Thread-safe.
  virtual void aggregate(const Layer& layer, std::vector<Finding>& findings) const = 0;
};

}  // namespace iotguard::detect
