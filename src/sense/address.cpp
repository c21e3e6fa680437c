// SPDX-License-Identifier: GPL-2.0-or-later
#include "sense/address.h"

#include <arpa/inet.h>

#include <cstring>

namespace iotguard::sense {

IpAddr IpAddr::from_v4(const std::uint8_t* p) {
  IpAddr a;
  std::memcpy(a.b.data(), p, 4);
  a.v4 = true;
  return a;
}

IpAddr IpAddr::from_v6(const std::uint8_t* p) {
  IpAddr a;
  std::memcpy(a.b.data(), p, 16);
  a.v4 = false;
  return a;
}

std::string IpAddr::str() const {
  char buf[INET6_ADDRSTRLEN] = {};
  if (inet_ntop(v4 ? AF_INET : AF_INET6, b.data(), buf, sizeof buf) == nullptr) return "?";
  return buf;
}

std::size_t IpAddr::hash() const {
  // FNV-1a over the 16 bytes and the family; cheap and good enough for
  // the open-addressing tables, which mix the result again.
  std::uint64_t h = 1469598103934665603ULL ^ (v4 ? 4U : 6U);
  for (auto x : b) h = (h ^ x) * 1099511628211ULL;
  return static_cast<std::size_t>(h);
}

std::optional<IpAddr> parse_ip(std::string_view text) {
  std::string s(text);
  std::uint8_t buf[16] = {};
  if (inet_pton(AF_INET, s.c_str(), buf) == 1) return IpAddr::from_v4(buf);
  if (inet_pton(AF_INET6, s.c_str(), buf) == 1) return IpAddr::from_v6(buf);
  return std::nullopt;
}

bool Cidr::contains(const IpAddr& a) const {
  if (a.v4 != net.v4) return false;
  int bits = prefix;
  for (std::size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((a.b[i] & mask) != (net.b[i] & mask)) return false;
  }
  return true;
}

std::optional<Cidr> parse_cidr(std::string_view text) {
  const auto slash = text.find('/');
  auto ip = parse_ip(text.substr(0, slash));
  if (!ip) return std::nullopt;
  const int max = ip->v4 ? 32 : 128;
  int prefix = max;
  if (slash != std::string_view::npos) {
    const auto digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3) return std::nullopt;
    prefix = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      prefix = prefix * 10 + (c - '0');
    }
    if (prefix > max) return std::nullopt;
  }
  return Cidr{*ip, prefix};
}

bool is_private(const IpAddr& a) {
  if (a.v4) {
    const std::uint32_t v = a.v4_value();
    return (v >> 24) == 10 || (v >> 20) == 0xac1 || (v >> 16) == 0xc0a8 ||
           (v >> 22) == (0x6440 >> 6) || (v >> 16) == 0xa9fe;
  }
  return (a.b[0] & 0xfe) == 0xfc || (a.b[0] == 0xfe && (a.b[1] & 0xc0) == 0x80);
}

bool is_internal(const IpAddr& a, const std::vector<Cidr>& home_net) {
  if (home_net.empty()) return is_private(a);
  for (const auto& c : home_net)
    if (c.contains(a)) return true;
  return false;
}

}  // namespace iotguard::sense
