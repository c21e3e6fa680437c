// SPDX-License-Identifier: GPL-2.0-or-later
// Words of YARA rule text outside comments and string literals: the quick
// looks taken at rule files before libyara compiles them (which externals a
// file reads, whether it has an `include`, which rules it defines).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace iotguard::detect::yara {

struct Word {
  std::string_view text;  // [A-Za-z_][A-Za-z0-9_]*, whole
  char before = ' ';      // the character just before it
  std::size_t end = 0;    // offset just past it
};

void for_each_word(std::string_view text, const std::function<void(const Word&)>& visit);

// Pieces of YARA's lexer the readers above share.
bool is_word_char(char c);  // [A-Za-z0-9_]
// Past the "..." literal whose quote is at i; npos when it does not end.
std::size_t past_string(std::string_view t, std::size_t i);
// Past the /regex/ (and its i/s modifiers) whose slash is at i; npos when it
// does not end on its line.
std::size_t past_regex(std::string_view t, std::size_t i);
bool is_space(char c);  // what YARA's lexer skips between tokens

// Rule text as YARA's lexer splits it, near enough for reading structure:
// words (numbers and sizes among them), "strings", /regexes/ (after `=` or
// `matches`), {hex strings} (after `=`), $ # @ ! identifiers (with a
// trailing *), two-character operators, single characters; comments
// skipped. False when a comment, string or regex does not end.
bool tokenize(std::string_view text, std::vector<std::string_view>& out);

// A decimal or 0x-prefixed integer, the whole of `s`.
std::optional<std::uint64_t> parse_integer(std::string_view s);

}  // namespace iotguard::detect::yara
