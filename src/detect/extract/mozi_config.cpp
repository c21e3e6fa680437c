// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/extract/mozi_config.h"

#include <string>
#include <string_view>
#include <utility>

#include "core/obfuscated.h"

namespace iotguard::detect {
namespace {

// Mozi's config key and its first tag, obfuscated (core/obfuscated.h): in
// clear, the tag and the marker they make ("[ss]" ^ key: 15 15 29 D2) are
// what the Mozi rule looks for.
constexpr auto kKeyHidden =
    obfuscate("\x4E\x66\x5A\x8F\x80\xC8\xAC\x23\x8D\xAC\x47\x06\xD5\x4F\x6F\x7E", "[ss]");
constexpr std::size_t kConfigSize = 428;

struct Key {
  std::string key;
  std::string marker;  // the config's first bytes: its "[ss]" tag, encoded
  Key() {
    auto w = kKeyHidden.decode();
    key = std::move(w[0]);
    marker = std::move(w[1]);
    for (std::size_t i = 0; i < marker.size(); ++i)
      marker[i] = static_cast<char>(marker[i] ^ key[i]);
  }
};

const Key& mozi_key() {
  static const Key k;
  return k;
}

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
  const std::string& key = mozi_key().key;
  const std::string_view marker = mozi_key().marker;
  std::size_t pos = hay.find(marker);
  for (int tries = 0; pos != std::string_view::npos && tries < 16; ++tries) {
    const std::size_t len = std::min(kConfigSize, bytes.size() - pos);
    std::string plain(len, '\0');
    for (std::size_t i = 0; i < len; ++i)
      plain[i] = static_cast<char>(bytes[pos + i] ^ static_cast<std::uint8_t>(key[i % key.size()]));
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
