// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "core/byte_view.h"
#include "elf/elf_file.h"

namespace iotguard::elf {

// Adds the layout anomalies (docs/elf-anomalies.md) to f.anomalies. Runs after
// headers, segments and sections are read.
void find_anomalies(const ByteView& file, ElfFile& f);

// Offset of the "UPX!" magic in the places UPX writes it (after the program
// headers, and in the trailer), if present.
std::optional<std::uint64_t> find_upx_magic(const ByteView& file);

}  // namespace iotguard::elf
