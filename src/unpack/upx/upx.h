// SPDX-License-Identifier: GPL-2.0-or-later
// Recognising and unpacking UPX-packed ELF executables, including the
// tampered ones IoT malware ships (shared/threats.md §11): an altered "UPX!"
// magic, zeroed p_info sizes, appended overlay, broken section headers.
//
// The public face of src/unpack/upx/: the scan engine calls recognise() on
// every ELF object and, when it says packed, unpack() to get the restored ELF
// as a new object layer. Format facts: docs/upx.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/byte_view.h"
#include "core/finding.h"
#include "core/result.h"
#include "elf/elf_file.h"

namespace iotguard::unpack::upx {

struct Recognition {
  bool packed = false;
  std::string format;        // UPX's name of the target, e.g. "amd64-linux.elf"
  std::string method;        // of the first block, e.g. "NRV2E_LE32", "LZMA"
  std::uint8_t filter = 0;   // first non-zero b_ftid seen (0 until unpack() has run)
  std::uint8_t version = 0;  // l_info.l_version (UPX's pack-header version)
  // One human sentence per alteration, e.g. "l_info magic replaced by 10 f0 00 00",
  // "p_info.p_filesize zeroed", "section header fields set (e_shoff 0xffff)".
  std::vector<std::string> tampering;
  // Stable short ids for the same alterations ("l_info_magic", "p_filesize_zeroed", ...).
  std::vector<std::string> tamper_ids;
  std::uint64_t original_size = 0;  // p_info.p_filesize, or what unpack() rebuilt
  std::uint64_t l_info_offset = 0;  // where the l_info record sits in the packed file
  bool stub_entry = false;          // the entry point holds a known UPX stub prologue
  std::uint64_t overlay_size = 0;   // bytes after UPX's trailer (known after unpack())
};

struct Limits {
  std::uint64_t max_output = UINT64_C(64) << 20;  // bytes of restored ELF
  std::uint64_t max_blocks = 65536;               // b_info blocks decoded in total
  std::uint64_t max_ratio = 4096;                 // restored size / packed file size
  std::uint64_t max_loads = 64;                   // PT_LOAD entries in the original
};

struct Unpacked {
  std::vector<std::uint8_t> elf;  // the restored ELF: headers, PT_LOAD contents, gaps
  Recognition info;               // with tampering found while unpacking added
  bool gaps_restored = true;      // false when only headers and PT_LOADs could be rebuilt
};

// Recognises a UPX-packed ELF by its structure (l_info/p_info/b_info after the
// program headers, a first block that decompresses to an ELF header of the
// same machine), not by magic. Returns nothing for a file that is not packed.
std::optional<Recognition> recognise(Bytes file, const elf::ElfFile& elf);

// Decompresses every block, undoes UPX's filters and rebuilds the original
// ELF. Every size is checked against the declared sizes and the limits.
Result<Unpacked> unpack(Bytes file, const Limits& limits = {});

// Packer.UPX (info) for a packed file, plus Packer.UPX.Tampered (medium)
// naming each alteration when there is any.
std::vector<Finding> findings(const Recognition& r, const std::string& path);

}  // namespace iotguard::unpack::upx
