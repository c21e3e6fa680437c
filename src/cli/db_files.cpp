// SPDX-License-Identifier: GPL-2.0-or-later
#include "cli/db_files.h"

#include <algorithm>
#include <fstream>

#include "core/data_dir.h"

namespace iotguard::cli {
namespace fs = std::filesystem;

namespace {
constexpr std::uintmax_t kMaxManifestBytes = 1u << 20;
}  // namespace

Result<fs::path> locate_db(const std::optional<fs::path>& db) {
  return find_signatures_dir(db ? std::optional<std::string>(db->string()) : std::nullopt);
}

Result<nlohmann::json> read_manifest(const fs::path& db) {
  const fs::path p = db / "manifest.json";
  std::error_code ec;
  const auto size = fs::file_size(p, ec);
  if (ec) return Error{p.string() + ": missing"};
  if (size > kMaxManifestBytes) return Error{p.string() + ": larger than 1 MiB"};
  std::ifstream in(p);
  auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error{p.string() + ": not a JSON object"};
  return j;
}

std::vector<fs::path> rule_files(const fs::path& db) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (auto it = fs::directory_iterator(db / "rules", ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    const auto ext = it->path().extension();
    if (it->is_regular_file(ec) && (ext == ".yar" || ext == ".yara")) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string meta_string(const detect::RuleInfo& r, const char* key) {
  const auto it = r.meta.find(key);
  return it != r.meta.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool is_trait(const detect::RuleInfo& r) {
  return std::find(r.tags.begin(), r.tags.end(), "trait") != r.tags.end();
}

}  // namespace iotguard::cli
