// SPDX-License-Identifier: GPL-2.0-or-later
#include "sense/credentials.h"

#include "core/credentials.h"

namespace iotguard::sense {

namespace fs = std::filesystem;

void Credentials::add(std::string_view user, std::string_view password, std::string source) {
  std::string key;
  key.reserve(user.size() + password.size() + 1);
  key.append(user).push_back('\t');
  key.append(password);
  pairs_.emplace(std::move(key), std::move(source));
}

Result<Credentials> Credentials::load(const fs::path& dir) {
  auto d = load_credentials(dir);
  if (!d) return d.error();
  Credentials c;
  for (auto& e : d->entries) c.add(e.user, e.password, std::move(e.source));
  return c;
}

const std::string* Credentials::match(std::string_view user, std::string_view password) const {
  std::string key;
  key.reserve(user.size() + password.size() + 1);
  key.append(user).push_back('\t');
  key.append(password);
  auto it = pairs_.find(key);
  return it == pairs_.end() ? nullptr : &it->second;
}

}  // namespace iotguard::sense
