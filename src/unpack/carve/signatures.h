// SPDX-License-Identifier: GPL-2.0-or-later
// Finds filesystems, archives and compressed streams at any offset of a raw
// image, as a carver does. Each magic is checked cheaply (header fields,
// checksums) before anything is extracted from it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/byte_view.h"

namespace iotguard::unpack::carve {

enum class Format {
  squashfs,         // SquashFS 4.0 little-endian: extracted with libsquashfs
  squashfs_legacy,  // big-endian or pre-4.0 SquashFS: recognised, not extracted
  uimage,
  trx,
  gzip,
  xz,
  lzma,
  bzip2,
  cpio,
  tar,
  zip,
};

std::string_view format_name(Format f);

struct Candidate {
  Format format = Format::gzip;
  std::uint64_t offset = 0;
  std::uint64_t length = 0;  // bytes covered when the header says so, else 0
  std::string detail;        // e.g. the SquashFS compressor
};

// The first plausible candidate at or after `from`, or nothing.
std::optional<Candidate> next_candidate(const ByteView& data, std::uint64_t from);

// The candidate exactly at offset, if any (used for the fuzz target and tests).
std::optional<Candidate> candidate_at(const ByteView& data, std::uint64_t offset);

}  // namespace iotguard::unpack::carve
