// SPDX-License-Identifier: GPL-2.0-or-later
// An unpacker turns one object layer into a child layer (UPX stub -> the ELF
// it carries). The scan engine tries every registered unpacker on each layer
// and runs all detectors again on what comes out, to a bounded depth.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/byte_view.h"
#include "core/finding.h"
#include "elf/elf_file.h"

namespace iotguard::unpack {

struct Unpacked {
  std::vector<std::uint8_t> bytes;  // the child layer; empty when unpacking failed
  std::string link;                 // object-chain link for the child, e.g. "upx"
  // Findings about the packing itself (rule, severity, title, evidence); the
  // engine fills in path and object chain.
  std::vector<Finding> findings;
  std::optional<std::string> error;  // recognised but could not be unpacked
};

class LayerUnpacker {
 public:
  virtual ~LayerUnpacker() = default;
  [[nodiscard]] virtual std::string name() const = 0;
  // Nothing when the layer is not this unpacker's format.
  virtual std::optional<Unpacked> try_unpack(Bytes bytes, const elf::ElfFile* elf) const = 0;
};

// The registry (unpack/registry.cpp): one line per unpacker.
std::vector<std::unique_ptr<LayerUnpacker>> layer_unpackers();

}  // namespace iotguard::unpack
