// SPDX-License-Identifier: GPL-2.0-or-later
// What a rule file holds, as libyara compiled it: rule names, tags and meta.
// Used by `iotguard db list|verify`; the YARA text is never parsed by hand.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace iotguard::detect {

struct RuleInfo {
  std::string name;
  std::string ns;  // the file's stem, as the detector names namespaces
  std::vector<std::string> tags;
  nlohmann::json meta = nlohmann::json::object();  // identifier -> string/integer/bool
};

struct RuleFileCatalog {
  std::filesystem::path path;
  std::optional<std::string> error;  // compile errors (file(line): message), if any
  std::vector<RuleInfo> rules;
};

// Compiles each file on its own (with the scan's external variables) and
// lists its rules. A file that does not compile has `error` set and no rules.
std::vector<RuleFileCatalog> catalog_rule_files(const std::vector<std::filesystem::path>& files);

}  // namespace iotguard::detect
