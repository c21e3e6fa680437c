// SPDX-License-Identifier: GPL-2.0-or-later
// Names for e_machine values and the ABI details encoded in e_flags.
#pragma once

#include <cstdint>
#include <string>

#include "elf/elf_file.h"

namespace iotguard::elf {

struct MachineName {
  std::string name;         // the EM_ suffix, e.g. "ARM", "X86_64"; "EM_<n>" when unknown
  std::string description;  // e.g. "ARM", "MIPS R3000", as binutils prints it
  bool known = false;
};

MachineName machine_name(std::uint16_t machine);

// ABI summary from e_flags and the class, e.g. "EABI5 soft-float", "o32 mips32r2",
// "n64", "ELFv2", "lp64d rvc". Empty when the architecture encodes nothing we decode.
std::string abi_description(const ElfFile& f);

std::string osabi_name(std::uint8_t osabi);
std::string type_name(std::uint16_t type);  // "EXEC", "DYN", ...
std::string segment_type_name(std::uint32_t type, std::uint16_t machine);
std::string section_type_name(std::uint32_t type, std::uint16_t machine);
std::string segment_flags_string(std::uint32_t flags);  // "R-X"

}  // namespace iotguard::elf
