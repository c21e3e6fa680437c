// SPDX-License-Identifier: GPL-2.0-or-later
// What the db subcommands read from a pattern file: its manifest, its rule
// files, a rule's meta.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "detect/yara/rule_catalog.h"

namespace iotguard::cli {

// The pattern file named by --db, else the one found (core/data_dir.h).
Result<std::filesystem::path> locate_db(const std::optional<std::filesystem::path>& db);
Result<nlohmann::json> read_manifest(const std::filesystem::path& db);
std::vector<std::filesystem::path> rule_files(const std::filesystem::path& db);
std::string meta_string(const detect::RuleInfo& r, const char* key);
bool is_trait(const detect::RuleInfo& r);

}  // namespace iotguard::cli
