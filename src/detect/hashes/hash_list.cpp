// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/hashes/hash_list.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include "core/digest.h"

namespace iotguard::detect {
namespace fs = std::filesystem;

namespace {

struct Entry {
  std::string name;
  std::int64_t size = -1;  // -1: any size (ClamAV '*')
  Severity severity = Severity::high;
};

// One algorithm's entries and the file sizes they name. ClamAV entries carry
// the size, as ClamAV itself uses it: a file whose size no entry names is never
// hashed for this table (hashing costs as much as a YARA pass). One entry
// without a size (TSV, or ClamAV '*') makes every file a candidate.
struct Table {
  std::unordered_map<std::string, Entry> entries;
  std::unordered_set<std::uint64_t> sizes;
  bool any_size = false;

  void add(const std::string& hash, Entry e) {
    if (e.size < 0)
      any_size = true;
    else
      sizes.insert(static_cast<std::uint64_t>(e.size));
    entries[hash] = std::move(e);
  }
  [[nodiscard]] bool wants(std::uint64_t size) const {
    return !entries.empty() && (any_size || sizes.contains(size));
  }
  [[nodiscard]] std::size_t size() const { return entries.size(); }
};

bool is_hex(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c));
  });
}

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    auto pos = line.find(sep, start);
    out.push_back(line.substr(start, pos - start));
    if (pos == std::string::npos) break;
    start = pos + 1;
  }
  return out;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

class HashDetector final : public Detector {
 public:
  HashDetector(Table md5, Table sha1, Table sha256, std::string fp)
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
      check(layer, md5_, "md5", d.md5, out);
      check(layer, sha1_, "sha1", d.sha1, out);
    }
    return std::nullopt;
  }

 private:
  static void check(const Layer& layer, const Table& t, const char* algo, const std::string& h,
                    std::vector<Finding>& out) {
    if (h.empty()) return;
    auto it = t.entries.find(h);
    if (it == t.entries.end()) return;
    if (it->second.size >= 0 && static_cast<std::uint64_t>(it->second.size) != layer.bytes.size())
      return;
    Finding f = layer.make_finding();
    f.rule = it->second.name;
    f.severity = it->second.severity;
    f.title = fmt::format("Known malicious file ({} match)", algo);
    // ClamAV-style names carry the family as the third dotted part: Unix.Trojan.Mirai-1.
    const auto parts = split(it->second.name, '.');
    if (parts.size() >= 3) f.family = parts[2].substr(0, parts[2].find('-'));
    f.evidence = {{"engine", "hash"}, {"algorithm", algo}, {"hash", h}};
    out.push_back(std::move(f));
  }

  Table md5_, sha1_, sha256_;
  std::string fp_;
};

Table* table_for(const std::string& hash, Table& md5, Table& sha1, Table& sha256) {
  switch (hash.size()) {
    case 32:
      return &md5;
    case 40:
      return &sha1;
    case 64:
      return &sha256;
    default:
      return nullptr;
  }
}

std::optional<std::string> load_file(const fs::path& p, Table& md5, Table& sha1, Table& sha256,
                                     std::string& fp) {
  std::ifstream in(p);
  if (!in) return "cannot read hash list " + p.string();
  const std::string ext = p.extension().string();
  const bool clam = ext == ".hdb" || ext == ".hsb";
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    fp += line;
    fp += '\n';
    Entry e;
    std::string hash;
    if (clam) {
      auto f = split(line, ':');
      if (f.size() < 3) return fmt::format("{}:{}: expected HASH:SIZE:NAME", p.string(), n);
      hash = lower(f[0]);
      if (f[1] != "*") {
        try {
          e.size = std::stoll(f[1]);
        } catch (...) {
          return fmt::format("{}:{}: bad size '{}'", p.string(), n, f[1]);
        }
      }
      e.name = f[2];
    } else {
      auto f = split(line, '\t');
      if (f.size() < 2) return fmt::format("{}:{}: expected HASH<TAB>NAME", p.string(), n);
      hash = lower(f[0]);
      e.name = f[1];
      if (f.size() >= 3 && !f[2].empty()) {
        auto sev = parse_severity(f[2]);
        if (!sev) return fmt::format("{}:{}: unknown severity '{}'", p.string(), n, f[2]);
        e.severity = *sev;
      }
    }
    Table* t = is_hex(hash) ? table_for(hash, md5, sha1, sha256) : nullptr;
    if (t == nullptr)
      return fmt::format("{}:{}: '{}' is not an MD5, SHA-1 or SHA-256", p.string(), n, hash);
    t->add(hash, std::move(e));
  }
  return std::nullopt;
}

}  // namespace

Result<std::unique_ptr<Detector>> make_hash_detector(const std::vector<fs::path>& inputs,
                                                     HashListStats* stats) {
  Table md5, sha1, sha256;
  std::string fp;
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
      if (auto err = load_file(p, md5, sha1, sha256, fp)) return Error{*err};
      ++files;
    }
  }
  if (stats != nullptr) *stats = {md5.size(), sha1.size(), sha256.size(), files};
  const std::string fph = sha256_hex({reinterpret_cast<const std::uint8_t*>(fp.data()), fp.size()});
  return std::unique_ptr<Detector>(
      std::make_unique<HashDetector>(std::move(md5), std::move(sha1), std::move(sha256), fph));
}

}  // namespace iotguard::detect
