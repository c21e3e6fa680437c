// SPDX-License-Identifier: GPL-2.0-or-later
// An offline test of a crypt(3) hash against the pattern file's
// default-credential dictionary (core/credentials.h), with libxcrypt.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/credentials.h"

namespace iotguard::audit {

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
