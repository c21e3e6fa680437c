// SPDX-License-Identifier: GPL-2.0-or-later
// Printable strings of a byte range, as `strings` finds them: ASCII runs and
// UTF-16LE runs (narrowed). Both the goodware index and the learner use these
// same definitions, so "a candidate is inside a goodware string" is decidable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

#include "core/byte_view.h"

namespace iotguard::signatures::learn {

// The printable set: what YARA text strings of learned rules may hold.
constexpr bool is_printable(std::uint8_t c) { return (c >= 0x20 && c <= 0x7e) || c == '\t'; }

enum class StringForm : std::uint8_t { ascii, wide };

// Calls emit(text, offset, form) for every maximal printable run of at least
// min_len characters. Wide runs are narrowed into a buffer the callback may
// only read during the call.
void for_each_string(Bytes bytes, std::size_t min_len,
                     const std::function<void(std::string_view, std::size_t, StringForm)>& emit);

}  // namespace iotguard::signatures::learn
