// SPDX-License-Identifier: GPL-2.0-or-later
#include "unpack/containment/budget.h"

#include <algorithm>

#include <fmt/format.h>

namespace iotguard::unpack {

Budget::Budget(const ExtractLimits& limits, std::uint64_t image_size)
    : limits_(limits), image_size_(image_size), start_(std::chrono::steady_clock::now()) {}

bool Budget::ratio_allows(std::uint64_t written, std::uint64_t input) const {
  // Saturating: max_ratio * input must not wrap for huge inputs.
  const std::uint64_t cap = input > (UINT64_MAX - limits_.ratio_slack) / (limits_.max_ratio + 1)
                                ? UINT64_MAX
                                : input * limits_.max_ratio + limits_.ratio_slack;
  return written <= cap;
}

bool Budget::charge_file() {
  if (exhausted()) return false;
  if (files_ >= limits_.max_files) {
    reason_ = fmt::format("max_files ({}) reached", limits_.max_files);
    return false;
  }
  ++files_;
  return true;
}

bool Budget::charge_bytes(std::uint64_t n, std::uint64_t layer_written, std::uint64_t layer_input) {
  if (exhausted()) return false;
  if (n > limits_.max_total_bytes - std::min(bytes_, limits_.max_total_bytes)) {
    reason_ = fmt::format("max_total_bytes ({}) reached", limits_.max_total_bytes);
    return false;
  }
  if (!ratio_allows(bytes_ + n, image_size_)) {
    reason_ = fmt::format("overall compression ratio above {}:1", limits_.max_ratio);
    return false;
  }
  if (!ratio_allows(layer_written, layer_input)) {
    layer_reason_ = fmt::format("layer compression ratio above {}:1 ({} bytes from {})",
                                limits_.max_ratio, layer_written, layer_input);
    return false;
  }
  bytes_ += n;
  return true;
}

bool Budget::time_left() {
  if (exhausted()) return false;
  if (limits_.cancel != nullptr && limits_.cancel->load(std::memory_order_relaxed)) {
    cancelled_ = true;
    reason_ = "interrupted";
    return false;
  }
  const std::chrono::duration<double> used = std::chrono::steady_clock::now() - start_;
  if (used.count() > limits_.max_seconds) {
    reason_ = fmt::format("max_seconds ({}) reached", limits_.max_seconds);
    return false;
  }
  return true;
}

}  // namespace iotguard::unpack
