// SPDX-License-Identifier: GPL-2.0-or-later
// The default-credential dictionaries of the pattern file
// (signatures/credentials/*.tsv: user<TAB>password[<TAB>weight[<TAB>source]],
// '#' comments). One reader for every consumer: the Mirai table decoder
// (scan), the default-password test (audit), the telnet login matcher
// (sense) and `db verify`, so they cannot disagree about a line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace iotguard {

struct Credential {
  std::string user;
  std::string password;
  unsigned weight = 1;  // how common the pair is in the wild (1..1000)
  std::string source;   // "mirai#1", "gafgyt", "vendor:ubiquiti"; the file's stem if absent
};

struct CredentialDictionary {
  std::vector<Credential> entries;
  // "file:line: reason" for every line that was skipped; `db verify` fails on
  // these, everything else reads on without the line.
  std::vector<std::string> problems;
};

// Bounds on what a dictionary may hold: a hostile or broken file costs at most this.
inline constexpr std::size_t kMaxCredentials = 20000;
inline constexpr std::size_t kMaxUserBytes = 64, kMaxPasswordBytes = 128;
inline constexpr std::uintmax_t kMaxCredentialFileBytes = std::uintmax_t{4} << 20;

// Parses one file's text into `into`. `origin` names the file in problems; its
// stem is the source of entries that name none.
void parse_credentials(std::string_view text, const std::filesystem::path& origin,
                       CredentialDictionary& into);

// Every regular *.tsv in dir, in name order. An error when dir cannot be read
// or holds no dictionary; malformed lines are problems, not errors.
Result<CredentialDictionary> load_credentials(const std::filesystem::path& dir);

}  // namespace iotguard
