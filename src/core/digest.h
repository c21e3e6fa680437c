// SPDX-License-Identifier: GPL-2.0-or-later
// Cryptographic digests through OpenSSL's EVP interface.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/byte_view.h"

namespace iotguard {

struct Digests {
  std::string md5;
  std::string sha1;
  std::string sha256;
};

// Which digests compute_digests fills in (the others stay empty).
struct DigestSelection {
  bool md5 = true, sha1 = true, sha256 = true;
};

// Lowercase hex digests of bytes; several in one call so callers that need
// several do not walk the data several times.
Digests compute_digests(Bytes bytes, DigestSelection want = {});
std::string sha256_hex(Bytes bytes);

// SHA-256 of data given in pieces, for data never held in one buffer.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view piece);
  [[nodiscard]] std::string hex();  // lowercase; the object is spent after this

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// A cheap fingerprint for telling apart files of equal size: a fast
// non-cryptographic hash of their head, tail and evenly spaced samples (the
// whole content when small), as 16 hex digits. Different sketches mean
// different contents; equal sketches prove nothing (callers confirm with a
// comparison or SHA-256), so the hash needs speed, not collision resistance.
std::string sketch_hex(Bytes bytes);
// The same sketch of the `size` bytes behind `fd`, read rather than mapped
// (at most 16 KiB and 16 samples); nullopt when a read comes up short.
std::optional<std::string> sketch_hex(int fd, std::uint64_t size);

}  // namespace iotguard
