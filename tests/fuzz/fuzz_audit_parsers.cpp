// SPDX-License-Identifier: GPL-2.0-or-later
// The audit's parsers of untrusted text: /proc/net tables, credential and
// vulnerable-version TSVs, version strings found in binaries.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "audit/credentials.h"
#include "audit/procfs.h"
#include "audit/versions.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  using namespace iotguard::audit;
  (void)parse_net_table(s, "tcp6");
  (void)parse_credentials(s);
  for (const auto& r : parse_vulnerable_table(s)) (void)in_range(version_after(s, "v"), r.affected);
  const auto half = s.size() / 2;
  (void)compare_versions(s.substr(0, half), s.substr(half));
  (void)upstream_version(s);
  return 0;
}
