// SPDX-License-Identifier: GPL-2.0-or-later
// tar, cpio and zip archives and gzip, xz, lzma and bzip2 streams through
// libarchive, read from memory. libarchive only reads and decodes here; every
// entry is written by the TreeWriter, never by archive_write_disk.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/byte_view.h"
#include "core/result.h"
#include "unpack/containment/tree_writer.h"

namespace iotguard::unpack::archive {

// Which formats a candidate may be: a compressed stream may hold an archive
// (cpio.gz) or plain data (raw: a compressed kernel or filesystem image).
enum class Kind { compressed, tar, cpio, zip };

struct ArchiveResult {
  std::string format;                // "tar", "cpio", "zip" or "raw"
  std::vector<std::string> filters;  // decompressors, innermost first (cpio.gz.bz2: gzip,bzip2)
  std::uint64_t consumed = 0;        // input bytes read (0 when unknown)
  std::uint64_t entries = 0;
  bool raw = false;   // a bare compressed stream, written as kRawPayloadName
  std::string error;  // set when the archive broke off after some entries
};

inline constexpr const char* kRawPayloadName = "payload";

// Error when the bytes are not of the kind at all (nothing was written).
Result<ArchiveResult> extract(Bytes data, Kind kind, TreeWriter& out);

// The decompressors libarchive has built in (never an external program).
std::vector<std::string> builtin_filters();

}  // namespace iotguard::unpack::archive
