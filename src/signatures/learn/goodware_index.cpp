// SPDX-License-Identifier: GPL-2.0-or-later
#include "signatures/learn/goodware_index.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "signatures/learn/strings.h"

namespace iotguard::signatures::learn {
namespace fs = std::filesystem;
namespace {

constexpr char kMagic[8] = {'I', 'G', 'G', 'W', 'I', 'D', 'X', '1'};
constexpr std::size_t kBlockBytes = 64;  // one cache line per key
constexpr int kProbes = 8;               // bits set per key, all in its block

// File layout (little-endian): magic, then these nine u64, then the blocks.
struct Header {
  std::uint64_t nblocks, files, bytes, skipped, strings, grams, gram, min_string, fp_ppm;
};

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// Bit i of a key's block: double hashing over the two halves of one hash.
unsigned probe(std::uint64_t h, int i) {
  const std::uint32_t a = static_cast<std::uint32_t>(h),
                      b = static_cast<std::uint32_t>(h >> 32) | 1;
  return (a + static_cast<std::uint32_t>(i) * b) & 511;
}

void bloom_set(std::uint8_t* blocks, std::uint64_t nblocks, std::uint64_t key) {
  std::uint8_t* blk = blocks + (mix(key) % nblocks) * kBlockBytes;
  const std::uint64_t h = mix(key ^ 0x9e3779b97f4a7c15ULL);
  for (int i = 0; i < kProbes; ++i) {
    const unsigned bit = probe(h, i);
    blk[bit >> 3] = static_cast<std::uint8_t>(blk[bit >> 3] | (1u << (bit & 7)));
  }
}

bool bloom_has(const std::uint8_t* blocks, std::uint64_t nblocks, std::uint64_t key) {
  const std::uint8_t* blk = blocks + (mix(key) % nblocks) * kBlockBytes;
  const std::uint64_t h = mix(key ^ 0x9e3779b97f4a7c15ULL);
  for (int i = 0; i < kProbes; ++i) {
    const unsigned bit = probe(h, i);
    if ((blk[bit >> 3] & (1u << (bit & 7))) == 0) return false;
  }
  return true;
}

// The false-positive rate of a blocked Bloom filter: keys spread over blocks
// (Poisson), each block a classic filter of 512 bits.
double blocked_fp_rate(double keys_per_block) {
  double rate = 0, p = std::exp(-keys_per_block);
  for (int j = 0; j < 4 * static_cast<int>(keys_per_block) + 64; ++j) {
    rate += p * std::pow(1 - std::exp(-kProbes * j / 512.0), kProbes);
    p *= keys_per_block / (j + 1);
  }
  return rate;
}

bool is_elf(const fs::path& p) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  char m[4] = {};
  const bool ok = ::pread(fd, m, 4, 0) == 4 && std::memcmp(m,
                                                           "\x7f"
                                                           "ELF",
                                                           4) == 0;
  ::close(fd);
  return ok;
}

// Sorted distinct keys of one kind, compacted as they come so memory follows
// the distinct count, not the total.
class KeySet {
 public:
  void add(std::vector<std::uint64_t>& more) {
    std::lock_guard lock(mu_);
    pending_.insert(pending_.end(), more.begin(), more.end());
    more.clear();
    if (pending_.size() > (std::size_t{1} << 25)) compact();
  }
  std::vector<std::uint64_t>& done() {
    compact();
    return keys_;
  }

 private:
  void compact() {
    std::sort(pending_.begin(), pending_.end());
    pending_.erase(std::unique(pending_.begin(), pending_.end()), pending_.end());
    std::vector<std::uint64_t> merged;
    merged.reserve(keys_.size() + pending_.size());
    std::set_union(keys_.begin(), keys_.end(), pending_.begin(), pending_.end(),
                   std::back_inserter(merged));
    keys_.swap(merged);
    pending_.clear();
    pending_.shrink_to_fit();
  }
  std::mutex mu_;
  std::vector<std::uint64_t> keys_, pending_;
};

}  // namespace

std::uint64_t string_key(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a, then mixed
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return mix(h ^ (s.size() << 56) ^ 0x5354);
}

std::uint64_t gram_key(const char* p) {
  std::uint64_t v = 0;
  std::memcpy(&v, p, sizeof v);
  return mix(v ^ 0x4752414d00000000ULL);
}

Result<GoodwareStats> build_goodware_index(const std::vector<fs::path>& paths, const fs::path& out,
                                           const GoodwareBuildOptions& options) {
  std::vector<fs::path> files;
  for (const auto& root : paths) {
    std::error_code ec;
    const auto st = fs::symlink_status(root, ec);
    if (ec) return Error{root.string() + ": " + ec.message()};
    if (fs::is_regular_file(st)) {
      files.push_back(root);
      continue;
    }
    if (!fs::is_directory(st)) continue;
    for (auto it = fs::recursive_directory_iterator(
             root, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_regular_file(ec) && !it->is_symlink(ec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  // A hard link is the same file: read each inode once (scripts/goodware.sh
  // links identical files across packages).
  {
    std::set<std::pair<dev_t, ino_t>> seen;
    std::vector<fs::path> unique;
    for (auto& f : files) {
      struct stat sb {};
      if (::lstat(f.c_str(), &sb) == 0 && !seen.insert({sb.st_dev, sb.st_ino}).second) continue;
      unique.push_back(std::move(f));
    }
    files.swap(unique);
  }

  GoodwareStats st;
  KeySet strings, grams;
  std::atomic<std::size_t> next{0};
  std::atomic<std::uint64_t> nfiles{0}, nbytes{0}, skipped{0};
  std::mutex progress_mu;
  const auto work = [&] {
    std::vector<std::uint64_t> s, g;
    for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
      if (!is_elf(files[i])) continue;
      auto m = MappedFile::open(files[i].string(), options.max_file, true);
      if (!m) {
        ++skipped;
        continue;
      }
      for_each_string(m->bytes(), kGoodwareMinString,
                      [&](std::string_view text, std::size_t, StringForm) {
                        s.push_back(string_key(text));
                        for (std::size_t j = 0; j + kGoodwareGram <= text.size(); ++j)
                          g.push_back(gram_key(text.data() + j));
                      });
      ++nfiles;
      nbytes += m->size();
      if (s.size() > (1u << 20)) strings.add(s);
      if (g.size() > (1u << 22)) grams.add(g);
      if (options.progress && (nfiles % 256) == 0) {
        std::lock_guard lock(progress_mu);
        options.progress(nfiles, nbytes);
      }
    }
    strings.add(s);
    grams.add(g);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < std::max(1u, options.threads); ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();

  auto& sk = strings.done();
  auto& gk = grams.done();
  st.files = nfiles;
  st.bytes = nbytes;
  st.skipped = skipped;
  st.strings = sk.size();
  st.grams = gk.size();
  const double keys = static_cast<double>(sk.size() + gk.size());
  const std::uint64_t nblocks = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(std::ceil(keys * options.bits_per_key / (kBlockBytes * 8))));
  std::vector<std::uint8_t> blocks(nblocks * kBlockBytes, 0);
  for (auto k : sk) bloom_set(blocks.data(), nblocks, k);
  for (auto k : gk) bloom_set(blocks.data(), nblocks, k);
  st.filter_bytes = blocks.size();
  st.false_positive_rate = blocked_fp_rate(keys / static_cast<double>(nblocks));

  // Written beside, then renamed: a reader never sees half an index.
  const fs::path tmp = out.string() + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return Error{tmp.string() + ": cannot write"};
    const Header h{nblocks,
                   st.files,
                   st.bytes,
                   st.skipped,
                   st.strings,
                   st.grams,
                   kGoodwareGram,
                   kGoodwareMinString,
                   static_cast<std::uint64_t>(st.false_positive_rate * 1e6)};
    f.write(kMagic, sizeof kMagic);
    f.write(reinterpret_cast<const char*>(&h), sizeof h);
    f.write(reinterpret_cast<const char*>(blocks.data()),
            static_cast<std::streamsize>(blocks.size()));
    if (!f) return Error{tmp.string() + ": write failed"};
  }
  std::error_code ec;
  fs::rename(tmp, out, ec);
  if (ec) return Error{out.string() + ": " + ec.message()};
  return st;
}

Result<GoodwareIndex> GoodwareIndex::load(const fs::path& file) {
  auto m = MappedFile::open(file.string(), UINT64_C(16) << 30);
  if (!m) return Error{file.string() + ": " + m.error().message};
  GoodwareIndex idx;
  const Bytes b = m->bytes();
  Header h{};
  if (b.size() < sizeof kMagic + sizeof h || std::memcmp(b.data(), kMagic, sizeof kMagic) != 0)
    return Error{file.string() + ": not an iotguard goodware index"};
  std::memcpy(&h, b.data() + sizeof kMagic, sizeof h);
  const std::uint64_t body = b.size() - sizeof kMagic - sizeof h;
  if (h.nblocks == 0 || h.nblocks > body / kBlockBytes || body != h.nblocks * kBlockBytes ||
      h.gram != kGoodwareGram || h.min_string != kGoodwareMinString)
    return Error{file.string() + ": goodware index damaged or of another version"};
  idx.nblocks_ = h.nblocks;
  idx.stats_ = {
      h.files, h.bytes, h.skipped, h.strings, h.grams, body, static_cast<double>(h.fp_ppm) / 1e6};
  idx.file_ = std::move(*m);
  idx.blocks_ = idx.file_.bytes().data() + sizeof kMagic + sizeof h;
  return idx;
}

bool GoodwareIndex::has(std::uint64_t key) const { return bloom_has(blocks_, nblocks_, key); }

bool GoodwareIndex::may_contain(std::string_view text) const {
  // Text of a window or more is decided by its windows alone: one lookup of
  // the whole string would add its false-positive rate to every query.
  if (text.size() < kGoodwareGram) return has(string_key(text));
  for (std::size_t j = 0; j + kGoodwareGram <= text.size(); ++j)
    if (!has(gram_key(text.data() + j))) return false;
  return true;
}

}  // namespace iotguard::signatures::learn
