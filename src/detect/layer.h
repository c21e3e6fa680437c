// SPDX-License-Identifier: GPL-2.0-or-later
// One object layer handed to detectors: a file's bytes, or bytes an unpacker
// produced from its parent (docs/architecture.md, "objects, layers, findings").
#pragma once

#include <string>

#include "core/byte_view.h"
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
  std::string sha256;                 // of bytes
  int depth = 0;                      // 0 for the file itself

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
