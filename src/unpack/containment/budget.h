// SPDX-License-Identifier: GPL-2.0-or-later
// Accounting against ExtractLimits, shared by every layer of one extraction.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>

#include "unpack/limits.h"

namespace iotguard::unpack {

class Budget {
 public:
  Budget(const ExtractLimits& limits, std::uint64_t image_size);

  // Charges one created entry; false (and exhausted()) once over max_files.
  bool charge_file();
  // Charges n bytes written for a layer whose input was layer_input bytes and
  // which has written layer_written bytes so far (n included). False when a
  // limit is reached: the total, the time, the overall ratio (all stop), or the
  // layer's ratio (only that layer stops; see layer_stop_reason()).
  bool charge_bytes(std::uint64_t n, std::uint64_t layer_written, std::uint64_t layer_input);
  // Time and cancellation; false once either has run out.
  bool time_left();

  [[nodiscard]] bool exhausted() const { return !reason_.empty(); }
  [[nodiscard]] const std::string& reason() const { return reason_; }  // which global limit
  [[nodiscard]] bool cancelled() const { return cancelled_; }
  [[nodiscard]] std::string take_layer_stop_reason() { return std::exchange(layer_reason_, {}); }
  [[nodiscard]] std::uint64_t files() const { return files_; }
  [[nodiscard]] std::uint64_t bytes() const { return bytes_; }
  [[nodiscard]] const ExtractLimits& limits() const { return limits_; }
  // True when a layer with this input may write this much more (ratio check only).
  [[nodiscard]] bool ratio_allows(std::uint64_t written, std::uint64_t input) const;

 private:
  ExtractLimits limits_;
  std::uint64_t image_size_;
  std::chrono::steady_clock::time_point start_;
  std::uint64_t files_ = 0;
  std::uint64_t bytes_ = 0;
  std::string reason_;
  std::string layer_reason_;
  bool cancelled_ = false;
};

}  // namespace iotguard::unpack
