// SPDX-License-Identifier: GPL-2.0-or-later
// Indicator strings kept out of IoTGuard's own bytes. The product looks for
// what malware carries (Umbreon's paths, Tsunami's replies, Mirai's table
// plaintexts); held in clear, those strings make any scanner, IoTGuard
// included, report IoTGuard itself. An obfuscated literal is encoded while
// compiling (consteval: the plaintext is never emitted, at any -O, under any
// sanitizer) and decoded on use. The keystream changes with every byte: one
// XOR key for all bytes would be found again by rules with the `xor` modifier
// and by the Mirai table's key search. docs/architecture.md, "Indicator
// strings"; scripts/self-scan.sh checks the build.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace iotguard {
namespace obfuscation {

// xorshift32 (Marsaglia 2003); any seed but 0.
constexpr std::uint32_t kSeed = 0x9E3779B9u;
constexpr std::uint32_t next(std::uint32_t x) {
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return x;
}

// The seed as the optimiser sees it at run time: unknown, so a decode of
// constant bytes cannot be folded back into a plaintext constant (or into
// immediates in code).
inline std::uint32_t opaque_seed() {
  std::uint32_t x = kSeed;
#if defined(__GNUC__)
  asm("" : "+r"(x));
#endif
  return x;
}

}  // namespace obfuscation

// Count strings of Bytes bytes in all, encoded back to back; made by
// obfuscate(...). A list is one object, so lists of different lengths are
// alike for the caller: decode() once (e.g. into a function-local static).
template <std::size_t Bytes, std::size_t Count>
class ObfuscatedList {
 public:
  [[nodiscard]] static constexpr std::size_t count() { return Count; }
  [[nodiscard]] constexpr std::size_t length(std::size_t i) const {
    return ends_[i + 1] - ends_[i];
  }

  [[nodiscard]] std::vector<std::string> decode() const {
    std::vector<std::string> out;
    out.reserve(Count);
    std::uint32_t x = obfuscation::opaque_seed();
    for (std::size_t i = 0; i < Count; ++i) {
      std::string s(length(i), '\0');
      for (std::size_t j = 0; j < s.size(); ++j) {
        x = obfuscation::next(x);
        s[j] = static_cast<char>(bytes_[ends_[i] + j] ^ static_cast<std::uint8_t>(x >> 24));
      }
      out.push_back(std::move(s));
    }
    return out;
  }

  // The one string of a list of one.
  [[nodiscard]] std::string str() const requires(Count == 1) { return decode().front(); }

  // Only for obfuscate(); public so that it stays a literal type.
  std::array<std::uint8_t, Bytes> bytes_{};
  std::array<std::size_t, Count + 1> ends_{};
};

// obfuscate("a", "bc", ...): string literals, each taken whole but for its
// terminating NUL (embedded NULs and \xNN bytes are kept).
template <std::size_t... N>
consteval auto obfuscate(const char (&... s)[N]) {
  ObfuscatedList<(std::size_t{0} + ... + (N - 1)), sizeof...(N)> out;
  std::uint32_t x = obfuscation::kSeed;
  std::size_t at = 0, i = 0;
  auto add = [&](const char* p, std::size_t n) {
    out.ends_[i] = at;
    for (std::size_t j = 0; j + 1 < n; ++j) {
      x = obfuscation::next(x);
      out.bytes_[at++] = static_cast<std::uint8_t>(static_cast<std::uint8_t>(p[j]) ^ (x >> 24));
    }
    out.ends_[++i] = at;
  };
  (add(s, N), ...);
  return out;
}

}  // namespace iotguard
