// SPDX-License-Identifier: GPL-2.0-or-later
// Where a zip archive that starts at offset 0 ends: its end-of-central-
// directory record (PKWARE APPNOTE 4.3.16). Unix modes and symlinks live only
// in the central directory, so a carved zip is cut to this length and read
// with libarchive's seekable zip reader.
#pragma once

#include <cstdint>
#include <optional>

#include "core/byte_view.h"

namespace iotguard::unpack::archive {

// Length of the zip (through its EOCD record and comment), or nothing when no
// consistent EOCD is found (then only the streaming reader can be used).
std::optional<std::uint64_t> zip_extent(Bytes data);

}  // namespace iotguard::unpack::archive
