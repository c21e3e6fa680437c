// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <memory>
#include <optional>

#include "detect/aggregator.h"
#include "detect/credentials.h"

namespace iotguard::detect {

// Decodes family configurations (Mirai table, Mozi config) and attaches them
// as evidence.config to the layer's findings of that family. A Mirai-style
// table found in an ELF no rule named also becomes a heuristic trait.
std::unique_ptr<Aggregator> make_config_aggregator(std::optional<CredentialSet> credentials);

}  // namespace iotguard::detect
