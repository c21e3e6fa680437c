// SPDX-License-Identifier: GPL-2.0-or-later
// One object layer handed to detectors: a file's bytes, or bytes an unpacker
// produced from its parent (docs/architecture.md, "objects, layers, findings").
#pragma once

#include <optional>
#include <string>

#include "core/byte_view.h"
#include "core/digest.h"
#include "core/finding.h"
#include "elf/elf_file.h"

namespace iotguard::detect {

enum class Kind { elf, script, other };

struct Layer {
  Bytes bytes;
  std::string path;   // the file the user's path led to
  ObjectChain chain;  // {path} for the file itself, then one link per unpacking
  Kind kind = Kind::other;
  const elf::ElfFile* elf = nullptr;  // parsed header when kind == elf and it parsed
  int depth = 0;                      // 0 for the file itself
  // SHA-256 of bytes when the caller knows it already; otherwise sha256()
  // computes it on first use. Most objects never need it: it is as costly as a
  // YARA pass, and only hash-list entries of the object's size ask for it.
  mutable std::optional<std::string> sha256_known;

  [[nodiscard]] const std::string& sha256() const {
    if (!sha256_known) sha256_known = sha256_hex(bytes);
    return *sha256_known;
  }

  // A finding about this layer with path and chain filled in.
  [[nodiscard]] Finding make_finding() const {
    Finding f;
    f.path = path;
    f.object = chain;
    return f;
  }
};

Kind identify(Bytes bytes);
std::string_view kind_name(Kind k);

}  // namespace iotguard::detect
