// SPDX-License-Identifier: GPL-2.0-or-later
#include "sense/credentials.h"

#include <algorithm>
#include <fstream>
#include <vector>

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
  Credentials c;
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".tsv" && e.is_regular_file(ec)) files.push_back(e.path());
  if (ec) return Error{"cannot list " + dir.string() + ": " + ec.message()};
  if (files.empty()) return Error{"no *.tsv credential files in " + dir.string()};
  std::sort(files.begin(), files.end());
  constexpr std::size_t kMaxLine = 4096, kMaxEntries = 100000;
  for (const auto& f : files) {
    std::ifstream in(f);
    if (!in) return Error{"cannot read " + f.string()};
    std::string line;
    while (std::getline(in, line) && c.pairs_.size() < kMaxEntries) {
      if (line.empty() || line[0] == '#') continue;
      if (line.size() > kMaxLine) {
        ++c.skipped_;
        continue;
      }
      const auto t1 = line.find('\t');
      const auto t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
      if (t2 == std::string::npos) {
        ++c.skipped_;
        continue;
      }
      const auto t3 = line.find('\t', t2 + 1);
      std::string source = t3 == std::string::npos ? "" : line.substr(t3 + 1);
      c.add(std::string_view(line).substr(0, t1),
            std::string_view(line).substr(t1 + 1, t2 - t1 - 1),
            source.empty() ? f.stem().string() : source);
    }
  }
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
