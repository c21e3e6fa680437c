// SPDX-License-Identifier: GPL-2.0-or-later
// Decodes Mozi's embedded configuration (shared/threats.md s8): 428 bytes
// XORed with a fixed 16-byte key, starting with "[ss]" (encrypted 15 15 29 D2),
// followed by two ECDSA-384 signatures. Tags are [ss]..[/ss] pairs.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/byte_view.h"

namespace iotguard::detect {

struct MoziConfig {
  std::uint64_t offset = 0;
  std::map<std::string, std::string> tags;  // "ss" -> "bot", "hp" -> "...", ...
};

std::optional<MoziConfig> extract_mozi(Bytes bytes);
nlohmann::json to_json(const MoziConfig& c);

}  // namespace iotguard::detect
