// SPDX-License-Identifier: GPL-2.0-or-later
#include "audit/credentials.h"

#include <crypt.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>
#include <memory>
#include <set>

namespace iotguard::audit {

std::vector<const Credential*> candidates_for(const std::vector<Credential>& dict,
                                              std::string_view user) {
  std::vector<const Credential*> own;
  std::map<std::string, std::pair<unsigned, const Credential*>, std::less<>> others;
  for (const auto& c : dict) {
    if (c.user == user) {
      own.push_back(&c);
    } else {
      auto& slot = others[c.password];
      if (slot.second == nullptr) slot.second = &c;
      slot.first += c.weight;
    }
  }
  std::stable_sort(own.begin(), own.end(),
                   [](const Credential* a, const Credential* b) { return a->weight > b->weight; });
  std::set<std::string_view> tried;
  std::vector<const Credential*> out;
  for (const auto* c : own)
    if (tried.insert(c->password).second) out.push_back(c);
  std::vector<std::pair<unsigned, const Credential*>> rest;
  for (const auto& [pw, v] : others)
    if (!tried.contains(pw)) rest.push_back(v);
  std::stable_sort(rest.begin(), rest.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [w, c] : rest) out.push_back(c);
  return out;
}

CrackResult crack(std::string_view hash, const std::vector<const Credential*>& candidates,
                  const CrackBudget& budget) {
  CrackResult r;
  const std::string setting(hash);
  // struct crypt_data is ~32 KiB: keep it off the stack.
  auto data = std::make_unique<crypt_data>();
  const auto start = std::chrono::steady_clock::now();
  for (const auto* c : candidates) {
    if (r.tries >= budget.max_tries ||
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >
            budget.max_seconds) {
      r.exhausted = true;
      break;
    }
    ++r.tries;
    std::memset(data.get(), 0, sizeof(crypt_data));
    const char* out = crypt_rn(c->password.c_str(), setting.c_str(), data.get(),
                               static_cast<int>(sizeof(crypt_data)));
    if (out == nullptr) break;  // the hash names a method this libxcrypt lacks
    if (setting == out) {
      r.match = c;
      break;
    }
  }
  return r;
}

}  // namespace iotguard::audit
