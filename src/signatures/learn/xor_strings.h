// SPDX-License-Identifier: GPL-2.0-or-later
// Strings hidden by XOR, as Mirai and its forks keep their tables (the
// 4-byte table key 0xdeadbeef XORs each byte with all four key bytes: one
// single-byte key, 0x22). Two searches, both without running anything:
//  - structure: for every key 0x01-0xff, an encoded entry is a run of bytes
//    that decode to printable text, then the key itself (the encoded NUL),
//    then a real NUL (the compiler's terminator of the literal);
//  - known plaintext: cribs (pattern file, learn/cribs.txt) are searched by
//    the XOR of bytes four apart, which no 1- or 4-byte repeating key
//    changes; a hit gives the key, and the text around it is decoded with
//    each of the key's four rotations.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/byte_view.h"
#include "core/result.h"

namespace iotguard::signatures::learn {

struct XorString {
  std::string text;                   // decoded, printable
  std::array<std::uint8_t, 4> key{};  // key bytes from the string's first byte on
  bool single_byte = true;            // key[0..3] equal: YARA's xor modifier expresses it
  std::uint64_t offset = 0;
};

struct XorOptions {
  std::size_t min_len = 8;
  // A structural key must decode at least this many entries of one file:
  // one run that happens to decode is noise, a table is many.
  std::size_t min_entries = 3;
  std::size_t max_strings = 4096;  // per file
  std::vector<std::string> cribs;  // known plaintexts, >= 8 bytes each
};

// Does it hold a word ("word", "Word", "WORDS")? Code bytes and scrambled
// text rarely do.
bool has_word(std::string_view s);

// Does a decoded run look like text a program would hide (not noise)?
bool looks_like_text(std::string_view s);

std::vector<XorString> find_xor_strings(Bytes bytes, const XorOptions& options);

}  // namespace iotguard::signatures::learn

namespace iotguard::signatures::learn {

// One string per line ('#' comments; lines under min_len bytes are
// skipped): the cribs (min_len 8) and a reviewer's rejected strings (1).
Result<std::vector<std::string>> load_lines(const std::filesystem::path& file,
                                            std::size_t min_len = 8);

}  // namespace iotguard::signatures::learn
