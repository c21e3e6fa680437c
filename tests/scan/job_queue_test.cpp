// SPDX-License-Identifier: GPL-2.0-or-later
// The workers' byte-budgeted queue: memory bound, small jobs passing a large
// one, the bound on passing, and a job larger than the budget running alone.
#include "scan/job_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>
#include <vector>

namespace iotguard::scan {
namespace {

TEST(JobQueue, SmallJobsPassALargeOneThatDoesNotFitYet) {
  JobQueue q(100, 1000);
  q.push(0, 80);  // runs first
  q.push(1, 60);  // does not fit beside job 0
  q.push(2, 10);
  q.push(3, 15);
  auto a = q.pop();
  ASSERT_TRUE(a);
  EXPECT_EQ(a->index, 0u);
  auto b = q.pop();  // job 1 waits; job 2 fits in the 20 bytes left
  ASSERT_TRUE(b);
  EXPECT_EQ(b->index, 2u);
  EXPECT_EQ(q.used(), 90u);
  q.finish(*a);
  auto c = q.pop();  // the head fits again and goes before job 3
  ASSERT_TRUE(c);
  EXPECT_EQ(c->index, 1u);
  EXPECT_EQ(q.used(), 70u);
}

TEST(JobQueue, ALargeJobIsPassedOnlyUntilTheBypassBoundThenEveryoneWaits) {
  JobQueue q(100, 20);  // at most 20 bytes may pass the head
  q.push(0, 90);
  q.push(1, 50);
  for (std::size_t i = 2; i < 10; ++i) q.push(i, 5);
  auto big = q.pop();
  ASSERT_EQ(big->index, 0u);
  // 5-byte jobs count as a page (4096) each: one bypass exhausts a 20-byte bound.
  auto p = q.pop();
  ASSERT_TRUE(p);
  EXPECT_EQ(p->index, 2u);
  std::atomic<bool> got{false};
  std::thread waiter([&] {
    auto next = q.pop();  // must wait for job 1, not take job 3
    EXPECT_EQ(next->index, 1u);
    got = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(got.load());
  q.finish(*p);
  q.finish(*big);
  waiter.join();
  EXPECT_TRUE(got.load());
}

TEST(JobQueue, AJobLargerThanTheBudgetRunsAlone) {
  JobQueue q(100, 1000);
  q.push(0, 10);
  q.push(1, 500);
  auto a = q.pop();
  EXPECT_EQ(a->index, 0u);
  q.finish(*a);
  auto b = q.pop();
  EXPECT_EQ(b->index, 1u);
  EXPECT_EQ(q.used(), 100u);  // charged the whole budget, no more
  q.push(2, 1);
  std::atomic<bool> got{false};
  std::thread waiter([&] {
    auto c = q.pop();
    EXPECT_EQ(c->index, 2u);
    got = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(got.load());
  q.finish(*b);
  waiter.join();
}

TEST(JobQueue, ConcurrentWorkersNeverHoldMoreThanTheBudget) {
  constexpr std::uint64_t kBudget = 1000;
  JobQueue q(kBudget, 4 * kBudget);
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::uint64_t> size(0, 700);
  constexpr std::size_t kJobs = 2000;
  for (std::size_t i = 0; i < kJobs; ++i) q.push(i, size(rng));
  q.close();
  std::atomic<std::uint64_t> held{0}, peak{0};
  std::atomic<std::size_t> done{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t)
    workers.emplace_back([&] {
      while (auto j = q.pop()) {
        const auto now = held += j->bytes;
        for (auto p = peak.load(); now > p && !peak.compare_exchange_weak(p, now);) {
        }
        std::this_thread::yield();
        held -= j->bytes;
        q.finish(*j);
        ++done;
      }
    });
  for (auto& w : workers) w.join();
  EXPECT_EQ(done.load(), kJobs);  // close() drains, nothing is lost
  EXPECT_LE(peak.load(), kBudget);
  EXPECT_EQ(q.used(), 0u);
}

}  // namespace
}  // namespace iotguard::scan
