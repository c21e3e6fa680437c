// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/yara/rule_text.h"

namespace iotguard::detect::yara {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::size_t past_string(std::string_view t, std::size_t i) {
  for (++i; i < t.size() && t[i] != '"'; ++i)
    if (t[i] == '\\') ++i;
  return i < t.size() ? i + 1 : std::string_view::npos;
}

std::size_t past_regex(std::string_view t, std::size_t i) {
  for (++i; i < t.size() && t[i] != '/'; ++i) {
    if (t[i] == '\n') return std::string_view::npos;
    if (t[i] == '\\') ++i;
  }
  if (i >= t.size()) return std::string_view::npos;
  for (++i; i < t.size() && (t[i] == 'i' || t[i] == 's'); ++i) {
  }
  return i;
}

void for_each_word(std::string_view t, const std::function<void(const Word&)>& visit) {
  const auto starts_word = [](char c) { return is_word_char(c) && !(c >= '0' && c <= '9'); };
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
      i = past_string(t, i);
      if (i == std::string_view::npos) break;
    } else if (starts_word(c) && (i == 0 || !is_word_char(t[i - 1]))) {
      std::size_t j = i;
      while (j < t.size() && is_word_char(t[j])) ++j;
      visit({t.substr(i, j - i), i > 0 ? t[i - 1] : ' ', j});
      i = j;
    } else {
      ++i;
    }
  }
}

}  // namespace iotguard::detect::yara
