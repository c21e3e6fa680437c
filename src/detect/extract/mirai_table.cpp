// SPDX-License-Identifier: GPL-2.0-or-later
// Key search without trying 255 keys over the whole file: XOR with one byte
// keeps the XOR of neighbouring bytes, so the known plaintexts are searched
// as their "difference strings", all in one pass, and the key is read off the
// first byte of every hit. Mirai's 0xdeadbeef table key folds to 0x22 the
// same way.
#include "detect/extract/mirai_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <map>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "core/obfuscated.h"

namespace iotguard::detect {
namespace {

// Table entries every Mirai build carries (bot/table.c), long enough to be
// specific once encoded. Obfuscated: in clear they would make IoTGuard's own
// binary match Mirai rules (core/obfuscated.h).
constexpr auto kKnownHidden = obfuscate(
    "/proc/", " (deleted)", "/status", ".anime", "TSource Engine Query", "/etc/resolv.conf",
    "nameserver", "listening tun0", "ncorrect", "chunked", "REPORT %s:%s", "HTTPFLOOD", "LOLNOGTFO",
    "zollard", "GETLOCALIP", "/bin/busybox", "MIRAI: applet not found", "https://youtu.be/",
    "/dev/watchdog", "dvrHelper", "Accept-Language: ", "Content-Type: ");
constexpr std::size_t kKnownCount = kKnownHidden.count();

static_assert(
    [] {
      for (std::size_t k = 0; k < kKnownCount; ++k)
        if (kKnownHidden.length(k) < 6) return false;
      return true;
    }(),
    "the one-pass search keys on 4 difference bytes and a 5th to compare");

std::vector<std::uint8_t> diff_of(std::string_view s) {
  std::vector<std::uint8_t> d;
  for (std::size_t i = 0; i + 1 < s.size(); ++i)
    d.push_back(static_cast<std::uint8_t>(s[i]) ^ static_cast<std::uint8_t>(s[i + 1]));
  return d;
}

// The known plaintexts' difference strings, indexed by their first 4 bytes.
struct KnownIndex {
  std::vector<std::string> plain = kKnownHidden.decode();
  std::vector<std::vector<std::uint8_t>> diffs;
  std::vector<std::pair<std::uint32_t, std::size_t>> heads;  // (first 4 diff bytes, index)
  std::vector<std::uint64_t> filter = std::vector<std::uint64_t>(1024);  // 64K-bit bitmap

  static std::uint32_t bucket(std::uint32_t w) { return (w * 0x9E3779B1u) >> 16; }
  [[nodiscard]] bool may_start(std::uint32_t w) const {
    const std::uint32_t b = bucket(w);
    return ((filter[b >> 6] >> (b & 63)) & 1) != 0;
  }
  [[nodiscard]] std::vector<std::size_t> starting_with(std::uint32_t w) const {
    std::vector<std::size_t> out;
    for (const auto& [head, k] : heads)
      if (head == w) out.push_back(k);
    return out;
  }
};

const KnownIndex& known_index() {
  static const KnownIndex index = [] {
    KnownIndex x;
    for (std::size_t k = 0; k < kKnownCount; ++k) {
      x.diffs.push_back(diff_of(x.plain[k]));
      const auto& d = x.diffs.back();
      // Every known plaintext is at least 6 bytes: 5 difference bytes.
      const std::uint32_t head = (std::uint32_t{d[0]} << 24) | (std::uint32_t{d[1]} << 16) |
                                 (std::uint32_t{d[2]} << 8) | d[3];
      x.heads.emplace_back(head, k);
      const std::uint32_t b = KnownIndex::bucket(head);
      x.filter[b >> 6] |= std::uint64_t{1} << (b & 63);
    }
    return x;
  }();
  return index;
}

bool printable(std::uint8_t c) { return c >= 0x20 && c < 0x7f; }

bool looks_like_host(const std::string& s) {
  if (s.size() < 4 || s.size() > 253) return false;
  bool dot = false, alpha_tail = false;
  for (char c : s) {
    if (c == '.') {
      dot = true;
      alpha_tail = false;
      continue;
    }
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-')) return false;
    alpha_tail = std::isalpha(static_cast<unsigned char>(c)) != 0 || alpha_tail;
  }
  if (!dot || s.front() == '.' || s.back() == '.') return false;
  // A host name ends in a letter TLD; an IPv4 literal is all digits and dots.
  const bool ipv4 = std::all_of(s.begin(), s.end(), [](char c) {
    return c == '.' || std::isdigit(static_cast<unsigned char>(c));
  });
  return ipv4 || alpha_tail;
}

}  // namespace

std::optional<MiraiConfig> extract_mirai(Bytes bytes, const CredentialSet* credentials,
                                         const MiraiKeySearch& opt) {
  if (bytes.size() < 64 || bytes.size() > opt.max_bytes) return std::nullopt;
  const std::size_t n = bytes.size();
  const KnownIndex& index = known_index();

  // key -> distinct known plaintexts seen under it (key 0 is plaintext: ignored)
  std::map<std::uint8_t, std::set<std::string_view>> hits;
  // key -> first and last offset of a known plaintext under it
  std::map<std::uint8_t, std::pair<std::size_t, std::size_t>> span;
  std::array<std::size_t, kKnownCount> seen{};  // hits per plaintext, capped
  // One pass over the file's difference string, computed on the fly: the
  // rolling 4-byte window goes through a bitmap, and only windows that start
  // some known plaintext's difference string are compared in full.
  auto search = [&](std::size_t from, std::size_t to) {
    std::uint32_t w = 0;
    for (std::size_t i = from; i + 1 < to; ++i) {
      w = (w << 8) | static_cast<std::uint8_t>(bytes[i] ^ bytes[i + 1]);
      if (i < from + 3 || !index.may_start(w)) continue;
      const std::size_t pos = i - 3;  // where the window (and a match) starts
      for (const std::size_t k : index.starting_with(w)) {
        const auto& pat = index.diffs[k];
        if (seen[k] >= 4096 || pos + pat.size() + 1 > n) continue;
        bool match = true;
        for (std::size_t j = 4; j < pat.size() && match; ++j)
          match = static_cast<std::uint8_t>(bytes[pos + j] ^ bytes[pos + j + 1]) == pat[j];
        if (!match) continue;
        ++seen[k];
        const auto key =
            static_cast<std::uint8_t>(bytes[pos] ^ static_cast<std::uint8_t>(index.plain[k][0]));
        if (key == 0) continue;
        hits[key].insert(index.plain[k]);
        auto [sp, fresh] = span.try_emplace(key, pos, pos);
        if (!fresh)
          sp->second = {std::min(sp->second.first, pos), std::max(sp->second.second, pos)};
      }
    }
  };
  // Ranges come from section headers, which a sample may forge: when they add
  // up to more than the file (overlaps), one pass over the file is cheaper.
  std::vector<std::pair<std::size_t, std::size_t>> within;  // [begin, end) inside the file
  std::size_t ranged = 0;
  for (const auto& [off, size] : opt.ranges)
    if (off < n) ranged += within.emplace_back(off, off + std::min(size, n - off)).second - off;
  if (opt.ranges.empty() || ranged >= n) within = {{0, n}};
  for (const auto& [begin, end] : within) search(begin, end);
  std::uint8_t key = 0;
  std::size_t best = 0;
  for (const auto& [k, set] : hits)
    if (set.size() > best) key = k, best = set.size();
  if (best < opt.min_known) return std::nullopt;

  MiraiConfig c;
  c.key = key;
  for (auto s : hits[key]) c.known.emplace_back(s);

  // Table entries: runs that decode to printable text and end in the encoded
  // NUL (the key byte itself), as add_entry() literals do.
  std::vector<std::string> words;
  // Walk only the neighbourhood of the known entries: the bot's literals sit
  // together in .rodata (table.c beside scanner.c), while a static build's
  // libc and code elsewhere decode to printable noise that would fill the
  // entry list before the table is reached (seen on sh4).
  constexpr std::size_t kMargin = 64u << 10;
  const auto [lo, hi] = span[key];
  std::size_t i = lo > kMargin ? lo - kMargin : 0;
  const std::size_t stop = std::min(n, hi + kMargin);
  while (i < stop && c.entries.size() < 256) {
    std::size_t j = i;
    while (j < n && bytes[j] != key && bytes[j] != 0 && printable(bytes[j] ^ key)) ++j;
    const std::size_t len = j - i;
    if (j < n && len >= 2) {
      std::string text;
      for (std::size_t k = i; k < j; ++k) text += static_cast<char>(bytes[k] ^ key);
      if (bytes[j] == key && len >= 3) {
        c.entries.push_back(text);
        if (looks_like_host(text) && c.endpoints.size() < 16) {
          Endpoint ep{text, std::nullopt};
          // The port literal follows: two encoded bytes, then the C NUL.
          const std::size_t p = j + 2;
          if (j + 1 < n && bytes[j + 1] == 0 && p + 2 < n && bytes[p + 2] == 0) {
            const auto port =
                static_cast<std::uint16_t>(((bytes[p] ^ key) << 8) | (bytes[p + 1] ^ key));
            if (port != 0) ep.port = port;
          }
          c.endpoints.push_back(std::move(ep));
        }
      } else if (bytes[j] == 0 && credentials != nullptr && credentials->words.count(text) != 0) {
        // Scanner credentials are encoded without the trailing encoded NUL.
        words.push_back(text);
      }
    }
    i = j + 1;
  }
  if (credentials != nullptr) {
    // A word that closed a pair is a password: it never opens the next pair
    // ("admin","admin","root","888888" is admin:admin, root:888888, not admin:root).
    for (std::size_t w = 0; w + 1 < words.size(); ++w) {
      for (const auto& cr : credentials->pairs) {
        if (cr.user != words[w] || cr.password != words[w + 1]) continue;
        const bool dup = std::any_of(
            c.credentials.begin(), c.credentials.end(),
            [&](const Credential& x) { return x.user == cr.user && x.password == cr.password; });
        if (!dup) c.credentials.push_back(cr);
        ++w;
        break;
      }
    }
    std::set<std::string> listed;
    for (const auto& w : words)
      if (listed.insert(w).second && c.credential_words.size() < 256)
        c.credential_words.push_back(w);
  }
  return c;
}

nlohmann::json to_json(const MiraiConfig& c) {
  nlohmann::json eps = nlohmann::json::array();
  for (const auto& e : c.endpoints) {
    nlohmann::json j = {{"host", e.host}};
    j["port"] = e.port ? nlohmann::json(*e.port) : nlohmann::json(nullptr);
    eps.push_back(j);
  }
  nlohmann::json creds = nlohmann::json::array();
  for (const auto& cr : c.credentials)
    creds.push_back({{"user", cr.user}, {"password", cr.password}});
  return {{"decoder", "mirai-table"},    {"xor_key", fmt::format("0x{:02x}", c.key)},
          {"known_plaintexts", c.known}, {"c2", eps},
          {"credentials", creds},        {"credential_words", c.credential_words},
          {"table", c.entries}};
}

}  // namespace iotguard::detect
