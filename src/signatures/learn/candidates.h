// SPDX-License-Identifier: GPL-2.0-or-later
// Candidate strings of one sample: the printable text a rule may key on
// (plaintext ASCII, UTF-16LE, and XOR-hidden text), with what the goodware
// index already holds left out.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/byte_view.h"
#include "signatures/learn/goodware_index.h"
#include "signatures/learn/xor_strings.h"

namespace iotguard::signatures::learn {

enum class CandidateKind : std::uint8_t { ascii, wide, xor1, xor4 };

struct Candidate {
  CandidateKind kind = CandidateKind::ascii;
  std::string text;                   // plaintext
  std::array<std::uint8_t, 4> key{};  // xor4: the key from the text's first byte

  bool operator==(const Candidate&) const = default;
  // The identity used for counting: one string, whatever the single-byte
  // key (so forks that re-key their table still share it).
  [[nodiscard]] std::string identity() const;
};

struct CandidateOptions {
  std::size_t min_len = 8;
  std::size_t max_len = 128;  // longer text is cut to its first max_len characters
  std::size_t max_per_sample = 20000;
  XorOptions xor_options;
  // Text a reviewer turned down (learn/rejected.txt): a candidate holding
  // any of these is never used.
  std::vector<std::string> rejected;
};

// Is this plaintext worth a rule at all (not padding, not a number)?
bool worth_keying(std::string_view s);

// Every distinct candidate of the layers; goodware may be null (nothing dropped).
std::vector<Candidate> extract_candidates(const std::vector<Bytes>& layers,
                                          const GoodwareIndex* goodware,
                                          const CandidateOptions& options);

}  // namespace iotguard::signatures::learn
