// SPDX-License-Identifier: GPL-2.0-or-later
// Hard limits on firmware extraction (docs/firmware.md, "Containment"). Every
// layer and every entry is charged against them; reaching one stops the layer
// (ratio) or the whole extraction (size, files, time), with a finding.
#pragma once

#include <atomic>
#include <cstdint>

namespace iotguard::unpack {

struct ExtractLimits {
  std::uint64_t max_total_bytes = UINT64_C(1) << 30;  // bytes written to disk, all layers
  std::uint64_t max_files = 100'000;                  // entries created (files, dirs, links)
  unsigned max_depth = 6;                             // nested layers, e.g. trx > gzip > cpio is 3
  std::uint64_t max_ratio = 100;  // output bytes per input byte, per layer and overall
  std::uint64_t ratio_slack = UINT64_C(1) << 20;  // bytes allowed before the ratio applies
  unsigned max_path_components = 64;              // directory depth inside one layer
  std::uint64_t max_candidates = 4096;            // carve candidates tried, whole image
  double max_seconds = 600.0;                     // wall-clock time for the whole extraction
  // Set from a signal handler to stop early; the result is then partial.
  const std::atomic<bool>* cancel = nullptr;
};

}  // namespace iotguard::unpack
