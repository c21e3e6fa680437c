// SPDX-License-Identifier: GPL-2.0-or-later
// Where UPX's records sit in one packed file (internal to src/unpack/upx/).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/byte_view.h"
#include "elf/elf_file.h"
#include "unpack/upx/headers.h"
#include "unpack/upx/upx.h"

namespace iotguard::unpack::upx {

struct Layout {
  Endian endian = Endian::little;
  std::uint64_t l_info_off = 0;  // p_info follows at +12, the first b_info at +24
  LInfo linfo;
  PInfo pinfo;
  BInfo first;                            // the first block: original Ehdr + Phdrs
  std::vector<std::uint8_t> first_block;  // decompressed (empty when it could not be)
  std::optional<PackHeader> trailer;      // UPX's PackHeader at the end, found by
  std::uint64_t trailer_off = 0;          //   magic or by structure
  bool trailer_magic_ok = false;
  std::optional<BInfo> eof;  // the {0, "UPX!"} b_info just before the trailer
  [[nodiscard]] std::uint64_t p_info_off() const { return l_info_off + kInfoSize; }
  [[nodiscard]] std::uint64_t first_block_off() const { return l_info_off + 2 * kInfoSize; }
};

// Finds l_info/p_info/first b_info by structure; nothing when the file is not UPX.
std::optional<Layout> locate(Bytes file, const elf::ElfFile& elf);

// The recognition record (format, method, tampering) for a located layout.
Recognition describe(Bytes file, const elf::ElfFile& elf, const Layout& lay);

// Decodes one block (decompress + unfilter) into out; nothing on success.
std::optional<std::string> decode_block(const BInfo& b, Bytes payload, std::span<std::uint8_t> out);

}  // namespace iotguard::unpack::upx
