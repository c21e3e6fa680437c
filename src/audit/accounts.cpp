// SPDX-License-Identifier: GPL-2.0-or-later
#include "audit/accounts.h"

#include <map>

#include "audit/root.h"
#include "audit/text_file.h"

namespace iotguard::audit {
namespace {

std::vector<std::string_view> fields(std::string_view line) {
  std::vector<std::string_view> f;
  std::size_t i = 0;
  for (;;) {
    const std::size_t c = line.find(':', i);
    f.push_back(line.substr(i, c == std::string_view::npos ? std::string_view::npos : c - i));
    if (c == std::string_view::npos) break;
    i = c + 1;
  }
  return f;
}

}  // namespace

std::vector<Account> read_accounts(const Root& root, std::size_t max_bytes,
                                   std::vector<std::string>& problems) {
  struct ShadowEntry {
    std::string hash;
    std::size_t line;
  };
  std::map<std::string, ShadowEntry, std::less<>> shadow;
  if (root.exists("/etc/shadow")) {
    auto text = root.read("/etc/shadow", max_bytes);
    if (!text) {
      problems.push_back(text.error().message);
    } else {
      for_each_line(*text, [&](std::size_t n, std::string_view line) {
        if (is_comment(line)) return true;
        auto f = fields(line);
        if (f.size() >= 2 && !f[0].empty())
          shadow.emplace(std::string(f[0]), ShadowEntry{std::string(f[1]), n});
        return true;
      });
    }
  }
  std::vector<Account> out;
  auto text = root.read("/etc/passwd", max_bytes);
  if (!text) {
    if (root.exists("/etc/passwd")) problems.push_back(text.error().message);
    return out;
  }
  for_each_line(*text, [&](std::size_t n, std::string_view line) {
    if (is_comment(line)) return true;
    auto f = fields(line);
    if (f.size() < 4 || f[0].empty()) return true;
    Account a;
    a.name = f[0];
    a.uid = f[2];
    a.shell = f.size() >= 7 ? std::string(f[6]) : std::string();
    // passwd(5): "x" means the hash is in shadow; anything else is the hash itself.
    if (auto it = shadow.find(f[0]); it != shadow.end() && f[1] == "x") {
      a.hash = it->second.hash;
      a.source = "/etc/shadow";
      a.line = it->second.line;
    } else {
      a.hash = f[1];
      a.source = "/etc/passwd";
      a.line = n;
    }
    out.push_back(std::move(a));
    return true;
  });
  return out;
}

bool hash_is_empty(std::string_view h) { return h.empty(); }

bool hash_is_locked(std::string_view h) {
  if (h.empty()) return false;
  if (h.front() == '!' || h.front() == '*') return true;
  if (h == "x" || h == "NP" || h == "LK") return true;
  // crypt(3) output never has fewer than 13 characters: anything shorter matches no password.
  return h.size() < 13 && h.front() != '$';
}

std::string_view legacy_hash_scheme(std::string_view h) {
  if (h.starts_with("$1$")) return "md5-crypt";
  if (h.starts_with("$3$")) return "nt-hash";
  if (h.size() == 20 && h.front() == '_') return "bsdi-des";
  if (h.size() == 13 && h.front() != '$' && h.front() != '!' && h.front() != '*') return "des";
  return {};
}

bool hash_is_slow(std::string_view h) {
  return h.starts_with("$y$") || h.starts_with("$gy$") || h.starts_with("$7$") ||
         h.starts_with("$2") || h.starts_with("$md5");
}

}  // namespace iotguard::audit
