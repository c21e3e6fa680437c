// SPDX-License-Identifier: GPL-2.0-or-later
// Which byte strings a rule file's rules need, read from their text: the
// input of the literal pre-filter (literal_filter.h). A rule whose every way
// to be true needs one of its strings to match needs one of that string's
// literals in the data: a text string's bytes (its wide form, each xor key's
// image, the whole base64 groups of each alignment), a hex string's longest
// run of fixed bytes, a regex's longest run of literal characters outside
// groups, classes and optional parts.
//
// The reading is conservative. A file is filterable only when every rule
// that can report a match (private rules cannot) has such a requirement, or
// cannot match that kind of object at all: a magic test (rule_targets.h)
// that ELF objects, or all others, fail is a term that is never met;
// a condition the reader cannot delimit, a `not`, an `or` with a side that
// needs nothing, base64 with wide or nocase, a literal under four bytes, an
// `include`: each leaves the rule, and so its file, unfiltered.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "detect/yara/literal_filter.h"

namespace iotguard::detect::yara {

struct FileLiterals {
  struct Kind {
    bool filterable = false;
    std::vector<Literal> literals;  // at least one is present wherever a rule matches
    std::string why_not;            // when not filterable: the first rule that is not, and why
  };
  // On ELF objects and on others: a magic test one kind cannot pass is
  // never met there, so `uint16(0) == 0x5a4d and ...` needs nothing on ELF.
  Kind elf, other;
  std::size_t rules = 0;
};
FileLiterals file_literals(std::string_view rule_text);

// The literals one string needs (one of them is present wherever it
// matches), from its declaration after `=`: "text", {hex} or /regex/, then
// its modifiers. Empty when it needs none the filter can use.
std::vector<Literal> string_literals(std::string_view value,
                                     const std::vector<std::string_view>& modifiers);

}  // namespace iotguard::detect::yara
