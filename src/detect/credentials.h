// SPDX-License-Identifier: GPL-2.0-or-later
// The pattern file's default-credential dictionary (core/credentials.h) as the
// Mirai table decoder uses it: the pairs, plus every word for quick membership.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/credentials.h"

namespace iotguard::detect {

struct CredentialSet {
  std::vector<Credential> pairs;
  std::set<std::string> words;  // every user and password
};

inline CredentialSet make_credential_set(std::vector<Credential> pairs) {
  CredentialSet set;
  for (const auto& c : pairs) {
    if (!c.user.empty()) set.words.insert(c.user);
    if (!c.password.empty()) set.words.insert(c.password);
  }
  set.pairs = std::move(pairs);
  return set;
}

}  // namespace iotguard::detect
