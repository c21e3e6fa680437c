// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/credentials.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

namespace iotguard {
namespace fs = std::filesystem;

void parse_credentials(std::string_view text, const fs::path& origin, CredentialDictionary& into) {
  const std::string stem = origin.stem().string();
  std::size_t line_no = 0;
  while (!text.empty() && into.entries.size() < kMaxCredentials) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    auto problem = [&](std::string_view why) {
      if (into.problems.size() < 100)
        into.problems.push_back(fmt::format("{}:{}: {}", origin.string(), line_no, why));
    };
    std::vector<std::string_view> f;
    for (std::size_t at = 0; f.size() < 5;) {
      const std::size_t tab = line.find('\t', at);
      f.push_back(line.substr(at, tab == std::string_view::npos ? tab : tab - at));
      if (tab == std::string_view::npos) break;
      at = tab + 1;
    }
    // An empty user or password is a real entry: Gafgyt tries both.
    if (f.size() < 2) {
      problem("expected user<TAB>password");
      continue;
    }
    if (f[0].size() > kMaxUserBytes || f[1].size() > kMaxPasswordBytes) {
      problem("user or password too long");
      continue;
    }
    Credential c{std::string(f[0]), std::string(f[1]), 1, stem};
    if (f.size() >= 3 && !f[2].empty()) {
      unsigned w = 0;
      const auto [end, ec] = std::from_chars(f[2].data(), f[2].data() + f[2].size(), w);
      if (ec != std::errc() || end != f[2].data() + f[2].size() || w == 0 || w > 1000) {
        problem("weight must be a whole number from 1 to 1000");
        continue;
      }
      c.weight = w;
    }
    if (f.size() >= 4 && !f[3].empty()) c.source = std::string(f[3]);
    into.entries.push_back(std::move(c));
  }
}

Result<CredentialDictionary> load_credentials(const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".tsv" && it->is_regular_file(ec)) files.push_back(it->path());
  if (ec)
    return Error{"cannot read credential dictionaries in " + dir.string() + ": " + ec.message()};
  if (files.empty()) return Error{"no credential dictionary (*.tsv) in " + dir.string()};
  std::sort(files.begin(), files.end());
  CredentialDictionary d;
  for (const auto& f : files) {
    if (fs::file_size(f, ec) > kMaxCredentialFileBytes || ec) {
      d.problems.push_back(f.string() + ": unreadable or larger than 4 MB, skipped");
      continue;
    }
    std::ifstream in(f, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (!in) {
      d.problems.push_back(f.string() + ": cannot read, skipped");
      continue;
    }
    parse_credentials(ss.str(), f, d);
  }
  return d;
}

}  // namespace iotguard
