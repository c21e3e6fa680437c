// SPDX-License-Identifier: GPL-2.0-or-later
// What iotguard reads itself from rule files before libyara compiles them
// (words outside comments and strings: externals, `include`, rule names; the
// magic tests in conditions) and the hash lists it loads (our TSV, ClamAV
// .hdb/.hsb).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "detect/hashes/hash_list.h"
#include "detect/yara/externals.h"
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
  for (bool clamav : {false, true}) {
    std::istringstream in(text);
    (void)read_hash_list(in, "fuzz", clamav);
  }
  return 0;
}
