// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <memory>

#include "detect/aggregator.h"

namespace iotguard::detect {

inline constexpr int kIotBotThreshold = 10;

// Scores ELF traits typical of IoT bots (docs/heuristics.md): structure from
// the ELF reader, strings from the pattern file's trait rules (rules tagged
// `trait`, meta weight), and an encoded string table from the extractor.
// Reports Heur.IoTBot (medium) at or above the threshold, else the traits at
// info level. Trait findings themselves are consumed here.
std::unique_ptr<Aggregator> make_iot_bot_heuristic(int threshold = kIotBotThreshold);

}  // namespace iotguard::detect
