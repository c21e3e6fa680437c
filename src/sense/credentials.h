// SPDX-License-Identifier: GPL-2.0-or-later
// The pattern file's default-credential dictionary (core/credentials.h) as a
// lookup for cleartext telnet login attempts.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"

namespace iotguard::sense {

class Credentials {
 public:
  // Loads every *.tsv in dir; malformed lines are skipped (`db verify` names them).
  static Result<Credentials> load(const std::filesystem::path& dir);
  // The source tag ("mirai#1") when user/password is in the dictionary.
  [[nodiscard]] const std::string* match(std::string_view user, std::string_view password) const;
  [[nodiscard]] std::size_t size() const { return pairs_.size(); }
  void add(std::string_view user, std::string_view password, std::string source);

 private:
  std::unordered_map<std::string, std::string> pairs_;  // "user\tpass" -> source
};

}  // namespace iotguard::sense
