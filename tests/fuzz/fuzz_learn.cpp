// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes what `db learn` and `db goodware` read from untrusted bytes: string
// and hidden-table extraction over a sample (ELF sections included), and the
// goodware index file's header checks and lookups.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "signatures/learn/candidates.h"
#include "signatures/learn/goodware_index.h"
#include "signatures/learn/rule_writer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace iotguard::signatures::learn;
  const iotguard::Bytes bytes{data, size};
  CandidateOptions o;
  o.xor_options.cribs = {"/proc/net/tcp", "TSource Engine Query", "/bin/busybox"};
  o.xor_options.min_entries = 1;  // accept weak tables so the decoders see more inputs
  std::size_t total = 0;
  for (const auto& c : extract_candidates({bytes}, nullptr, o)) {
    RuleSpec r;
    r.name = yara_identifier(c.text);
    r.strings = {c};
    total += write_rule(r).size();
  }
  // The same bytes as an index file: load must refuse or answer, never read out of bounds.
  static const std::string path = "/tmp/fuzz_learn_index." + std::to_string(::getpid());
  if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
    if (auto idx = GoodwareIndex::load(path)) {
      total += idx->may_contain("/bin/busybox") + idx->may_contain("short");
    }
  }
  return total == SIZE_MAX;
}
