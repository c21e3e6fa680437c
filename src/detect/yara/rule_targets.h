// SPDX-License-Identifier: GPL-2.0-or-later
// Which objects a rule file's rules can match at all, read from its
// conditions. Public rule sets rarely tag rules by file type, but most check
// the magic: a condition that needs `uint32(0) == 0x464c457f` can only be
// true on an ELF object, and one that needs `uint16(0) == 0x5a4d` (a PE, as
// more than half of signature-base's rules do) never on one. The scan skips
// such files where they cannot match, with the same matches as yara.
//
// Only what is certain counts: a magic test that is a top-level conjunct of
// the condition (no `or` beside it, no `not` before it). Anything the reader
// is unsure of (an `include`, a rule it cannot delimit, a regex it cannot
// end) makes the file `any`.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace iotguard::detect::yara {

// Cached rule sets are split by this reading (and by rule_literals.h's):
// bump it whenever what either concludes could change, so sets split the
// old way are not loaded.
inline constexpr int kReadingVersion = 3;

enum class Target {
  any,        // may match any object
  elf_only,   // only objects starting "\x7fELF"
  never_elf,  // never an object starting "\x7fELF"
};

// One condition's text (what follows `condition:`).
Target condition_target(std::string_view condition);

// One term's tokens (rule_text.h's tokenize), parentheses around it
// allowed: `uintN[be](0) == V` or `V == uintN[be](0)` says what it says
// about "\x7fELF"; anything else is `any`.
Target magic_test(std::vector<std::string_view> tokens);

struct FileTarget {
  Target target = Target::any;  // every rule's target when all agree, else any
  std::size_t rules = 0;        // rules read (0 when the file could not be read)
};
FileTarget file_target(std::string_view rule_text);

}  // namespace iotguard::detect::yara
