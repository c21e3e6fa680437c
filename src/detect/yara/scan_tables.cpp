// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/yara/scan_tables.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>

// libyara last: its macros must not reach the C++ headers above.
#include <yara.h>

namespace iotguard::detect {

namespace {
constexpr std::size_t kPage = 4096;
}

// Why: libyara's loop does one dependent load from this table per scanned
// byte, so where the table sits in the cache matters. Rules loaded from a
// saved set (the cache, and the in-memory compaction) get it as an
// exact-size chunk wherever the heap had room after the compile, next to
// whatever the heap hands out later; the scan then took 3.5-4 % more CPU
// than with the same table alone on its own pages (bench/RESULTS.md,
// interleaved runs). Moving the state-match table as well gained nothing.
std::unique_ptr<ScanTables> ScanTables::isolate(YR_RULES* rules) {
  if (rules == nullptr || rules->arena == nullptr) return nullptr;
  const YR_ARENA_BUFFER& tt = rules->arena->buffers[YR_AC_TRANSITION_TABLE];
  // Only when the table is where this libyara version keeps it.
  if (tt.data == nullptr || tt.used == 0 ||
      reinterpret_cast<std::uint8_t*>(rules->ac_transition_table) != tt.data)
    return nullptr;
  const std::size_t size = (tt.used + kPage - 1) / kPage * kPage;
  void* block = std::aligned_alloc(kPage, size);
  if (block == nullptr) return nullptr;
  std::memcpy(block, tt.data, tt.used);
  std::memset(static_cast<std::uint8_t*>(block) + tt.used, 0, size - tt.used);
  rules->ac_transition_table = static_cast<YR_AC_TRANSITION*>(block);
  return std::unique_ptr<ScanTables>(new ScanTables(block, size));
}

ScanTables::~ScanTables() { std::free(block_); }

}  // namespace iotguard::detect
