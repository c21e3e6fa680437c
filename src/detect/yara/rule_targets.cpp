// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/yara/rule_targets.h"

#include "detect/yara/rule_text.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace iotguard::detect::yara {

Target magic_test(std::vector<std::string_view> t) {
  // Parentheses around the whole test.
  while (t.size() >= 2 && t.front() == "(" && t.back() == ")") {
    int depth = 0;
    bool wraps = true;
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
      depth += t[i] == "(" ? 1 : t[i] == ")" ? -1 : 0;
      if (depth == 0) wraps = false;
    }
    if (!wraps) break;
    t = std::vector<std::string_view>(t.begin() + 1, t.end() - 1);
  }
  if (t.size() != 6) return Target::any;
  std::size_t f = 0, v = 5;
  if (t[1] == "==" && t[3] == "(" && t[5] == ")") {
    f = 2;
    v = 0;
  } else if (t[1] != "(" || t[3] != ")" || t[4] != "==") {
    return Target::any;
  }
  const auto offset = parse_integer(t[f + 2]);
  const auto value = parse_integer(t[v]);
  if (!offset || *offset != 0 || !value) return Target::any;
  struct Reader {
    std::string_view name;
    std::uint64_t elf;  // what it reads at offset 0 of an ELF object
    bool whole;         // it reads all four magic bytes
  };
  static constexpr Reader kReaders[] = {
      {"uint8", 0x7f, false},      {"uint8be", 0x7f, false},     {"uint16", 0x457f, false},
      {"uint16be", 0x7f45, false}, {"uint32", 0x464c457f, true}, {"uint32be", 0x7f454c46, true},
  };
  for (const Reader& r : kReaders) {
    if (t[f] != r.name) continue;
    if (*value != r.elf) return Target::never_elf;
    return r.whole ? Target::elf_only : Target::any;
  }
  return Target::any;
}

Target condition_target(std::string_view condition) {
  std::vector<std::string_view> t;
  if (!tokenize(condition, t)) return Target::any;
  // Top-level conjuncts; an `or` at the top makes nothing certain.
  std::vector<std::vector<std::string_view>> conjuncts(1);
  int depth = 0;
  for (const auto& tok : t) {
    if (tok == "(" || tok == "[") ++depth;
    if (tok == ")" || tok == "]") --depth;
    if (depth < 0) return Target::any;
    if (depth == 0 && tok == "or") return Target::any;
    if (depth == 0 && tok == "and") {
      conjuncts.emplace_back();
      continue;
    }
    conjuncts.back().push_back(tok);
  }
  if (depth != 0) return Target::any;
  Target out = Target::any;
  for (const auto& c : conjuncts) {
    const Target m = magic_test(c);
    if (m == Target::never_elf) return Target::never_elf;  // and-ed: never true on ELF
    if (m == Target::elf_only) out = Target::elf_only;
  }
  return out;
}

FileTarget file_target(std::string_view t) {
  std::size_t rules = 0;
  std::vector<std::string_view> conditions;
  std::string_view last_word;  // the previous word or punctuation that matters
  bool after_equals = false;   // `$r = /regex/` in a strings section
  std::size_t cond_start = std::string_view::npos;
  std::size_t i = 0;
  while (i < t.size()) {
    const char c = t[i];
    const char next = i + 1 < t.size() ? t[i + 1] : '\0';
    std::size_t end = i + 1;
    if (c == '/' && next == '/') {
      end = t.find('\n', i);
      if (end == std::string_view::npos) end = t.size();
    } else if (c == '/' && next == '*') {
      end = t.find("*/", i + 2);
      if (end == std::string_view::npos) return {};
      end += 2;
    } else if (c == '"') {
      end = past_string(t, i);
      after_equals = false;
    } else if (c == '/' && (after_equals || last_word == "matches")) {
      end = past_regex(t, i);
      after_equals = false;
    } else if (is_word_char(c)) {
      while (end < t.size() && is_word_char(t[end])) ++end;
      const std::string_view w = t.substr(i, end - i);
      const char before = i > 0 ? t[i - 1] : ' ';
      if (w == "include") return {};  // rules from elsewhere
      if (w == "rule" && before != '.' && before != '$') ++rules;
      std::size_t k = end;
      while (k < t.size() && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r' || t[k] == '\n')) ++k;
      if (w == "condition" && k < t.size() && t[k] == ':') {
        if (cond_start != std::string_view::npos) return {};
        cond_start = k + 1;
        end = k + 1;
      }
      last_word = w;
      after_equals = false;
    } else if (c == '=') {
      after_equals =
          next != '=' &&
          (i == 0 || (t[i - 1] != '=' && t[i - 1] != '!' && t[i - 1] != '<' && t[i - 1] != '>'));
      if (next == '=') end = i + 2;
    } else if (c == '}' && cond_start != std::string_view::npos) {
      conditions.push_back(t.substr(cond_start, i - cond_start));
      cond_start = std::string_view::npos;
    } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      after_equals = false;
      last_word = {};
    }
    if (end == std::string_view::npos) return {};
    i = end;
  }
  if (cond_start != std::string_view::npos || rules == 0 || rules != conditions.size()) return {};
  FileTarget out{condition_target(conditions.front()), rules};
  for (const auto& cond : conditions)
    if (condition_target(cond) != out.target) out.target = Target::any;
  return out;
}

}  // namespace iotguard::detect::yara
