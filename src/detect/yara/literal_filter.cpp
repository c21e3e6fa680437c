// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/yara/literal_filter.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <tuple>

namespace iotguard::detect::yara {
namespace {

std::uint32_t load32(const std::uint8_t* p) {
  std::uint32_t w = 0;
  std::memcpy(&w, p, 4);
  return w;
}

char fold(unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); }

// How much a byte narrows a search in executables and firmware: zero and
// 0xff fill whole pages, and a window of them would hit everywhere.
int rarity(unsigned char c) {
  if (c == 0x00 || c == 0xff) return 0;
  if (c < 0x20 || c >= 0x7f) return 2;
  return 3;
}

// Every ASCII case variant of a 4-byte window (at most 16).
void case_variants(const std::string& bytes, std::size_t at, std::vector<std::uint32_t>& out) {
  out.clear();
  std::uint8_t w[4];
  std::memcpy(w, bytes.data() + at, 4);
  for (auto& b : w) b = static_cast<std::uint8_t>(fold(static_cast<unsigned char>(b)));
  for (unsigned mask = 0; mask < 16; ++mask) {
    std::uint8_t v[4];
    bool valid = true;
    for (int i = 0; i < 4; ++i) {
      const bool upper = (mask >> i) & 1U;
      const bool letter = w[i] >= 'a' && w[i] <= 'z';
      if (upper && !letter) valid = false;
      v[i] = upper ? static_cast<std::uint8_t>(w[i] - 32) : w[i];
    }
    if (valid) out.push_back(load32(v));
  }
}

}  // namespace

LiteralFilter::LiteralFilter(const std::vector<Literal>& literals) : literals_(literals) {
  std::sort(literals_.begin(), literals_.end(), [](const Literal& a, const Literal& b) {
    return std::tie(a.bytes, a.nocase) < std::tie(b.bytes, b.nocase);
  });
  literals_.erase(std::unique(literals_.begin(), literals_.end()), literals_.end());
  std::size_t shortest = kMinLiteral + kMaxStride - 1;
  for (const auto& l : literals_) shortest = std::min(shortest, l.bytes.size());
  stride_ = shortest >= kMinLiteral ? shortest - kMinLiteral + 1 : 1;

  // Each literal gives `stride` consecutive windows, placed where its bytes
  // are rarest, so that any occurrence shows one at a stride multiple.
  std::vector<std::uint32_t> variants;
  for (std::size_t id = 0; id < literals_.size(); ++id) {
    const Literal& l = literals_[id];
    if (l.bytes.size() < kMinLiteral) continue;  // not allowed; never matched
    const std::size_t span = stride_ + kMinLiteral - 1;
    std::size_t best = 0;
    int best_score = -1;
    for (std::size_t s = 0; s + span <= l.bytes.size(); ++s) {
      int score = 0;
      for (std::size_t j = s; j < s + span; ++j)
        score += rarity(static_cast<unsigned char>(l.bytes[j]));
      if (score > best_score) best_score = score, best = s;
    }
    for (std::size_t o = best; o < best + stride_; ++o) {
      if (l.nocase) {
        case_variants(l.bytes, o, variants);
      } else {
        variants.assign(1, load32(reinterpret_cast<const std::uint8_t*>(l.bytes.data()) + o));
      }
      for (std::uint32_t v : variants)
        anchors_.push_back({v, static_cast<std::uint32_t>(id), static_cast<std::uint32_t>(o)});
    }
  }
  // About 1 bit in 32 set, within 4 KiB to 128 KiB of bitmap.
  const std::size_t want_bits = std::clamp<std::size_t>(std::bit_ceil(anchors_.size() * 32 + 1),
                                                        std::size_t{1} << 15, std::size_t{1} << 20);
  bit_shift_ = 32 - static_cast<unsigned>(std::countr_zero(want_bits));
  bits_.assign(want_bits / 64, 0);
  const std::size_t buckets = std::clamp<std::size_t>(std::bit_ceil(anchors_.size() * 2 + 1),
                                                      std::size_t{1} << 4, want_bits);
  bucket_shift_ = 32 - static_cast<unsigned>(std::countr_zero(buckets));
  for (const Anchor& a : anchors_) {
    const std::uint32_t b = mix(a.window) >> bit_shift_;
    bits_[b / 64] |= std::uint64_t{1} << (b % 64);
  }
  std::sort(anchors_.begin(), anchors_.end(), [&](const Anchor& a, const Anchor& b) {
    return (mix(a.window) >> bucket_shift_) < (mix(b.window) >> bucket_shift_);
  });
  first_.assign(buckets + 1, 0);
  for (const Anchor& a : anchors_) ++first_[(mix(a.window) >> bucket_shift_) + 1];
  for (std::size_t b = 1; b < first_.size(); ++b) first_[b] += first_[b - 1];
}

bool LiteralFilter::verify(const Anchor& a, std::span<const std::uint8_t> data,
                           std::size_t at) const {
  const Literal& l = literals_[a.literal];
  if (at < a.offset) return false;
  const std::size_t start = at - a.offset;
  if (l.bytes.size() > data.size() - start) return false;
  const auto* p = data.data() + start;
  if (!l.nocase) return std::memcmp(p, l.bytes.data(), l.bytes.size()) == 0;
  for (std::size_t i = 0; i < l.bytes.size(); ++i)
    if (fold(p[i]) != fold(static_cast<unsigned char>(l.bytes[i]))) return false;
  return true;
}

bool LiteralFilter::any_in(std::span<const std::uint8_t> data) const {
  if (anchors_.empty() || data.size() < kMinLiteral) return false;
  const std::uint8_t* p = data.data();
  const std::size_t last = data.size() - kMinLiteral;
  const std::uint64_t* bits = bits_.data();
  for (std::size_t i = 0; i <= last; i += stride_) {
    const std::uint32_t w = load32(p + i);
    const std::uint32_t h = mix(w);
    const std::uint32_t b = h >> bit_shift_;
    if (((bits[b / 64] >> (b % 64)) & 1U) == 0) [[likely]]
      continue;
    const std::uint32_t bucket = h >> bucket_shift_;
    for (std::uint32_t k = first_[bucket]; k < first_[bucket + 1]; ++k)
      if (anchors_[k].window == w && verify(anchors_[k], data, i)) return true;
  }
  return false;
}

}  // namespace iotguard::detect::yara
