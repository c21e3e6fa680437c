// SPDX-License-Identifier: GPL-2.0-or-later
// A one-line progress display on a terminal (stderr): count, throughput, ETA.
// Absent when stderr is not a terminal, so logs and pipes stay clean.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace iotguard {

class Progress {
 public:
  Progress(std::string what, std::uint64_t total_items, std::uint64_t total_bytes, bool enabled);
  ~Progress();
  // Redraws at most a few times a second.
  void update(std::uint64_t items, std::uint64_t bytes);
  // Erases the line so other output can be printed cleanly.
  void clear();

 private:
  std::string what_;
  std::uint64_t total_items_, total_bytes_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace iotguard
