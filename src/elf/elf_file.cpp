// SPDX-License-Identifier: GPL-2.0-or-later
#include "elf/elf_file.h"

#include <algorithm>

#include "elf/constants.h"

namespace iotguard::elf {

bool ElfFile::has_section_type(std::uint32_t t) const {
  return std::any_of(sections.begin(), sections.end(),
                     [t](const Section& s) { return s.type == t; });
}

bool ElfFile::has_segment_type(std::uint32_t t) const {
  return std::any_of(segments.begin(), segments.end(),
                     [t](const Segment& s) { return s.type == t; });
}

bool ElfFile::has_anomaly(const std::string& id) const {
  return std::any_of(anomalies.begin(), anomalies.end(),
                     [&](const Anomaly& a) { return a.id == id; });
}

std::string ElfFile::linking() const {
  if (has_segment_type(PT_INTERP)) return "dynamic";
  if (!has_segment_type(PT_DYNAMIC)) return "static";
  if (type == ET_DYN) {
    // A static PIE carries a dynamic section for its own relocations but no
    // interpreter; the linker marks it with DF_1_PIE.
    if (dt_flags_1 && (*dt_flags_1 & DF_1_PIE)) return "static-pie";
    return "shared-library";
  }
  return "dynamic";
}

bool ElfFile::is_static() const {
  const std::string l = linking();
  return l == "static" || l == "static-pie";
}

bool ElfFile::is_stripped() const { return !has_section_type(SHT_SYMTAB); }

}  // namespace iotguard::elf
