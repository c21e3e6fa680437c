// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/yara/rule_split.h"

#include <fmt/format.h>

#include <map>

namespace iotguard::detect::yara {

std::vector<FileReading> read_files(const std::vector<Source>& sources, bool literals) {
  std::map<std::string, std::size_t> files_per_ns;
  for (const auto& s : sources) ++files_per_ns[s.ns];
  std::vector<FileReading> out;
  for (const auto& s : sources) {
    FileReading r;
    r.own_ns = files_per_ns[s.ns] == 1;
    if (r.own_ns) {
      r.target = file_target(s.text);
      if (literals) r.literals = file_literals(s.text);
    }
    out.push_back(std::move(r));
  }
  return out;
}

Split split_for(const std::vector<FileReading>& files, bool elf) {
  Split out;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const Target t = files[i].target.target;
    if (t == (elf ? Target::never_elf : Target::elf_only)) continue;
    out.all.push_back(i);
    const auto& kind = elf ? files[i].literals.elf : files[i].literals.other;
    (kind.filterable ? out.filtered : out.rest).push_back(i);
  }
  return out;
}

std::unique_ptr<LiteralFilter> filter_for(const std::vector<FileReading>& files, const Split& split,
                                          bool elf, std::string* why_not) {
  if (split.filtered.empty()) return nullptr;
  std::vector<Literal> all;
  for (std::size_t i : split.filtered) {
    const auto& kind = elf ? files[i].literals.elf : files[i].literals.other;
    if (!kind.filterable) {
      if (why_not != nullptr) *why_not = kind.why_not;
      return nullptr;
    }
    all.insert(all.end(), kind.literals.begin(), kind.literals.end());
  }
  // Each xor string brings 256; past this the tables outgrow the caches
  // and libyara's own automaton is the better filter.
  if (all.size() > LiteralFilter::kMaxLiterals) {
    if (why_not != nullptr)
      *why_not = fmt::format("more than {} literals", LiteralFilter::kMaxLiterals);
    return nullptr;
  }
  return std::make_unique<LiteralFilter>(all);
}

}  // namespace iotguard::detect::yara
