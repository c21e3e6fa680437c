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
  // Whether verdicts can depend on the object's name, path or owner, not
  // only its bytes (YARA rules reading `filename`, say). Objects with equal
  // bytes are then analysed one by one, and cached per path.
  [[nodiscard]] virtual bool depends_on_path() const { return false; }
  // Appends findings for the layer. An error examining the layer (e.g. a rule
  // timeout) is returned as text; findings made before it are kept.
  virtual std::optional<std::string> analyse(const Layer& layer, std::vector<Finding>& out) = 0;
};

}  // namespace iotguard::detect
