// SPDX-License-Identifier: GPL-2.0-or-later
// Per-TCP-flow state: who opened it, where each direction's stream stands,
// the current text line of each direction (telnet IAC removed), the first
// client bytes (binary C2 handshakes) and the telnet login dialogue. Sizes
// are fixed so the flow table never grows past its cap.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "sense/address.h"

namespace iotguard::sense {

struct FlowKey {
  IpAddr a, b;  // ordered so both directions share one key
  std::uint16_t pa = 0, pb = 0;
  bool operator==(const FlowKey&) const = default;
};

struct FlowKeyHash {
  std::size_t operator()(const FlowKey& k) const {
    return k.a.hash() * 31 + k.b.hash() + (std::size_t{k.pa} << 16 | k.pb) * 0x9e3779b97f4a7c15ULL;
  }
};

struct StreamDir {
  std::uint32_t next_seq = 0;
  bool seq_known = false;
  bool line_truncated = false;
  std::uint8_t iac = 0;     // telnet IAC parser state (RFC 854/855)
  std::uint8_t sb_len = 0;  // bytes inside the current subnegotiation
  std::uint8_t line_len = 0;
  std::uint32_t inspected = 0;  // payload bytes looked at so far
  std::array<char, 160> line{};

  [[nodiscard]] std::string_view current_line() const { return {line.data(), line_len}; }
};

enum class TelnetExpect : std::uint8_t { none, user, password };

struct Flow {
  IpAddr client, server;
  std::uint16_t cport = 0, sport = 0;
  std::int64_t first_us = 0, last_us = 0;
  bool syn_seen = false;
  bool closed = false;
  std::array<StreamDir, 2> dir{};  // [0] client -> server, [1] server -> client
  std::uint8_t head_len = 0;
  std::array<std::uint8_t, 40> head{};  // first client payload bytes
  // Telnet login dialogue (detectors/telnet_bruteforce.cpp).
  TelnetExpect expect = TelnetExpect::none;
  std::uint8_t user_len = 0;
  std::array<char, 32> user{};
  std::uint16_t attempts = 0, failures = 0, client_lines = 0;
  // Mirai C2 (detectors/c2_mirai.cpp).
  bool mirai_registered = false;
  std::uint16_t keepalives = 0;
  // IRC-style C2 (detectors/c2_irc.cpp): bits of what the client has sent.
  std::uint8_t irc_flags = 0;

  [[nodiscard]] std::string_view head_view() const {
    return {reinterpret_cast<const char*>(head.data()), head_len};
  }
};

}  // namespace iotguard::sense
