// SPDX-License-Identifier: GPL-2.0-or-later
// Builds the bytes of a Mirai-style string table as bot/table.c and
// bot/scanner.c lay them out (shared/threats.md s2.1-s2.2): each table entry
// XOR-encoded with the key and ending in the encoded NUL, then the C NUL; the
// C2 domain followed by its 2-byte port literal; scanner credentials encoded
// without the encoded NUL. Harmless data: no code, just the indicators.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace iotguard::test {

inline std::string xor_encode(const std::string& s, std::uint8_t key) {
  std::string out;
  for (char c : s) out += static_cast<char>(static_cast<std::uint8_t>(c) ^ key);
  return out;
}

inline std::string mirai_table(std::uint8_t key, const std::string& c2, std::uint16_t c2_port,
                               const std::string& report, std::uint16_t report_port,
                               const std::vector<std::pair<std::string, std::string>>& creds) {
  std::string t;
  auto entry = [&](const std::string& s) {
    t += xor_encode(s, key);
    t += static_cast<char>(key);  // the encoded NUL
    t += '\0';                    // the C literal's own NUL
  };
  auto port = [&](std::uint16_t p) {
    t += static_cast<char>((p >> 8) ^ key);
    t += static_cast<char>((p & 0xff) ^ key);
    t += '\0';
  };
  entry("listening tun0");
  entry(c2);
  port(c2_port);
  entry("https://youtu.be/dQw4w9WgXcQ");
  entry("/proc/");
  entry("/exe");
  entry(" (deleted)");
  entry("/fd");
  entry(".anime");
  entry("/status");
  entry("REPORT %s:%s");
  entry("HTTPFLOOD");
  entry("LOLNOGTFO");
  entry("zollard");
  entry("GETLOCALIP");
  entry(report);
  port(report_port);
  entry("shell");
  entry("enable");
  entry("system");
  entry("/bin/busybox MIRAI");
  entry("MIRAI: applet not found");
  entry("ncorrect");
  entry("TSource Engine Query");
  entry("/etc/resolv.conf");
  entry("nameserver ");
  for (const auto& [u, p] : creds) {
    t += xor_encode(u, key) + '\0';
    t += xor_encode(p, key) + '\0';
  }
  return t;
}

}  // namespace iotguard::test
