// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/entropy.h"

#include <array>
#include <cmath>

namespace iotguard {

double shannon_entropy(Bytes bytes) {
  if (bytes.empty()) return 0.0;
  std::array<std::uint64_t, 256> counts{};
  for (std::uint8_t b : bytes) ++counts[b];
  const double n = static_cast<double>(bytes.size());
  double h = 0.0;
  for (std::uint64_t c : counts) {
    if (c == 0) continue;
    const double p = static_cast<double>(c) / n;
    h -= p * std::log2(p);
  }
  return h;
}

}  // namespace iotguard
