// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <memory>

#include "detect/detector.h"

namespace iotguard::detect {

// Reports the ELF reader's structural anomalies at low severity: each is a
// hint, not a verdict (docs/elf-reader.md lists the ids).
std::unique_ptr<Detector> make_elf_anomaly_detector();

}  // namespace iotguard::detect
