// SPDX-License-Identifier: GPL-2.0-or-later
// The audit's parsers of untrusted text: /proc/net tables, the credential
// dictionary and vulnerable-version TSVs, version strings found in binaries; and of the
// kernel's firewall rules (x_tables blobs, nftables netlink dumps).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "audit/credentials.h"
#include "audit/firewall_rules.h"
#include "audit/procfs.h"
#include "audit/versions.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  using namespace iotguard::audit;
  (void)parse_net_table(s, "tcp6");
  iotguard::CredentialDictionary dict;
  iotguard::parse_credentials(s, "fuzz.tsv", dict);
  for (const auto& r : parse_vulnerable_table(s)) (void)in_range(version_after(s, "v"), r.affected);
  const auto half = s.size() / 2;
  (void)compare_versions(s.substr(0, half), s.substr(half));
  (void)upstream_version(s);

  // x_tables: the first bytes stand for IPT_SO_GET_INFO's answer (hooks at
  // small offsets so some entries are chain heads and policies).
  const iotguard::Bytes bytes(data, size);
  XtTableInfo info;
  info.name = "filter";
  info.valid_hooks = size > 0 ? data[0] : 0;
  for (std::size_t h = 0; h < 5; ++h) {
    info.hook_entry[h] = size > h + 1 ? data[h + 1] * 8U : 0;
    info.underflow[h] = size > h + 6 ? data[h + 6] * 8U : 0;
  }
  info.num_entries = size > 11 ? data[11] : 0;
  const auto entries = size > 12 ? bytes.subspan(12) : iotguard::Bytes();
  (void)parse_xt_entries(entries, info, XtFamily::ipv4);
  (void)parse_xt_entries(entries, info, XtFamily::ipv6);
  NftDump dump;
  parse_nft_messages(bytes, dump);
  return 0;
}
