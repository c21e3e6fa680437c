// SPDX-License-Identifier: GPL-2.0-or-later
// The Aho-Corasick transition table libyara's scan loop reads for every
// scanned byte, moved to pages of its own (docs/architecture.md, "YARA").
#pragma once

#include <cstddef>
#include <memory>

struct YR_RULES;

namespace iotguard::detect {

// Owns the copy. libyara never frees the pointer it replaces (the arena
// does), so this may go before or after yr_rules_destroy, but after the last
// scan over the rules.
class ScanTables {
 public:
  // Copies the transition table of `rules` to page-aligned memory of its own
  // and points `rules` at the copy. Returns null and leaves `rules` as it was
  // when the table is not where this libyara's arena layout puts it.
  static std::unique_ptr<ScanTables> isolate(YR_RULES* rules);
  ~ScanTables();
  ScanTables(const ScanTables&) = delete;
  ScanTables& operator=(const ScanTables&) = delete;

  [[nodiscard]] const void* data() const { return block_; }
  [[nodiscard]] std::size_t bytes() const { return size_; }

 private:
  ScanTables(void* block, std::size_t size) : block_(block), size_(size) {}
  void* block_;
  std::size_t size_;
};

}  // namespace iotguard::detect
