// SPDX-License-Identifier: GPL-2.0-or-later
// The workers' job queue, bounded by how many bytes of file content they hold
// mapped at once. Every page of a mapped file that YARA reads counts towards
// the process's resident set, so on a device with little RAM (or a tree of
// large libraries) the number of threads alone does not bound memory.
//
// A job that does not fit the budget right now is passed over by smaller jobs
// that do, so the other cores keep working while it waits. Once jobs worth
// max_bypass bytes have passed it, everyone waits for it (no starvation). A
// file larger than the whole budget runs alone.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

namespace iotguard::scan {

class JobQueue {
 public:
  struct Job {
    std::size_t index = 0;
    std::uint64_t bytes = 0;  // its charge against the budget
  };

  JobQueue(std::uint64_t budget, std::uint64_t max_bypass)
      : capacity_(std::max<std::uint64_t>(budget, 1)), max_bypass_(max_bypass) {}

  void push(std::size_t index, std::uint64_t bytes) {
    {
      std::lock_guard lock(mu_);
      jobs_.push_back({index, std::min(bytes, capacity_)});
    }
    cv_.notify_one();
  }

  // Blocks until a job may start; its bytes are charged until finish(job).
  // Nothing once the queue is closed and empty.
  std::optional<Job> pop() {
    std::unique_lock lock(mu_);
    std::optional<Job> job;
    cv_.wait(lock, [&] { return (job = take()).has_value() || (closed_ && jobs_.empty()); });
    if (job) used_ += job->bytes;
    return job;
  }

  void finish(const Job& job) {
    {
      std::lock_guard lock(mu_);
      used_ -= job.bytes;
    }
    cv_.notify_all();
  }

  void close() {
    {
      std::lock_guard lock(mu_);
      closed_ = true;
    }
    cv_.notify_all();
  }

  // For tests: bytes charged right now.
  std::uint64_t used() {
    std::lock_guard lock(mu_);
    return used_;
  }

 private:
  [[nodiscard]] bool fits(const Job& j) const { return used_ == 0 || used_ + j.bytes <= capacity_; }

  // Called with mu_ held.
  std::optional<Job> take() {
    if (jobs_.empty()) return std::nullopt;
    if (fits(jobs_.front())) {
      bypassed_ = 0;
      Job j = jobs_.front();
      jobs_.pop_front();
      return j;
    }
    if (bypassed_ >= max_bypass_) return std::nullopt;
    for (auto it = jobs_.begin() + 1; it != jobs_.end(); ++it) {
      if (!fits(*it)) continue;
      // A small file still costs an open and a map: at least a page.
      bypassed_ += std::max<std::uint64_t>(it->bytes, 4096);
      Job j = *it;
      jobs_.erase(it);
      return j;
    }
    return std::nullopt;
  }

  const std::uint64_t capacity_;
  const std::uint64_t max_bypass_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> jobs_;
  std::uint64_t used_ = 0;
  std::uint64_t bypassed_ = 0;  // bytes of jobs that passed the current head
  bool closed_ = false;
};

}  // namespace iotguard::scan
