// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/yara/rule_text.h"

#include <charconv>

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

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool tokenize(std::string_view t, std::vector<std::string_view>& out) {
  std::size_t i = 0;
  while (i < t.size()) {
    const char c = t[i];
    const char next = i + 1 < t.size() ? t[i + 1] : '\0';
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (c == '/' && next == '/') {
      i = t.find('\n', i);
      if (i == std::string_view::npos) i = t.size();
      continue;
    }
    if (c == '/' && next == '*') {
      i = t.find("*/", i + 2);
      if (i == std::string_view::npos) return false;
      i += 2;
      continue;
    }
    const std::string_view prev = out.empty() ? std::string_view() : out.back();
    std::size_t end = i + 1;
    if (c == '"') {
      end = past_string(t, i);
    } else if (c == '/' && (prev == "=" || prev == "matches")) {
      end = past_regex(t, i);
    } else if (c == '{' && prev == "=") {
      end = t.find('}', i);
      if (end != std::string_view::npos) ++end;
    } else if (is_word_char(c)) {
      while (end < t.size() && is_word_char(t[end])) ++end;
    } else if ((c == '$' || c == '#' || c == '@' || c == '!') && next != '=') {
      while (end < t.size() && (is_word_char(t[end]) || t[end] == '*')) ++end;
    } else {
      const std::string_view two = t.substr(i, 2);
      if (two == "==" || two == "!=" || two == "<=" || two == ">=" || two == "<<" || two == ">>" ||
          two == "..")
        end = i + 2;
    }
    if (end == std::string_view::npos) return false;
    out.push_back(t.substr(i, end - i));
    i = end;
  }
  return true;
}

std::optional<std::uint64_t> parse_integer(std::string_view s) {
  std::uint64_t v = 0;
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    s.remove_prefix(2);
    base = 16;
  }
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
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
