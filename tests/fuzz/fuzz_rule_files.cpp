// SPDX-License-Identifier: GPL-2.0-or-later
// What iotguard reads itself from rule files before libyara compiles them
// (words outside comments and strings: externals, `include`, rule names; the
// magic tests in conditions; the literals each rule needs) and the hash
// lists it loads (our TSV, ClamAV .hdb/.hsb). The literal filter is also
// checked against a plain search: a literal it misses would lose matches.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <sstream>
#include <string>

#include "detect/hashes/hash_list.h"
#include "detect/yara/externals.h"
#include "detect/yara/literal_filter.h"
#include "detect/yara/rule_literals.h"
#include "detect/yara/rule_sources.h"
#include "detect/yara/rule_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  using namespace iotguard::detect;
  (void)yara::externals_read(text);
  const yara::Source source{"fuzz.yar", text, "fuzz"};
  (void)source.may_include();
  (void)source.compiled();
  (void)source.defines_rule(text.substr(0, text.size() / 8));
  (void)yara::file_type({data, size});
  (void)yara::file_target(text);
  (void)yara::condition_target(text);
  (void)yara::file_literals(text);
  (void)yara::string_literals(text, {"wide", "ascii"});
  (void)yara::string_literals(text, {"xor(1-3)"});
  (void)yara::string_literals(text, {"base64", "base64wide"});

  // Literals cut from the input's first bytes, searched for in the rest.
  if (size > 8) {
    const std::size_t n = data[0] % 5;
    std::vector<yara::Literal> lits;
    std::size_t at = 1;
    for (std::size_t i = 0; i < n && at + 4 <= size; ++i) {
      const std::size_t len = 4 + data[at] % 13;
      if (at + len > size) break;
      lits.push_back(
          {std::string(reinterpret_cast<const char*>(data) + at, len), (data[at] & 1) != 0});
      at += len;
    }
    const yara::LiteralFilter filter(lits);
    const std::span<const std::uint8_t> hay(data + at, size - at);
    bool naive = false;
    for (const auto& l : lits)
      for (std::size_t i = 0; !naive && i + l.bytes.size() <= hay.size(); ++i) {
        bool eq = true;
        for (std::size_t k = 0; eq && k < l.bytes.size(); ++k) {
          auto a = hay[i + k];
          auto b = static_cast<std::uint8_t>(l.bytes[k]);
          if (l.nocase) {
            a = static_cast<std::uint8_t>(a >= 'A' && a <= 'Z' ? a + 32 : a);
            b = static_cast<std::uint8_t>(b >= 'A' && b <= 'Z' ? b + 32 : b);
          }
          eq = a == b;
        }
        naive = eq;
      }
    if (filter.any_in(hay) != naive) std::abort();
  }
  for (bool clamav : {false, true}) {
    std::istringstream in(text);
    (void)read_hash_list(in, "fuzz", clamav);
  }
  return 0;
}
