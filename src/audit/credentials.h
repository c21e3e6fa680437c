// SPDX-License-Identifier: GPL-2.0-or-later
// The default-credential dictionary shipped in the pattern file
// (signatures/credentials/*.tsv: user<TAB>password<TAB>weight<TAB>source) and
// an offline test of a crypt(3) hash against it with libxcrypt.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace iotguard::audit {

struct Credential {
  std::string user;
  std::string password;
  unsigned weight = 1;
  std::string source;  // "mirai#1", "gafgyt", "vendor:ubiquiti"
};

inline constexpr std::size_t kMaxCredentials = 20000;

// Parses one TSV file; malformed lines are skipped.
std::vector<Credential> parse_credentials(std::string_view text);
// Every *.tsv under dir/credentials, at most kMaxCredentials entries.
Result<std::vector<Credential>> load_credentials(const std::filesystem::path& signatures_dir);

// The passwords worth trying for one account, likeliest first: the pairs for
// this user name by weight, then every other distinct password by weight.
std::vector<const Credential*> candidates_for(const std::vector<Credential>& dict,
                                              std::string_view user);

struct CrackBudget {
  std::size_t max_tries = 4096;
  double max_seconds = 5.0;
};

struct CrackResult {
  std::optional<const Credential*> match;
  std::size_t tries = 0;
  bool exhausted = false;  // the budget ran out before every candidate was tried
};

// crypt_rn(candidate, hash) == hash for some candidate, within the budget.
CrackResult crack(std::string_view hash, const std::vector<const Credential*>& candidates,
                  const CrackBudget& budget);

}  // namespace iotguard::audit
