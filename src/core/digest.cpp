// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/digest.h"

#include <openssl/evp.h>

#include <array>
#include <memory>
#include <stdexcept>

namespace iotguard {
namespace {

using Ctx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

std::string to_hex(const unsigned char* p, unsigned n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s(2 * n, '0');
  for (unsigned i = 0; i < n; ++i) {
    s[2 * i] = kHex[p[i] >> 4];
    s[2 * i + 1] = kHex[p[i] & 0xf];
  }
  return s;
}

Ctx make_ctx(const EVP_MD* md) {
  Ctx ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1)
    throw std::runtime_error("OpenSSL digest init failed");
  return ctx;
}

std::string finish(EVP_MD_CTX* ctx) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned n = 0;
  EVP_DigestFinal_ex(ctx, out.data(), &n);
  return to_hex(out.data(), n);
}

}  // namespace

Digests compute_digests(Bytes bytes) {
  Ctx md5 = make_ctx(EVP_md5());
  Ctx sha1 = make_ctx(EVP_sha1());
  Ctx sha256 = make_ctx(EVP_sha256());
  // Feed in chunks so each chunk is hot in cache for all three digests.
  constexpr std::size_t kChunk = 64 * 1024;
  for (std::size_t off = 0; off < bytes.size(); off += kChunk) {
    auto part = bytes.subspan(off, std::min(kChunk, bytes.size() - off));
    EVP_DigestUpdate(md5.get(), part.data(), part.size());
    EVP_DigestUpdate(sha1.get(), part.data(), part.size());
    EVP_DigestUpdate(sha256.get(), part.data(), part.size());
  }
  return {finish(md5.get()), finish(sha1.get()), finish(sha256.get())};
}

std::string sha256_hex(Bytes bytes) {
  Ctx ctx = make_ctx(EVP_sha256());
  EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size());
  return finish(ctx.get());
}

}  // namespace iotguard
