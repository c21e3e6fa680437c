// SPDX-License-Identifier: GPL-2.0-or-later
// Known-bad hashes: our TSV lists (hash<TAB>name[<TAB>severity]) and ClamAV's
// .hdb (MD5:size:name) and .hsb (SHA1|SHA256:size:name[:flevel]) as they are.
#pragma once

#include <filesystem>
#include <istream>
#include <memory>
#include <vector>

#include "core/result.h"
#include "detect/detector.h"

namespace iotguard::detect {

struct HashListStats {
  std::size_t md5 = 0, sha1 = 0, sha256 = 0, files = 0;
};

// Files and directories (searched for *.tsv, *.hdb, *.hsb). Malformed lines
// are errors naming file and line: a pattern file must load exactly.
Result<std::unique_ptr<Detector>> make_hash_detector(
    const std::vector<std::filesystem::path>& inputs, HashListStats* stats);

// What make_hash_detector does with one list: reads it from `in` (ClamAV
// .hdb/.hsb lines when clamav, else our TSV) and returns how many distinct
// entries it holds; errors name `name` and the line. Open to the fuzzer.
Result<std::size_t> read_hash_list(std::istream& in, const std::string& name, bool clamav);

}  // namespace iotguard::detect
