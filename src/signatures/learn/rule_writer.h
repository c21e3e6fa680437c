// SPDX-License-Identifier: GPL-2.0-or-later
// YARA text for learnt rules, in the shipped pattern file's style: ELF-only
// (the magic as a top-level conjunct), a string every match needs (so the
// literal pre-filter covers it), meta a finding can show.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "signatures/learn/candidates.h"

namespace iotguard::signatures::learn {

struct RuleSpec {
  std::string name;
  std::vector<std::string> tags;
  std::vector<std::pair<std::string, std::string>> meta;  // in order; values are text
  std::vector<Candidate> strings;
  std::size_t threshold = 1;       // N of them
  std::uint64_t max_filesize = 0;  // 0 = no bound
  bool elf_only = false;           // the ELF magic as a top-level conjunct
};

std::string yara_identifier(std::string_view s);    // [A-Za-z0-9_], not starting with a digit
std::string yara_text_literal(std::string_view s);  // "..." with escapes
std::string write_rule(const RuleSpec& r);

}  // namespace iotguard::signatures::learn
