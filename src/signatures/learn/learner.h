// SPDX-License-Identifier: GPL-2.0-or-later
// `iotguard db learn`: YARA rules for malware families, learnt from samples
// against a goodware index (docs/signatures.md, "The signature lab").
//
//  1. every sample (and its UPX payload) gives candidate strings: plaintext
//     and XOR-hidden text that no indexed goodware file holds;
//  2. with several families at hand (--labels), a string another family
//     shares as much is dropped: toolchain and libc text (uClibc, musl) is in
//     every family's static builds and in no goodware index of Debian's;
//  3. per family, rules are built greedily: the string most uncovered
//     samples share seeds a variant; the strings most of that variant's
//     samples hold, preferring those seen on more CPUs and hidden ones, make
//     the rule, with `N of them` chosen so nearly all of the variant match;
//     what it covers is taken out and the next variant is seeded;
//  4. rules are compiled with libyara and run by the scan engine (UPX
//     layers included) over every sample, so the printed coverage is what
//     `scan` will report.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "signatures/learn/candidates.h"

namespace iotguard::signatures::learn {

struct LearnOptions {
  std::vector<std::filesystem::path> inputs;
  std::optional<std::string> family;              // every sample is of this family
  std::optional<std::filesystem::path> labels;    // sha256 <TAB> family [<TAB> variant]
  std::optional<std::filesystem::path> goodware;  // the index; none = nothing dropped
  std::filesystem::path output;                   // .yar written here
  std::string prefix = "Learned";                 // rule names: <prefix>_<Family>_<n>
  std::string severity = "high";
  std::string reference;        // meta reference of every rule
  std::string description;      // what a user should do; default one
  std::size_t min_samples = 2;  // a variant needs this many samples
  std::size_t max_rules_per_family = 12;
  std::size_t max_strings = 16;  // per rule
  double cluster_recall = 0.95;  // share of a variant its condition must match
  unsigned threads = 2;
  CandidateOptions candidates;
  std::function<void(const std::string&)> progress;  // one line per step
};

struct LearnedRule {
  std::string name, family, variant;
  std::size_t strings = 0, threshold = 0;
  std::size_t family_samples = 0;   // of this family given
  std::size_t covered = 0;          // of them the compiled rule matches
  std::size_t other_hits = 0;       // samples of other families it matches
  std::vector<std::string> arches;  // of the covered samples
};

struct LearnReport {
  std::vector<LearnedRule> rules;
  std::size_t samples = 0,
              covered = 0;  // labelled ELF samples read, and matched by their family's rules
  std::map<std::string, std::size_t> family_samples, family_covered;
  std::vector<std::string> uncovered;  // "sha256 family name"
  std::vector<std::string> errors;
  double seconds = 0;
};

Result<LearnReport> learn(const LearnOptions& options);

}  // namespace iotguard::signatures::learn
