// SPDX-License-Identifier: GPL-2.0-or-later
// IPv4/IPv6 addresses as fixed-size values (no heap), CIDR ranges, and the
// "internal host" test: RFC 1918 / RFC 4193 (ULA) / link-local, or --home-net.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iotguard::sense {

struct IpAddr {
  // IPv4 is kept in the first 4 bytes, the rest zero; v4 tells the family.
  std::array<std::uint8_t, 16> b{};
  bool v4 = true;

  static IpAddr from_v4(const std::uint8_t* p);
  static IpAddr from_v6(const std::uint8_t* p);
  [[nodiscard]] std::uint32_t v4_value() const {
    return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
           b[3];
  }
  [[nodiscard]] std::string str() const;
  [[nodiscard]] std::size_t hash() const;
  friend bool operator==(const IpAddr&, const IpAddr&) = default;
  friend auto operator<=>(const IpAddr&, const IpAddr&) = default;
};

struct IpAddrHash {
  std::size_t operator()(const IpAddr& a) const { return a.hash(); }
};

std::optional<IpAddr> parse_ip(std::string_view text);

struct Cidr {
  IpAddr net;
  int prefix = 0;
  [[nodiscard]] bool contains(const IpAddr& a) const;
};

// "10.0.0.0/8", "fd00::/8" or a bare address (a /32 or /128).
std::optional<Cidr> parse_cidr(std::string_view text);

// RFC 1918, 100.64/10 (CGNAT), 169.254/16, fc00::/7 (ULA) and fe80::/10.
bool is_private(const IpAddr& a);

// Internal when inside one of home_net; with no home_net, when private.
bool is_internal(const IpAddr& a, const std::vector<Cidr>& home_net);

}  // namespace iotguard::sense
