// SPDX-License-Identifier: GPL-2.0-or-later
// A bound on how many bytes of file content the workers hold mapped at once.
// Every page of a mapped file that YARA reads counts towards the process's
// resident set, so on a device with little RAM (or a tree of large libraries)
// the number of threads alone does not bound memory. Requests are served in
// arrival order, so a large file is not starved by a stream of small ones; a
// file larger than the whole budget waits until it can have it alone.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace iotguard::scan {

class ByteBudget {
 public:
  explicit ByteBudget(std::uint64_t capacity) : capacity_(std::max<std::uint64_t>(capacity, 1)) {}

  // Holds its share of the budget for as long as it lives.
  class Lease {
   public:
    Lease(ByteBudget& b, std::uint64_t bytes) : budget_(b), bytes_(b.acquire(bytes)) {}
    ~Lease() { budget_.release(bytes_); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

   private:
    ByteBudget& budget_;
    std::uint64_t bytes_;
  };

 private:
  std::uint64_t acquire(std::uint64_t bytes) {
    bytes = std::min(bytes, capacity_);
    std::unique_lock lock(mu_);
    const std::uint64_t ticket = next_ticket_++;
    cv_.wait(lock, [&] { return ticket == serving_ && used_ + bytes <= capacity_; });
    ++serving_;
    used_ += bytes;
    cv_.notify_all();  // the next ticket may fit too
    return bytes;
  }
  void release(std::uint64_t bytes) {
    {
      std::lock_guard lock(mu_);
      used_ -= bytes;
    }
    cv_.notify_all();
  }

  const std::uint64_t capacity_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::uint64_t used_ = 0, next_ticket_ = 0, serving_ = 0;
};

}  // namespace iotguard::scan
