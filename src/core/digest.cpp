// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/digest.h"

#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include "core/mapped_file.h"

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

Digests compute_digests(Bytes bytes, DigestSelection want) {
  std::vector<std::pair<Ctx, std::string*>> ctxs;
  Digests out;
  if (want.md5) ctxs.emplace_back(make_ctx(EVP_md5()), &out.md5);
  if (want.sha1) ctxs.emplace_back(make_ctx(EVP_sha1()), &out.sha1);
  if (want.sha256) ctxs.emplace_back(make_ctx(EVP_sha256()), &out.sha256);
  // Feed in chunks so each chunk is hot in cache for every digest.
  constexpr std::size_t kChunk = 64 * 1024;
  for (std::size_t off = 0; off < bytes.size(); off += kChunk) {
    auto part = bytes.subspan(off, std::min(kChunk, bytes.size() - off));
    for (auto& c : ctxs) EVP_DigestUpdate(c.first.get(), part.data(), part.size());
  }
  for (auto& c : ctxs) *c.second = finish(c.first.get());
  return out;
}

std::string sha256_hex(Bytes bytes) {
  Ctx ctx = make_ctx(EVP_sha256());
  EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size());
  return finish(ctx.get());
}

struct Sha256::State {
  Ctx ctx = make_ctx(EVP_sha256());
};

Sha256::Sha256() : state_(std::make_unique<State>()) {}
Sha256::~Sha256() = default;

void Sha256::update(std::string_view piece) {
  EVP_DigestUpdate(state_->ctx.get(), piece.data(), piece.size());
}

std::string Sha256::hex() { return finish(state_->ctx.get()); }

namespace {

// `read(off, n)` gives n bytes at off, or nullopt.
template <class Read>
std::optional<std::string> sketch_with(std::uint64_t size, Read read) {
  // Small on purpose: same-size files that differ almost always differ in their
  // first or last page (an ELF's header and section table), which the ELF
  // reader has touched already; files that differ only elsewhere just cost a
  // full comparison each.
  constexpr std::size_t kEdge = 4 * 1024, kSamples = 16, kSample = 64;
  // libstdc++'s std::hash of a string_view is a 64-bit Murmur hash: several
  // GB/s, against a few hundred MB/s for SHA-256 without SHA extensions.
  bool ok = true;
  auto part = [&](std::uint64_t off, std::size_t n, std::uint64_t seed) {
    const std::optional<std::string_view> s = read(off, n);
    if (!s) ok = false;
    return seed * 0x9e3779b97f4a7c15ULL ^ std::hash<std::string_view>{}(s.value_or(""));
  };
  std::uint64_t h = 0;
  if (size <= 4 * kEdge) {
    h = part(0, static_cast<std::size_t>(size), 1);
  } else {
    const std::uint64_t middle = size - 2 * kEdge - kSample;
    h = part(0, kEdge, 1);
    for (std::size_t i = 0; i < kSamples; ++i) h = part(kEdge + middle * i / kSamples, kSample, h);
    h = part(size - kEdge, kEdge, h);
  }
  if (!ok) return std::nullopt;
  std::array<unsigned char, 8> out{};
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<unsigned char>(h >> (56 - 8 * i));
  return to_hex(out.data(), out.size());
}

}  // namespace

std::string sketch_hex(Bytes bytes) {
  return *sketch_with(bytes.size(), [&](std::uint64_t off, std::size_t n) {
    return std::optional<std::string_view>(
        std::string_view(reinterpret_cast<const char*>(bytes.data()) + off, n));
  });
}

std::optional<std::string> sketch_hex(int fd, std::uint64_t size) {
  char buf[4 * 4096];
  return sketch_with(size,
                     [&](std::uint64_t off, std::size_t n) -> std::optional<std::string_view> {
                       if (!read_exactly(fd, buf, n, off)) return std::nullopt;
                       return std::string_view(buf, n);
                     });
}

}  // namespace iotguard
