// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/credentials.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

namespace iotguard::detect {
namespace fs = std::filesystem;

Result<CredentialSet> load_credentials(const fs::path& dir) {
  CredentialSet set;
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".tsv") files.push_back(e.path());
  if (ec) return Error{"cannot read credential dictionaries in " + dir.string()};
  std::sort(files.begin(), files.end());
  for (const auto& p : files) {
    std::ifstream in(p);
    std::string line;
    std::size_t n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (line.empty() || line[0] == '#') continue;
      Credential c;
      const auto t1 = line.find('\t');
      if (t1 == std::string::npos)
        return Error{fmt::format("{}:{}: expected user<TAB>password", p.string(), n)};
      const auto t2 = line.find('\t', t1 + 1);
      c.user = line.substr(0, t1);
      c.password = line.substr(t1 + 1, t2 == std::string::npos ? std::string::npos : t2 - t1 - 1);
      if (t2 != std::string::npos) {
        const auto t3 = line.find('\t', t2 + 1);
        try {
          c.weight = std::stoi(line.substr(t2 + 1, t3 - t2 - 1));
        } catch (...) {
          return Error{fmt::format("{}:{}: bad weight", p.string(), n)};
        }
        if (t3 != std::string::npos) c.source = line.substr(t3 + 1);
      }
      if (!c.user.empty()) set.words.insert(c.user);
      if (!c.password.empty()) set.words.insert(c.password);
      set.pairs.push_back(std::move(c));
    }
  }
  return set;
}

}  // namespace iotguard::detect
