// SPDX-License-Identifier: GPL-2.0-or-later
#include "audit/credentials.h"

#include <crypt.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "audit/text_file.h"

namespace iotguard::audit {

std::vector<Credential> parse_credentials(std::string_view text) {
  std::vector<Credential> out;
  for_each_line(text, [&](std::size_t, std::string_view line) {
    if (line.empty() || line.front() == '#') return true;
    std::vector<std::string_view> f;
    std::size_t i = 0;
    for (;;) {
      const std::size_t t = line.find('\t', i);
      f.push_back(line.substr(i, t == std::string_view::npos ? std::string_view::npos : t - i));
      if (t == std::string_view::npos) break;
      i = t + 1;
    }
    if (f.size() < 2 || f[0].size() > 64 || f[1].size() > 128) return true;
    Credential c{std::string(f[0]), std::string(f[1]), 1, ""};
    if (f.size() >= 3) {
      unsigned w = 1;
      auto [p, ec] = std::from_chars(f[2].data(), f[2].data() + f[2].size(), w);
      if (ec == std::errc() && w > 0) c.weight = std::min(w, 1000u);
    }
    if (f.size() >= 4) c.source = std::string(f[3]);
    out.push_back(std::move(c));
    return out.size() < kMaxCredentials;
  });
  return out;
}

Result<std::vector<Credential>> load_credentials(const std::filesystem::path& signatures_dir) {
  namespace fs = std::filesystem;
  const fs::path dir = signatures_dir / "credentials";
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".tsv" && it->is_regular_file(ec)) files.push_back(it->path());
  if (ec || files.empty()) return Error{"no credential dictionary in " + dir.string()};
  std::sort(files.begin(), files.end());
  std::vector<Credential> all;
  for (const auto& f : files) {
    if (fs::file_size(f, ec) > (std::uintmax_t{4} << 20)) return Error{f.string() + ": too large"};
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    for (auto& c : parse_credentials(ss.str())) {
      if (all.size() >= kMaxCredentials) break;
      all.push_back(std::move(c));
    }
  }
  return all;
}

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
