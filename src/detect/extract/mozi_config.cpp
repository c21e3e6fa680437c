// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/extract/mozi_config.h"

#include <array>
#include <string>
#include <string_view>

namespace iotguard::detect {
namespace {

constexpr std::array<std::uint8_t, 16> kKey = {0x4E, 0x66, 0x5A, 0x8F, 0x80, 0xC8, 0xAC, 0x23,
                                               0x8D, 0xAC, 0x47, 0x06, 0xD5, 0x4F, 0x6F, 0x7E};
constexpr std::size_t kConfigSize = 428;
constexpr std::array<std::uint8_t, 4> kMarker = {0x15, 0x15, 0x29, 0xD2};  // "[ss]" ^ key

// Config values are the sample's bytes: shown as printable ASCII with \xNN
// escapes, so they are valid JSON strings and never reach a terminal raw.
std::string printable(std::string_view raw) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char ch : raw) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += ch;
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}

}  // namespace

std::optional<MoziConfig> extract_mozi(Bytes bytes) {
  const std::string_view hay(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  const std::string_view marker(reinterpret_cast<const char*>(kMarker.data()), kMarker.size());
  std::size_t pos = hay.find(marker);
  for (int tries = 0; pos != std::string_view::npos && tries < 16; ++tries) {
    const std::size_t len = std::min(kConfigSize, bytes.size() - pos);
    std::string plain(len, '\0');
    for (std::size_t i = 0; i < len; ++i)
      plain[i] = static_cast<char>(bytes[pos + i] ^ kKey[i % kKey.size()]);
    // The text part ends at the first NUL; the signatures follow.
    plain.resize(std::min(plain.find('\0'), plain.size()));
    MoziConfig c;
    c.offset = pos;
    std::size_t at = 0;
    while (c.tags.size() < 32) {
      const auto open = plain.find('[', at);
      if (open == std::string::npos) break;
      const auto close = plain.find(']', open);
      if (close == std::string::npos || close - open > 8) break;
      const std::string tag = plain.substr(open + 1, close - open - 1);
      const auto end = plain.find("[/" + tag + "]", close);
      if (end == std::string::npos) {
        at = close + 1;
        continue;
      }
      c.tags[printable(tag)] =
          printable(std::string_view(plain).substr(close + 1, end - close - 1));
      at = end + tag.size() + 3;
    }
    if (c.tags.count("ss") != 0) return c;
    pos = hay.find(marker, pos + 1);
  }
  return std::nullopt;
}

nlohmann::json to_json(const MoziConfig& c) {
  return {{"decoder", "mozi-config"}, {"offset", c.offset}, {"tags", c.tags}};
}

}  // namespace iotguard::detect
