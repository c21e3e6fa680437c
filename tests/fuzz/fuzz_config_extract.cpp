// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes the config decoders that read attacker-built bytes: the Mirai string
// table key search and entry reader, and the Mozi config decoder.
#include <cstddef>
#include <cstdint>

#include "detect/extract/mirai_table.h"
#include "detect/extract/mozi_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace iotguard::detect;
  const iotguard::Bytes bytes{data, size};
  // A small dictionary so the credential pairing path runs too.
  static const CredentialSet creds = make_credential_set(
      {{"root", "xc3511", 1, "fuzz"}, {"admin", "admin", 1, "fuzz"}, {"root", "vizxv", 1, "fuzz"}});
  MiraiKeySearch opt;
  opt.min_known = 1;  // accept weak keys so the entry reader sees more inputs
  if (auto c = extract_mirai(bytes, &creds, opt)) (void)to_json(*c).dump();
  if (auto m = extract_mozi(bytes)) (void)to_json(*m).dump();
  return 0;
}
