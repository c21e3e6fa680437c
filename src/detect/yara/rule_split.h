// SPDX-License-Identifier: GPL-2.0-or-later
// How rule files divide among the sets each kind of object runs. A file
// whose rules cannot match one kind (rule_targets.h) is left out of that
// kind's sets. Of the files a kind runs, those whose every reporting rule
// needs a literal (rule_literals.h) are vouched for by the literal filter:
// an object holding none of their literals runs only the others, the rest
// set. Every file keeps its own namespace, so any such subset matches what
// the files compiled together would.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "detect/yara/literal_filter.h"
#include "detect/yara/rule_literals.h"
#include "detect/yara/rule_sources.h"
#include "detect/yara/rule_targets.h"

namespace iotguard::detect::yara {

struct FileReading {
  FileTarget target;
  FileLiterals literals;  // nothing filterable when not read
  bool own_ns = true;
};

// Reads each source's text. Files sharing a namespace use or lend rules
// across files and move with their partners: they stay `any` and
// unfiltered. `literals` false: no literals are read (the filter is off).
std::vector<FileReading> read_files(const std::vector<Source>& sources, bool literals);

struct Split {
  std::vector<std::size_t> all;       // the files this kind runs, in the sources' order
  std::vector<std::size_t> filtered;  // of them, those the filter vouches for
  std::vector<std::size_t> rest;      // and the others
  // A rest set is worth making only beside a filter.
  [[nodiscard]] bool has_rest_set() const { return !filtered.empty() && !rest.empty(); }
};
Split split_for(const std::vector<FileReading>& files, bool elf);

// The filter over the split's filtered files on ELF objects (`elf`) or on
// others. Null when there are none, when one of them cannot be filtered on
// that kind, or when they need more than LiteralFilter::kMaxLiterals
// (`why_not` then says why).
std::unique_ptr<LiteralFilter> filter_for(const std::vector<FileReading>& files, const Split& split,
                                          bool elf, std::string* why_not = nullptr);

}  // namespace iotguard::detect::yara
