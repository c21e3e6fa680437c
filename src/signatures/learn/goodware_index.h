// SPDX-License-Identifier: GPL-2.0-or-later
// The goodware index: what printable text real, benign ELF files hold, so
// the learner never builds a rule from a string a clean system has.
//
// It holds two kinds of keys in one blocked Bloom filter: every printable
// string (ASCII and UTF-16LE, >= 6 characters, strings.h) and every 8-byte
// window inside those strings. A candidate of 8 or more characters that
// occurs anywhere in an indexed file lies inside one of its strings, so each
// of its windows was indexed: when one window is missing the candidate is in
// no indexed file (never a false "absent"). A Bloom filter can only err the
// other way, calling an absent window present (the rate is in the header);
// a candidate is rejected only when all of its windows are, so wrong
// rejections fall as the rate to the power of its novel windows.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/byte_view.h"
#include "core/mapped_file.h"
#include "core/result.h"

namespace iotguard::signatures::learn {

inline constexpr std::size_t kGoodwareMinString = 6;
inline constexpr std::size_t kGoodwareGram = 8;

struct GoodwareStats {
  std::uint64_t files = 0, bytes = 0, skipped = 0;
  std::uint64_t strings = 0, grams = 0;  // distinct keys of each kind
  std::uint64_t filter_bytes = 0;
  double false_positive_rate = 0;  // of one key lookup
};

class GoodwareIndex {
 public:
  static Result<GoodwareIndex> load(const std::filesystem::path& file);

  // Could `text` (printable) occur in an indexed file? False is certain for
  // text of kGoodwareGram or more characters; shorter text is looked up as a
  // whole string only.
  [[nodiscard]] bool may_contain(std::string_view text) const;
  [[nodiscard]] const GoodwareStats& stats() const { return stats_; }

 private:
  [[nodiscard]] bool has(std::uint64_t key) const;
  MappedFile file_;
  const std::uint8_t* blocks_ = nullptr;
  std::uint64_t nblocks_ = 0;
  GoodwareStats stats_;
};

struct GoodwareBuildOptions {
  unsigned threads = 2;
  double bits_per_key = 12;               // ~0.5 % false positives
  std::uint64_t max_file = 256ull << 20;  // larger files are skipped
  std::function<void(std::uint64_t files, std::uint64_t bytes)> progress;
};

// Indexes every ELF file under paths (symlinks never followed) into `out`.
Result<GoodwareStats> build_goodware_index(const std::vector<std::filesystem::path>& paths,
                                           const std::filesystem::path& out,
                                           const GoodwareBuildOptions& options);

// Key hashes, shared by the builder and lookups.
std::uint64_t string_key(std::string_view s);
std::uint64_t gram_key(const char* p);  // kGoodwareGram bytes

}  // namespace iotguard::signatures::learn
