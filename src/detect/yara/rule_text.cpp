// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/yara/rule_text.h"

namespace iotguard::detect::yara {

void for_each_word(std::string_view t, const std::function<void(const Word&)>& visit) {
  const auto starts_word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  const auto in_word = [&](char c) { return starts_word(c) || (c >= '0' && c <= '9'); };
  std::size_t i = 0;
  while (i < t.size()) {
    const char c = t[i];
    const char next = i + 1 < t.size() ? t[i + 1] : '\0';
    if (c == '/' && next == '/') {
      i = t.find('\n', i);
      if (i == std::string_view::npos) break;
    } else if (c == '/' && next == '*') {
      i = t.find("*/", i + 2);
      if (i == std::string_view::npos) break;
      i += 2;
    } else if (c == '"') {
      for (++i; i < t.size() && t[i] != '"'; ++i)
        if (t[i] == '\\') ++i;
      ++i;
    } else if (starts_word(c) && (i == 0 || !in_word(t[i - 1]))) {
      std::size_t j = i;
      while (j < t.size() && in_word(t[j])) ++j;
      visit({t.substr(i, j - i), i > 0 ? t[i - 1] : ' ', j});
      i = j;
    } else {
      ++i;
    }
  }
}

}  // namespace iotguard::detect::yara
