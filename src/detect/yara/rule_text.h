// SPDX-License-Identifier: GPL-2.0-or-later
// Words of YARA rule text outside comments and string literals: the quick
// looks taken at rule files before libyara compiles them (which externals a
// file reads, whether it has an `include`).
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace iotguard::detect::yara {

struct Word {
  std::string_view text;  // [A-Za-z_][A-Za-z0-9_]*, whole
  char before = ' ';      // the character just before it
  std::size_t end = 0;    // offset just past it
};

void for_each_word(std::string_view text, const std::function<void(const Word&)>& visit);

}  // namespace iotguard::detect::yara
