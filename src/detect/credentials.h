// SPDX-License-Identifier: GPL-2.0-or-later
// The default-credential dictionaries of the pattern file
// (signatures/credentials/*.tsv: user<TAB>password<TAB>weight<TAB>source).
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"

namespace iotguard::detect {

struct Credential {
  std::string user, password, source;
  int weight = 1;
};

struct CredentialSet {
  std::vector<Credential> pairs;
  std::set<std::string> words;  // every user and password, for quick membership
};

// Loads every *.tsv in dir (sorted). Malformed lines are errors naming file:line.
Result<CredentialSet> load_credentials(const std::filesystem::path& dir);

}  // namespace iotguard::detect
