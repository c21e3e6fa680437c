// SPDX-License-Identifier: GPL-2.0-or-later
// A quick "can any rule match here at all?" before libyara runs. When every
// rule of a set needs one of a known set of byte strings to be present
// (rule_literals.h), an object holding none of them cannot match, and the
// Aho-Corasick pass over it (most of a scan's CPU) is skipped. Most objects
// in a scan match no rule, so most are decided here, in one pass that looks
// at one 4-byte window every `stride` bytes and stops at the first hit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace iotguard::detect::yara {

struct Literal {
  std::string bytes;    // at least kMinLiteral bytes
  bool nocase = false;  // ASCII letters match either case, as YARA's nocase
  friend bool operator==(const Literal&, const Literal&) = default;
};

class LiteralFilter {
 public:
  static constexpr std::size_t kMinLiteral = 4;
  // Longer literals let the scan step further: an occurrence of a literal of
  // n bytes always has one of its (n - 3) windows at a multiple of the stride.
  static constexpr std::size_t kMaxStride = 8;
  // Sets needing more literals are left to libyara (the caller's choice).
  static constexpr std::size_t kMaxLiterals = 50000;

  // Literals shorter than kMinLiteral are not allowed (the caller keeps
  // such sets unfiltered).
  explicit LiteralFilter(const std::vector<Literal>& literals);

  // Whether some literal occurs in `data`.
  [[nodiscard]] bool any_in(std::span<const std::uint8_t> data) const;

  [[nodiscard]] std::size_t stride() const { return stride_; }
  [[nodiscard]] std::size_t size() const { return literals_.size(); }

 private:
  struct Anchor {
    std::uint32_t window;  // 4 bytes as loaded (little-endian word)
    std::uint32_t literal;
    std::uint32_t offset;  // of the window in the literal
  };
  [[nodiscard]] bool verify(const Anchor& a, std::span<const std::uint8_t> data,
                            std::size_t at) const;
  static std::uint32_t mix(std::uint32_t w) { return w * 0x9E3779B1u; }

  std::vector<Literal> literals_;
  std::size_t stride_ = 1;
  // Two tables over the same hash's top bits: a bitmap sized to stay in
  // cache with few false hits (most windows stop there), then the anchors
  // themselves in coarser buckets.
  unsigned bit_shift_ = 32;
  unsigned bucket_shift_ = 32;
  std::vector<std::uint64_t> bits_;
  std::vector<Anchor> anchors_;       // sorted by bucket
  std::vector<std::uint32_t> first_;  // per bucket, its first anchor (buckets + 1)
};

}  // namespace iotguard::detect::yara
