// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "core/byte_view.h"
#include "elf/elf_file.h"

namespace iotguard::elf {

// Reads ELF notes from PT_NOTE segments and SHT_NOTE sections (each region
// once) and fills build_id and abi_tag. At most max_notes notes are examined.
void read_notes(const ByteView& file, ElfFile& f, std::uint64_t max_notes);

}  // namespace iotguard::elf
