// SPDX-License-Identifier: GPL-2.0-or-later
#include "signatures/learn/xor_strings.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <string_view>

#include "signatures/learn/strings.h"

namespace iotguard::signatures::learn {
namespace {

// How far around a crib hit the rest of its table is looked for.
constexpr std::size_t kTableReach = 16 * 1024;

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Lower-case letters, spaces, digits and path punctuation: what program
// text is mostly made of, and XOR-scrambled text is not.
int text_score(std::string_view s) {
  int score = 0;
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || c == ' ' || c == '/' || c == '.' || (c >= '0' && c <= '9'))
      score += 2;
    else if ((c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == ':' || c == '%')
      score += 1;
    else
      score -= 2;
  }
  return score;
}

// Decoded printable runs of [from, to) under a repeating key whose byte for
// file offset x is key[(x - phase) % 4].
void decode_runs(Bytes b, std::size_t from, std::size_t to, const std::array<std::uint8_t, 4>& key,
                 std::size_t phase, bool single, const XorOptions& o, std::vector<XorString>& out) {
  std::string run;
  std::size_t run_at = from;
  for (std::size_t x = from; x <= to; ++x) {
    const bool in = x < to;
    const std::uint8_t c =
        in ? static_cast<std::uint8_t>(b[x] ^ key[(x + 4 - phase % 4) % 4]) : std::uint8_t{0};
    // A real NUL ends the literal before, as in the structural search.
    if (in && b[x] != 0 && is_printable(c)) {
      if (run.empty()) run_at = x;
      run.push_back(static_cast<char>(c));
      continue;
    }
    // Decoded data tables (counters, zero fill) are no hidden text: the bytes
    // as stored must not be mostly NULs, and the decoding must read better.
    std::size_t zeros = 0;
    for (std::size_t y = run_at; y < run_at + run.size(); ++y) zeros += b[y] == 0;
    const std::string_view raw(reinterpret_cast<const char*>(b.data() + run_at), run.size());
    // A hidden table's entries end in an encoded NUL, as the structural
    // search requires too: runs ended by other bytes are decoding noise.
    const bool terminated = in && c == 0;
    if (terminated && run.size() >= o.min_len && looks_like_text(run) && zeros * 4 <= run.size() &&
        text_score(run) > text_score(raw) && out.size() < o.max_strings) {
      XorString s;
      s.text = run;
      // The key as seen from the string's first byte.
      for (std::size_t i = 0; i < 4; ++i) s.key[i] = key[(run_at + i + 4 - phase % 4) % 4];
      s.single_byte = single;
      s.offset = run_at;
      out.push_back(std::move(s));
    }
    run.clear();
  }
}

void structural(Bytes b, const XorOptions& o, std::vector<XorString>& out) {
  // Per key, the entries found; a key with fewer than min_entries is noise.
  std::map<std::uint8_t, std::vector<XorString>> by_key;
  const std::size_t n = b.size();
  for (std::size_t j = 1; j + 1 < n; ++j) {
    const std::uint8_t k = b[j];
    if (k == 0 || b[j + 1] != 0) continue;
    std::size_t i = j;
    // A real NUL ends the literal before: it would decode to the key.
    while (i > 0 && b[i - 1] != 0 && is_printable(static_cast<std::uint8_t>(b[i - 1] ^ k)) &&
           j - i < 512)
      --i;
    if (j - i < o.min_len) continue;
    std::string text(j - i, '\0');
    for (std::size_t x = i; x < j; ++x) text[x - i] = static_cast<char>(b[x] ^ k);
    if (!looks_like_text(text)) continue;
    // Plaintext ending in a newline (or any text) followed by a NUL has this
    // layout for the key '\n': keep the decoding only when it reads more
    // like text than the bytes as they are.
    if (const std::string_view raw(reinterpret_cast<const char*>(b.data() + i), j - i);
        text_score(raw) >= text_score(text))
      continue;
    auto& v = by_key[k];
    if (v.size() >= o.max_strings) continue;
    XorString s;
    s.text = std::move(text);
    s.key = {k, k, k, k};
    s.offset = i;
    v.push_back(std::move(s));
  }
  for (auto& [k, v] : by_key) {
    if (v.size() < o.min_entries) continue;
    for (auto& s : v) {
      if (out.size() >= o.max_strings) return;
      out.push_back(std::move(s));
    }
  }
}

void from_cribs(Bytes b, const XorOptions& o, std::vector<XorString>& out) {
  const std::size_t n = b.size();
  if (n < 16 || o.cribs.empty()) return;
  // d4[x] = b[x] ^ b[x+4]: the same for the plaintext under any 1- or 4-byte key.
  std::vector<std::uint8_t> d4(n - 4);
  for (std::size_t x = 0; x + 4 < n; ++x) d4[x] = b[x] ^ b[x + 4];
  std::set<std::pair<std::array<std::uint8_t, 4>, std::size_t>> regions;  // key, region start
  for (const auto& crib : o.cribs) {
    if (crib.size() < 8) continue;
    std::vector<std::uint8_t> pat(crib.size() - 4);
    for (std::size_t i = 0; i + 4 < crib.size(); ++i)
      pat[i] = static_cast<std::uint8_t>(crib[i] ^ crib[i + 4]);
    const auto* hay = d4.data();
    std::size_t at = 0;
    int hits = 0;
    while (at + pat.size() <= d4.size() && hits < 8) {
      const void* f = ::memmem(hay + at, d4.size() - at, pat.data(), pat.size());
      if (f == nullptr) break;
      const std::size_t x = static_cast<std::size_t>(static_cast<const std::uint8_t*>(f) - hay);
      at = x + 1;
      std::array<std::uint8_t, 4> key{};
      bool zero = true;
      for (std::size_t i = 0; i < 4; ++i) {
        key[(x + i) % 4] = static_cast<std::uint8_t>(b[x + i] ^ crib[i]);
        zero &= key[(x + i) % 4] == 0;
      }
      if (zero) continue;  // the plaintext itself
      ++hits;
      regions.insert({key, x > kTableReach ? x - kTableReach : 0});
    }
  }
  std::set<std::pair<std::uint64_t, std::string>> seen;
  for (const auto& [key, from] : regions) {
    const bool single = key[0] == key[1] && key[1] == key[2] && key[2] == key[3];
    const std::size_t to = std::min(n, from + 2 * kTableReach);
    std::vector<XorString> found;
    // The key indexes file offsets (phase 0); a string keyed from its own
    // first byte is one of the four rotations.
    for (std::size_t phase = 0; phase < (single ? 1u : 4u); ++phase)
      decode_runs(b, from, to, key, phase, single, o, found);
    for (auto& s : found) {
      if (out.size() >= o.max_strings) return;
      if (seen.insert({s.offset, s.text}).second) out.push_back(std::move(s));
    }
  }
}

}  // namespace

bool has_word(std::string_view s) {
  // "word", "Word" or "WORDS": what people write; code bytes and scrambled
  // text rarely give one.
  std::size_t lower = 0, upper = 0;
  bool capital = false;  // the lower-case run follows a capital
  for (char c : s) {
    const bool lo = c >= 'a' && c <= 'z', up = c >= 'A' && c <= 'Z';
    if (lo) {
      if (lower == 0) capital = upper > 0;
      ++lower;
    } else {
      lower = 0;
    }
    upper = up ? upper + 1 : 0;
    if (lower >= 4 || (capital && lower >= 3) || upper >= 5) return true;
  }
  return false;
}

bool looks_like_text(std::string_view s) {
  if (!has_word(s)) return false;
  std::size_t alnum = 0, letters_run = 0, best_run = 0;
  for (char c : s) {
    if (is_alnum(c)) ++alnum;
    letters_run = is_alpha(c) ? letters_run + 1 : 0;
    best_run = std::max(best_run, letters_run);
  }
  return best_run >= 3 && alnum * 2 >= s.size();
}

std::vector<XorString> find_xor_strings(Bytes bytes, const XorOptions& options) {
  std::vector<XorString> out;
  structural(bytes, options, out);
  from_cribs(bytes, options, out);
  // One entry per (text, key): the structural and the crib search meet.
  std::sort(out.begin(), out.end(), [](const XorString& a, const XorString& b) {
    return std::tie(a.text, a.key, a.offset) < std::tie(b.text, b.key, b.offset);
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const XorString& a, const XorString& b) {
                          return a.text == b.text && a.key == b.key;
                        }),
            out.end());
  return out;
}

Result<std::vector<std::string>> load_lines(const std::filesystem::path& file,
                                            std::size_t min_len) {
  std::ifstream in(file);
  if (!in) return Error{file.string() + ": cannot read"};
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line) && out.size() < 4096) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.size() < min_len || line[0] == '#') continue;
    out.push_back(line);
  }
  return out;
}

}  // namespace iotguard::signatures::learn
