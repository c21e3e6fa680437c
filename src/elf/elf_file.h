// SPDX-License-Identifier: GPL-2.0-or-later
// The model of one parsed ELF file. Everything here is a copy of a value read
// from the file (or derived from one); nothing points back into the bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/byte_view.h"

namespace iotguard::elf {

struct Segment {
  std::uint32_t type = 0;   // p_type
  std::uint32_t flags = 0;  // p_flags (PF_X=1, PF_W=2, PF_R=4)
  std::uint64_t offset = 0, vaddr = 0, paddr = 0, filesz = 0, memsz = 0, align = 0;
  double entropy = 0.0;  // of the bytes of [offset, offset+filesz) that lie inside the file
};

struct Section {
  std::string name;
  std::uint32_t name_offset = 0;
  std::uint32_t type = 0;
  std::uint64_t flags = 0, addr = 0, offset = 0, size = 0;
  std::uint32_t link = 0, info = 0;
  std::uint64_t addralign = 0, entsize = 0;
};

struct Symbol {
  std::string name;
  std::uint64_t value = 0, size = 0;
  std::uint8_t type = 0, bind = 0;  // STT_*, STB_*
  std::uint16_t shndx = 0;
  bool dynamic = false;  // from .dynsym rather than .symtab
};

struct AbiTag {  // NT_GNU_ABI_TAG
  std::uint32_t os = 0, major = 0, minor = 0, subminor = 0;
};

// Something about the file's structure that a normal toolchain does not
// produce; malware and packers produce most of them.
struct Anomaly {
  std::string id;      // stable identifier, e.g. "no_section_headers"
  std::string detail;  // one human sentence with the numbers
};

struct ElfFile {
  // Identification and header.
  bool is64 = false;
  Endian endian = Endian::little;
  std::uint8_t ident_version = 0, osabi = 0, abiversion = 0;
  std::uint16_t type = 0, machine = 0;
  std::uint32_t version = 0, flags = 0;
  std::uint64_t entry = 0, phoff = 0, shoff = 0;
  std::uint16_t ehsize = 0, phentsize = 0, shentsize = 0;
  std::uint16_t e_phnum = 0, e_shnum = 0, e_shstrndx = 0;  // raw header values
  std::uint64_t phnum = 0, shnum = 0, shstrndx = 0;        // after extended numbering

  std::vector<Segment> segments;
  std::vector<Section> sections;

  std::optional<std::string> interpreter;
  std::vector<std::string> needed;
  std::optional<std::string> soname;
  std::optional<std::uint64_t> dt_flags_1;

  std::vector<Symbol> symbols;  // .symtab then .dynsym, capped by ReadLimits
  std::uint64_t symtab_count = 0, dynsym_count = 0;
  bool symbols_truncated = false;

  std::optional<std::string> build_id;  // hex
  std::optional<AbiTag> abi_tag;

  std::uint64_t file_size = 0;
  double entropy = 0.0;
  std::uint64_t overlay_offset = 0, overlay_size = 0;

  std::vector<Anomaly> anomalies;

  [[nodiscard]] bool has_section_type(std::uint32_t t) const;
  [[nodiscard]] bool has_segment_type(std::uint32_t t) const;
  [[nodiscard]] bool has_anomaly(const std::string& id) const;
  // "static", "static-pie", "dynamic" or "shared-library".
  [[nodiscard]] std::string linking() const;
  [[nodiscard]] bool is_static() const;
  // No .symtab left (or no section headers at all).
  [[nodiscard]] bool is_stripped() const;
};

}  // namespace iotguard::elf
