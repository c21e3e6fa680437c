// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/data_dir.h"

#include <unistd.h>

#include <cstdlib>
#include <system_error>
#include <vector>

namespace iotguard {
namespace fs = std::filesystem;

namespace {
bool looks_like_db(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec) &&
         (fs::exists(p / "manifest.json", ec) || fs::exists(p / "credentials", ec));
}
}  // namespace

Result<fs::path> find_signatures_dir(const std::optional<std::string>& override_dir) {
  if (override_dir) {
    if (looks_like_db(*override_dir)) return fs::path(*override_dir);
    return Error{"--db " + *override_dir + " is not a signatures directory"};
  }
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("IOTGUARD_DB"); env != nullptr && *env != '\0')
    candidates.emplace_back(env);
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(exe.parent_path().parent_path() / "share/iotguard/signatures");
  candidates.push_back(fs::path(IOTGUARD_INSTALL_DATADIR) / "signatures");
  candidates.push_back(fs::path(IOTGUARD_SOURCE_DIR) / "signatures");
  for (const auto& c : candidates)
    if (looks_like_db(c)) return c;
  return Error{"no signatures directory found (use --db DIR or set IOTGUARD_DB)"};
}

}  // namespace iotguard
