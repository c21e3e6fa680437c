// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/progress.h"

#include <fmt/format.h>

namespace iotguard {

Progress::Progress(std::string what, std::uint64_t total_items, std::uint64_t total_bytes,
                   bool enabled)
    : what_(std::move(what)),
      total_items_(total_items),
      total_bytes_(total_bytes),
      enabled_(enabled),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

Progress::~Progress() { clear(); }

void Progress::update(std::uint64_t items, std::uint64_t bytes) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  const double secs = std::chrono::duration<double>(now - start_).count();
  const double mbps = secs > 0 ? static_cast<double>(bytes) / 1e6 / secs : 0.0;
  std::string eta = "--:--";
  if (bytes > 0 && total_bytes_ > bytes && secs > 0.5) {
    const auto left = static_cast<long>(secs * static_cast<double>(total_bytes_ - bytes) /
                                        static_cast<double>(bytes));
    eta = fmt::format("{}:{:02}", left / 60, left % 60);
  }
  std::fputs(fmt::format("\r\033[K{} {}/{} files, {:.1f}/{:.1f} MB, {:.1f} MB/s, ETA {}", what_,
                         items, total_items_, static_cast<double>(bytes) / 1e6,
                         static_cast<double>(total_bytes_) / 1e6, mbps, eta)
                 .c_str(),
             stderr);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::clear() {
  if (!enabled_ || !drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace iotguard
