// SPDX-License-Identifier: GPL-2.0-or-later
// `db verify`'s findings about a pattern file: does every rule compile, alone
// and with the others, does every credential line read, and do the
// manifest's version, date, counts and families match the files.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace iotguard::signatures {

struct VerifyReport {
  std::filesystem::path location;  // the pattern file, absolute
  std::string version;             // the manifest's, "" when it has none
  // One line per problem: "rules/x.yar: ...", "credentials/y.tsv:12: ...",
  // "manifest: ...". None: the pattern file is good.
  std::vector<std::string> problems;
  std::size_t rule_files = 0;
  std::size_t rules_total = 0;        // rules in the files that compile
  std::size_t credentials_total = 0;  // entry lines of the dictionaries
  // How much of the literal pre-filter covers on ELF objects: of the
  // `elf_rules` that run there, `filtered_rules`; `unfiltered` names the
  // first rule that needs no literal (docs/architecture.md).
  std::size_t elf_rules = 0;
  std::size_t filtered_rules = 0;
  std::string unfiltered;

  [[nodiscard]] bool ok() const { return problems.empty(); }
};

}  // namespace iotguard::signatures
