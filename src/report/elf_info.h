// SPDX-License-Identifier: GPL-2.0-or-later
// Renders one ELF file's description for `iotguard info`: a JSON record for
// tools and a text block for people. Both carry the same facts.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/digest.h"
#include "elf/elf_file.h"

namespace iotguard::report {

struct InfoOptions {
  bool sections = true;  // list sections (text); JSON always carries them
  bool symbols = false;  // list symbol names
};

nlohmann::json elf_info_json(const std::string& path, const elf::ElfFile& f, const Digests& d);
std::string elf_info_text(const std::string& path, const elf::ElfFile& f, const Digests& d,
                          const InfoOptions& opt);

// A decoded family configuration (evidence "config") as indented text lines.
std::string config_text(const nlohmann::json& config);

}  // namespace iotguard::report
