// SPDX-License-Identifier: GPL-2.0-or-later
#include "audit/text_file.h"

#include <algorithm>
#include <cctype>

namespace iotguard::audit {

void for_each_line(std::string_view text,
                   const std::function<bool(std::size_t, std::string_view)>& fn) {
  std::size_t n = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!fn(++n, line)) return;
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

std::string lower(std::string_view s) {
  std::string o(s);
  std::transform(o.begin(), o.end(), o.begin(), [](unsigned char c) { return std::tolower(c); });
  return o;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool is_comment(std::string_view line) {
  line = trim(line);
  return line.empty() || line.front() == '#' || line.front() == ';';
}

std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

bool has_command(std::string_view line, std::string_view w) {
  auto sep = [](char c) {
    return c == ' ' || c == '\t' || c == '/' || c == ';' || c == '&' || c == '|' || c == '(' ||
           c == '`' || c == '"' || c == '\'' || c == ':' || c == '=';
  };
  for (std::size_t pos = line.find(w); pos != std::string_view::npos; pos = line.find(w, pos + 1)) {
    const bool start_ok = pos == 0 || sep(line[pos - 1]);
    const std::size_t end = pos + w.size();
    const bool end_ok = end == line.size() || line[end] == ' ' || line[end] == '\t' ||
                        line[end] == ';' || line[end] == '&' || line[end] == '"' ||
                        line[end] == '\'' || line[end] == ')';
    if (start_ok && end_ok) return true;
  }
  return false;
}

}  // namespace iotguard::audit
