// SPDX-License-Identifier: GPL-2.0-or-later
// Decodes a Mirai-style string table (shared/threats.md s2.1-s2.2): finds the
// single-byte XOR key by locating known table plaintexts under every key,
// then reads the table entries, the C2 and scan-report endpoints and the
// telnet credentials the bot carries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/byte_view.h"
#include "detect/credentials.h"

namespace iotguard::detect {

struct Endpoint {
  std::string host;
  std::optional<std::uint16_t> port;  // inferred from the literal that follows the host
};

struct MiraiConfig {
  std::uint8_t key = 0;
  std::vector<std::string> known;    // known plaintexts found under the key
  std::vector<std::string> entries;  // every decoded table entry, in file order
  std::vector<Endpoint> endpoints;   // domains and IPs among the entries
  // Dictionary pairs stored as adjacent encoded literals (user, then password),
  // as scanner.c's add_auth_entry() calls leave them.
  std::vector<Credential> credentials;
  // Every dictionary word found encoded, in file order: pairs whose literals
  // the linker merged or reordered show up only here.
  std::vector<std::string> credential_words;
};

struct MiraiKeySearch {
  std::size_t max_bytes = 16u << 20;  // files larger than this are not searched
  std::size_t min_known = 3;          // distinct known plaintexts needed to accept a key
  // Where the key search looks, as (offset, size); empty: the whole file. The
  // table walk that follows a key still reads around the hits.
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
};

std::optional<MiraiConfig> extract_mirai(Bytes bytes, const CredentialSet* credentials,
                                         const MiraiKeySearch& opt = {});

nlohmann::json to_json(const MiraiConfig& c);

}  // namespace iotguard::detect
