// SPDX-License-Identifier: GPL-2.0-or-later
// Versions of the components worms exploit (busybox, dropbear, openssl,
// dnsmasq, the kernel), found without running anything: package databases
// first, then version strings inside the binaries; and the shipped table of
// known-vulnerable ranges (signatures/vulnerable-versions.tsv).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace iotguard::audit {

class Context;

// <0, 0, >0 like strcmp; numeric runs compare as numbers, letter runs as text,
// and a missing part sorts first ("1.0.1" < "1.0.1a" < "1.0.1f" < "1.0.2").
int compare_versions(std::string_view a, std::string_view b);

struct VulnerableRange {
  std::string component;
  std::string affected;  // "<2016.74", ">=1.0.1,<=1.0.1f": every constraint must hold
  std::string cve;
  std::string note;
};

std::vector<VulnerableRange> parse_vulnerable_table(std::string_view text);
bool in_range(std::string_view version, std::string_view affected);

struct ComponentVersion {
  std::string component;  // busybox, dropbear, openssl, dnsmasq, kernel
  std::string version;    // upstream part only ("1.35.0", "2016.74", "1.0.1f", "5.10.0")
  std::string source;     // the file it came from
  std::string method;     // package-db, binary-string, osrelease, modules-dir
};

// The upstream version inside a packaging version: "1:1.35.0-4+deb12u1" -> "1.35.0".
std::string upstream_version(std::string_view packaged);
// "BusyBox v1.35.0 (...)" style: the version after the first occurrence of prefix.
std::string version_after(std::string_view haystack, std::string_view prefix);

std::vector<ComponentVersion> detect_versions(Context& ctx);

}  // namespace iotguard::audit
