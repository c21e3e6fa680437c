// SPDX-License-Identifier: GPL-2.0-or-later
// A detector looks at one layer and adds findings. Detectors are created once
// per run (registry.cpp) and called concurrently from worker threads, so
// analyse() must be thread-safe; per-thread resources are pooled inside.
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"
#include "detect/layer.h"

namespace iotguard::detect {

class Detector {
 public:
  virtual ~Detector() = default;
  [[nodiscard]] virtual std::string name() const = 0;
  // Text that changes whenever this detector's verdicts could change (rule
  // content, list content); part of the scan-cache key.
  [[nodiscard]] virtual std::string fingerprint() const = 0;
  // Appends findings for the layer. An error examining the layer (e.g. a rule
  // timeout) is returned as text; findings made before it are kept.
  virtual std::optional<std::string> analyse(const Layer& layer, std::vector<Finding>& out) = 0;
};

}  // namespace iotguard::detect
