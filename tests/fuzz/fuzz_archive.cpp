// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes the whole extraction path (carve, libarchive, libsquashfs, the
// containment layer) from memory into a private temp dir with tiny limits.
#include <cstddef>
#include <cstdint>

#include "unpack/containment/private_dir.h"
#include "unpack/firmware.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace iotguard;
  auto dir = unpack::PrivateDir::create();
  if (!dir) return 0;
  unpack::ExtractLimits lim;
  lim.max_total_bytes = 4U << 20;
  lim.max_files = 200;
  lim.max_depth = 3;
  lim.max_candidates = 64;
  lim.max_seconds = 5;
  (void)unpack::extract_firmware_bytes({data, size}, "fuzz", dir->path() / "t", lim);
  return 0;
}
