// SPDX-License-Identifier: GPL-2.0-or-later
// A fixed-capacity hash table with least-recently-used eviction, for the
// per-host and per-flow state. Entries live in one vector reserved up front
// (pages are touched only as entries are used); the index is open addressing
// with linear probing and backward-shift deletion. After construction, no
// lookup, insert or eviction allocates.
#pragma once

#include <cstdint>
#include <vector>

namespace iotguard::sense {

template <class Key, class Value, class Hash>
class LruTable {
 public:
  explicit LruTable(std::size_t capacity) : cap_(capacity < 1 ? 1 : capacity) {
    std::size_t n = 16;
    while (n < cap_ * 2) n <<= 1;
    index_.assign(n, kEmpty);
    mask_ = n - 1;
    nodes_.reserve(cap_);
  }

  // The value for key, marked most recently used; nullptr when absent.
  Value* find(const Key& key) {
    const std::size_t h = mix(Hash{}(key));
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const std::int32_t n = index_[i];
      if (n == kEmpty) return nullptr;
      if (nodes_[n].hash == h && nodes_[n].key == key) {
        touch(n);
        return &nodes_[n].value;
      }
    }
  }

  // The value for key, created (value-initialised) when absent. When the table
  // is full the least recently used entry is dropped first.
  Value& get(const Key& key, bool* created = nullptr) {
    if (Value* v = find(key)) {
      if (created) *created = false;
      return *v;
    }
    if (created) *created = true;
    std::int32_t n;
    if (nodes_.size() < cap_) {
      n = static_cast<std::int32_t>(nodes_.size());
      nodes_.emplace_back();
    } else {
      n = tail_;
      unlink(n);
      erase_index(n);
      ++evictions_;
      nodes_[n].value = Value{};
      --size_;
    }
    Node& node = nodes_[n];
    node.key = key;
    node.hash = mix(Hash{}(key));
    std::size_t i = node.hash & mask_;
    while (index_[i] != kEmpty) i = (i + 1) & mask_;
    index_[i] = n;
    push_front(n);
    ++size_;
    return node.value;
  }

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] std::size_t capacity() const { return cap_; }
  [[nodiscard]] std::uint64_t evictions() const { return evictions_; }

  // Visits every live entry (most recent first).
  template <class F>
  void for_each(F&& f) {
    for (std::int32_t n = head_; n != kEmpty; n = nodes_[n].next) f(nodes_[n].key, nodes_[n].value);
  }

 private:
  static constexpr std::int32_t kEmpty = -1;
  struct Node {
    Key key{};
    Value value{};
    std::size_t hash = 0;
    std::int32_t prev = kEmpty, next = kEmpty;
  };

  static std::size_t mix(std::size_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
  }

  void unlink(std::int32_t n) {
    Node& x = nodes_[n];
    if (x.prev != kEmpty)
      nodes_[x.prev].next = x.next;
    else
      head_ = x.next;
    if (x.next != kEmpty)
      nodes_[x.next].prev = x.prev;
    else
      tail_ = x.prev;
    x.prev = x.next = kEmpty;
  }
  void push_front(std::int32_t n) {
    nodes_[n].prev = kEmpty;
    nodes_[n].next = head_;
    if (head_ != kEmpty) nodes_[head_].prev = n;
    head_ = n;
    if (tail_ == kEmpty) tail_ = n;
  }
  void touch(std::int32_t n) {
    if (head_ == n) return;
    unlink(n);
    push_front(n);
  }
  // Backward-shift deletion keeps every probe chain unbroken without tombstones.
  void erase_index(std::int32_t n) {
    std::size_t i = nodes_[n].hash & mask_;
    while (index_[i] != n) i = (i + 1) & mask_;
    for (std::size_t j = i;;) {
      j = (j + 1) & mask_;
      if (index_[j] == kEmpty) break;
      const std::size_t k = nodes_[index_[j]].hash & mask_;
      const bool stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
      if (!stays) {
        index_[i] = index_[j];
        i = j;
      }
    }
    index_[i] = kEmpty;
  }

  std::size_t cap_;
  std::size_t mask_ = 0;
  std::vector<std::int32_t> index_;
  std::vector<Node> nodes_;
  std::int32_t head_ = kEmpty, tail_ = kEmpty;
  std::size_t size_ = 0;
  std::uint64_t evictions_ = 0;
};

}  // namespace iotguard::sense
