// SPDX-License-Identifier: GPL-2.0-or-later
// The ELF reader: one template over class (32/64) and byte order that reads
// untrusted bytes without ever reading out of bounds or trusting a count.
// Structural surprises become anomalies on the result; only input that is not
// ELF at all (or is shorter than its identification) is an error.
#pragma once

#include <cstdint>

#include "core/byte_view.h"
#include "core/result.h"
#include "elf/elf_file.h"

namespace iotguard::elf {

struct ReadLimits {
  std::uint64_t max_program_headers = 65536;
  std::uint64_t max_sections = 65536;
  std::uint64_t max_symbols = 200000;  // kept in ElfFile::symbols; the rest only counted
  std::uint64_t max_dynamic_entries = 16384;
  std::uint64_t max_notes = 256;
  std::size_t max_string = 4096;  // longest name/path read from a string table
  // All section and symbol names together: without it, 65535 section headers
  // (4 MiB) naming one 4 KiB unterminated run would cost 256 MiB of strings.
  std::uint64_t max_name_bytes = 16 << 20;
  bool read_symbols = true;  // info and heuristics want them; a pure scan may not
  // File and segment entropy (ElfFile::entropy, Segment::entropy): two passes over
  // every byte, which `info` shows and a scan does not need (anomalies compute what they
  // use themselves). Off: both stay 0.
  bool entropy = true;
};

// True when bytes start with the ELF magic.
bool is_elf(Bytes bytes);

Result<ElfFile> read(Bytes bytes, const ReadLimits& limits = {});

}  // namespace iotguard::elf
