// SPDX-License-Identifier: GPL-2.0-or-later
#include "signatures/learn/strings.h"

#include <string>

namespace iotguard::signatures::learn {

void for_each_string(Bytes bytes, std::size_t min_len,
                     const std::function<void(std::string_view, std::size_t, StringForm)>& emit) {
  const std::size_t n = bytes.size();
  const auto* p = bytes.data();
  // ASCII runs.
  std::size_t start = 0;
  for (std::size_t i = 0; i <= n; ++i) {
    if (i < n && is_printable(p[i])) continue;
    if (i - start >= min_len)
      emit(std::string_view(reinterpret_cast<const char*>(p + start), i - start), start,
           StringForm::ascii);
    start = i + 1;
  }
  // UTF-16LE runs: printable low byte, zero high byte, at either alignment.
  std::string narrow;
  for (std::size_t align = 0; align < 2; ++align) {
    narrow.clear();
    std::size_t run_start = align;
    for (std::size_t i = align;; i += 2) {
      const bool ok = i + 1 < n && is_printable(p[i]) && p[i + 1] == 0;
      if (ok) {
        if (narrow.empty()) run_start = i;
        narrow.push_back(static_cast<char>(p[i]));
        continue;
      }
      if (narrow.size() >= min_len) emit(narrow, run_start, StringForm::wide);
      narrow.clear();
      if (i + 1 >= n) break;
    }
  }
}

}  // namespace iotguard::signatures::learn
