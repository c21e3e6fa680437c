// SPDX-License-Identifier: GPL-2.0-or-later
// YARA through libyara. This header stays free of <yara.h>: libyara defines
// function-like macros that break other C++ headers (docs/architecture.md).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "detect/detector.h"
#include "detect/yara/rule_sources.h"

namespace iotguard::detect {

struct YaraConfig {
  // Rule files (.yar/.yara text, or rules compiled by yarac) and directories
  // searched recursively for *.yar / *.yara.
  std::vector<std::filesystem::path> sources;
  // Where compiled rule sets are cached, keyed by the sources' content hash.
  // Empty: no cache.
  std::filesystem::path cache_dir;
  int timeout_seconds = 60;  // per object
  // Load yarac output among the sources. Off by default, as `yara -C` is:
  // libyara does not validate compiled rules, and crafted ones can run code.
  bool allow_compiled = false;
  // Skip libyara on objects holding none of the literals every rule needs
  // (literal_filter.h). Off only to compare against the unfiltered scan.
  bool literal_filter = true;
};

struct YaraStats {
  std::size_t rules = 0;            // rules in the full set
  std::size_t elf_only_rules = 0;   // rules that only run on ELF objects
  std::size_t never_elf_rules = 0;  // rules whose conditions rule ELF objects out
  std::size_t source_files = 0;
  bool from_cache = false;
  // Whether ELF objects are first searched for the literals every rule needs
  // (rule_literals.h), and when not, the first rule that needs none. Rule
  // files that need literals are filtered in a set of their own, beside the
  // rest: `filtered_rules` counts the rules in it.
  bool literal_filter = false;
  std::size_t filtered_rules = 0;
  std::string unfiltered;
  std::string content_hash;
  // Rule files that did not compile and were left out; the scan goes on
  // with the rest and reports each as an error.
  std::vector<yara::Rejected> rejected;
};

// Compiles (or loads from cache) and returns the YARA detector. A rule file
// that does not compile is left out (YaraStats::rejected, messages with file
// and line); an error only when no rule text compiles at all.
Result<std::unique_ptr<Detector>> make_yara_detector(const YaraConfig& config, YaraStats* stats);

}  // namespace iotguard::detect
