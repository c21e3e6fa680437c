// SPDX-License-Identifier: GPL-2.0-or-later
// SquashFS 4.0 (little-endian) through libsquashfs, read from memory: walks
// the directory tree with bounded depth and hands every entry to the
// TreeWriter.
#pragma once

#include <cstdint>
#include <string>

#include "core/byte_view.h"
#include "core/result.h"
#include "unpack/containment/tree_writer.h"

namespace iotguard::unpack::squashfs {

struct SquashfsResult {
  std::string compressor;  // "gzip", "xz", "lzma", "lz4", "zstd", "lzo"
  std::uint64_t bytes_used = 0;
  std::uint64_t inodes = 0;
  std::string error;  // set when the walk broke off part way
};

struct SquashfsError {
  std::string message;
  bool unsupported = false;  // a valid superblock with a compressor not built in
  std::string compressor;
};

// Errors carry SquashfsError's message; why->unsupported tells them apart.
// max_subdirs bounds the directory inodes held per directory (use max_files).
Result<SquashfsResult> extract(Bytes data, TreeWriter& out, std::size_t max_subdirs,
                               SquashfsError* why = nullptr);

// Compressor name for a superblock compression id ("unknown-N" otherwise).
std::string compressor_name(unsigned id);

}  // namespace iotguard::unpack::squashfs
