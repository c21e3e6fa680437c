// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/hashes/hash_list.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <optional>
#include <string_view>

#include "core/digest.h"

namespace iotguard::detect {
namespace fs = std::filesystem;

namespace {

// One algorithm's entries, compact enough for a whole ClamAV database
// (millions of lines): fixed-size binary digests sorted for binary search,
// names in one pool, the sizes entries name as a sorted list.
template <std::size_t N>
class Table {
 public:
  struct Row {
    std::array<std::uint8_t, N> digest;
    std::int64_t size;   // -1: any size (our TSV, ClamAV '*')
    std::uint32_t name;  // offset into names_
    Severity severity;
  };
  struct Hit {
    std::string_view name;
    std::int64_t size;
    Severity severity;
  };

  // False when the name pool would pass 4 GB (offsets are 32-bit).
  bool add(const std::array<std::uint8_t, N>& digest, std::int64_t size, std::string_view name,
           Severity sev) {
    if (names_.size() + name.size() + 1 > UINT32_MAX) return false;
    rows_.push_back({digest, size, static_cast<std::uint32_t>(names_.size()), sev});
    names_.append(name);
    names_.push_back('\0');
    if (size < 0)
      any_size_ = true;
    else
      sizes_.push_back(static_cast<std::uint64_t>(size));
    return true;
  }
  // Called once, after the last add: sorts, and keeps the last entry of a
  // digest listed twice, as a later list overriding an earlier one would.
  void seal() {
    std::stable_sort(rows_.begin(), rows_.end(),
                     [](const Row& a, const Row& b) { return a.digest < b.digest; });
    std::size_t kept = 0;
    for (std::size_t i = 0; i < rows_.size(); ++i)
      if (i + 1 == rows_.size() || rows_[i + 1].digest != rows_[i].digest) rows_[kept++] = rows_[i];
    rows_.resize(kept);
    rows_.shrink_to_fit();
    std::sort(sizes_.begin(), sizes_.end());
    sizes_.erase(std::unique(sizes_.begin(), sizes_.end()), sizes_.end());
    sizes_.shrink_to_fit();
    names_.shrink_to_fit();
  }
  [[nodiscard]] bool wants(std::uint64_t size) const {
    return !rows_.empty() && (any_size_ || std::binary_search(sizes_.begin(), sizes_.end(), size));
  }
  [[nodiscard]] std::optional<Hit> find(const std::array<std::uint8_t, N>& digest) const {
    auto it = std::lower_bound(rows_.begin(), rows_.end(), digest,
                               [](const Row& r, const auto& d) { return r.digest < d; });
    if (it == rows_.end() || it->digest != digest) return std::nullopt;
    return Hit{std::string_view(names_.data() + it->name), it->size, it->severity};
  }
  [[nodiscard]] std::size_t size() const { return rows_.size(); }

 private:
  std::vector<Row> rows_;
  std::string names_;
  std::vector<std::uint64_t> sizes_;
  bool any_size_ = false;
};

using Md5Table = Table<16>;
using Sha1Table = Table<20>;
using Sha256Table = Table<32>;

// Hex text to bytes; false unless it is exactly 2N hex digits.
template <std::size_t N>
bool parse_digest(std::string_view hex, std::array<std::uint8_t, N>& out) {
  const auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (hex.size() != 2 * N) return false;
  for (std::size_t i = 0; i < N; ++i) {
    const int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return true;
}

std::vector<std::string_view> split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    auto pos = line.find(sep, start);
    out.push_back(line.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

class HashDetector final : public Detector {
 public:
  HashDetector(Md5Table md5, Sha1Table sha1, Sha256Table sha256, std::string fp)
      : md5_(std::move(md5)),
        sha1_(std::move(sha1)),
        sha256_(std::move(sha256)),
        fp_(std::move(fp)) {}

  [[nodiscard]] std::string name() const override { return "hashes"; }
  [[nodiscard]] std::string fingerprint() const override { return "hashes:" + fp_; }

  std::optional<std::string> analyse(const Layer& layer, std::vector<Finding>& out) override {
    const std::uint64_t n = layer.bytes.size();
    if (sha256_.wants(n)) check(layer, sha256_, "sha256", layer.sha256(), out);
    const DigestSelection want{md5_.wants(n), sha1_.wants(n), false};
    if (want.md5 || want.sha1) {
      const Digests d = compute_digests(layer.bytes, want);
      if (want.md5) check(layer, md5_, "md5", d.md5, out);
      if (want.sha1) check(layer, sha1_, "sha1", d.sha1, out);
    }
    return std::nullopt;
  }

 private:
  template <std::size_t N>
  static void check(const Layer& layer, const Table<N>& t, const char* algo, const std::string& h,
                    std::vector<Finding>& out) {
    std::array<std::uint8_t, N> digest{};
    if (!parse_digest(h, digest)) return;
    const auto hit = t.find(digest);
    if (!hit) return;
    if (hit->size >= 0 && static_cast<std::uint64_t>(hit->size) != layer.bytes.size()) return;
    Finding f = layer.make_finding();
    f.rule = std::string(hit->name);
    f.severity = hit->severity;
    f.title = fmt::format("Known malicious file ({} match)", algo);
    // ClamAV-style names carry the family as the third dotted part: Unix.Trojan.Mirai-1.
    const auto parts = split(hit->name, '.');
    if (parts.size() >= 3) f.family = std::string(parts[2].substr(0, parts[2].find('-')));
    f.evidence = {{"engine", "hash"}, {"algorithm", algo}, {"hash", h}};
    out.push_back(std::move(f));
  }

  Md5Table md5_;
  Sha1Table sha1_;
  Sha256Table sha256_;
  std::string fp_;
};

struct Tables {
  Md5Table md5;
  Sha1Table sha1;
  Sha256Table sha256;
};

// Files entries by digest length; false when the text is no MD5, SHA-1 or
// SHA-256 in hex.
bool add_entry(Tables& t, std::string_view hash, std::int64_t size, std::string_view name,
               Severity sev, bool& full) {
  std::array<std::uint8_t, 16> md5{};
  std::array<std::uint8_t, 20> sha1{};
  std::array<std::uint8_t, 32> sha256{};
  bool ok = true;
  if (parse_digest(hash, md5))
    ok = t.md5.add(md5, size, name, sev);
  else if (parse_digest(hash, sha1))
    ok = t.sha1.add(sha1, size, name, sev);
  else if (parse_digest(hash, sha256))
    ok = t.sha256.add(sha256, size, name, sev);
  else
    return false;
  full = !ok;
  return true;
}

bool clamav_format(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".hdb" || ext == ".hsb";
}

std::optional<std::string> read_list(std::istream& in, const std::string& p, bool clam, Tables& t,
                                     Sha256& fp) {
  std::string text;
  std::size_t n = 0;
  while (std::getline(in, text)) {
    ++n;
    std::string_view line = text;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    fp.update(line);
    fp.update("\n");
    std::string_view hash, name;
    std::int64_t size = -1;
    Severity sev = Severity::high;
    if (clam) {
      const auto f = split(line, ':');
      if (f.size() < 3) return fmt::format("{}:{}: expected HASH:SIZE:NAME", p, n);
      hash = f[0];
      if (f[1] != "*") {
        const auto [end, ec] = std::from_chars(f[1].data(), f[1].data() + f[1].size(), size);
        if (ec != std::errc() || end != f[1].data() + f[1].size() || size < 0)
          return fmt::format("{}:{}: bad size '{}'", p, n, f[1]);
      }
      name = f[2];
    } else {
      const auto f = split(line, '\t');
      if (f.size() < 2) return fmt::format("{}:{}: expected HASH<TAB>NAME", p, n);
      hash = f[0];
      name = f[1];
      if (f.size() >= 3 && !f[2].empty()) {
        auto parsed = parse_severity(std::string(f[2]));
        if (!parsed) return fmt::format("{}:{}: unknown severity '{}'", p, n, f[2]);
        sev = *parsed;
      }
    }
    bool full = false;
    if (!add_entry(t, hash, size, name, sev, full))
      return fmt::format("{}:{}: '{}' is not an MD5, SHA-1 or SHA-256", p, n, hash);
    if (full) return fmt::format("{}:{}: more entry names than one list can hold", p, n);
  }
  return std::nullopt;
}

std::optional<std::string> load_file(const fs::path& p, Tables& t, Sha256& fp) {
  std::ifstream in(p);
  if (!in) return "cannot read hash list " + p.string();
  return read_list(in, p.string(), clamav_format(p), t, fp);
}

}  // namespace

Result<std::size_t> read_hash_list(std::istream& in, const std::string& name, bool clamav) {
  Tables t;
  Sha256 fp;
  if (auto err = read_list(in, name, clamav, t, fp)) return Error{*err};
  t.md5.seal();
  t.sha1.seal();
  t.sha256.seal();
  return t.md5.size() + t.sha1.size() + t.sha256.size();
}

Result<std::unique_ptr<Detector>> make_hash_detector(const std::vector<fs::path>& inputs,
                                                     HashListStats* stats) {
  Tables t;
  Sha256 fp;
  std::size_t files = 0;
  for (const auto& in : inputs) {
    std::vector<fs::path> list;
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      for (const auto& e : fs::directory_iterator(in, ec)) {
        const auto ext = e.path().extension();
        if (ext == ".tsv" || ext == ".hdb" || ext == ".hsb") list.push_back(e.path());
      }
      std::sort(list.begin(), list.end());
    } else if (fs::is_regular_file(in, ec)) {
      list.push_back(in);
    } else {
      return Error{"hash list not found: " + in.string()};
    }
    for (const auto& p : list) {
      if (auto err = load_file(p, t, fp)) return Error{*err};
      ++files;
    }
  }
  t.md5.seal();
  t.sha1.seal();
  t.sha256.seal();
  if (stats != nullptr) *stats = {t.md5.size(), t.sha1.size(), t.sha256.size(), files};
  return std::unique_ptr<Detector>(std::make_unique<HashDetector>(
      std::move(t.md5), std::move(t.sha1), std::move(t.sha256), fp.hex()));
}

}  // namespace iotguard::detect
