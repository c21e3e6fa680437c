// SPDX-License-Identifier: GPL-2.0-or-later
// The samples a rule is learnt from: files, folders (walked without
// following symlinks) and archives (zip, tar, 7z... through libarchive, read
// in memory, the malware-exchange password `infected` tried for encrypted
// ones). Each sample is handed over with every layer the scan engine would
// see: the file and what its UPX stub carries, so rules learnt here match
// what `scan` examines. Nothing is ever executed or written to disk.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/byte_view.h"

namespace iotguard::signatures::learn {

struct SampleInfo {
  std::string name;    // path, or "archive > member"
  std::string sha256;  // of the outermost bytes (the file or the member)
  std::string arch;    // e.g. "ARM-32-le"; empty when not ELF
  std::uint64_t size = 0;
  bool unpacked = false;  // a UPX layer was opened
};

struct SampleLimits {
  std::uint64_t max_file = 64ull << 20;          // larger objects are skipped
  std::uint64_t max_archive_total = 1ull << 30;  // bytes read out of one archive
  std::size_t max_members = 100000;
};

// Layers: the object's bytes first, then unpacked children.
using SampleVisitor = std::function<void(const SampleInfo&, const std::vector<Bytes>& layers)>;

// Calls visit once per ELF object found under paths, from `threads` threads.
// Unreadable inputs go to errors (one line each); the walk goes on.
void for_each_sample(const std::vector<std::filesystem::path>& paths, const SampleLimits& limits,
                     unsigned threads, const SampleVisitor& visit,
                     std::vector<std::string>& errors);

std::string arch_of(Bytes bytes);  // "" when not a parseable ELF header

}  // namespace iotguard::signatures::learn
