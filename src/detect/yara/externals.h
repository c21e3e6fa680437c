// SPDX-License-Identifier: GPL-2.0-or-later
// The external variables every rule set can read. filename, filepath,
// extension, filetype and owner are the ones LOKI and THOR define, so rule
// sets written for those tools (signature-base among them) compile here as
// they are; elf_machine is ours. Free of <yara.h>.
#pragma once

#include <sys/types.h>

#include <array>
#include <set>
#include <string>
#include <string_view>

#include "core/byte_view.h"

namespace iotguard::detect::yara {

inline constexpr std::array<std::string_view, 6> kExternals = {
    "filename", "filepath", "extension", "filetype", "owner", "elf_machine"};

// Whether the external's value depends on where the object lies (its name,
// path, owner) rather than on its bytes. Objects with equal bytes can then
// differ in verdict, which turns off content dedupe (scan/scanner.cpp).
bool depends_on_path(std::string_view external);

// The externals that rule text reads: identifiers from kExternals outside
// comments, strings, meta sections and $/#/@/! references. A regular
// expression that spells one only costs the dedupe.
std::set<std::string, std::less<>> externals_read(std::string_view rule_text);

// The object's type by its magic bytes, named as LOKI names it ("ELF", "EXE",
// "MACH-O", "UNIX SCRIPT", "Script", "PHP", "ZIP", ...); "UNKNOWN" otherwise.
std::string_view file_type(Bytes bytes);

// The name of the user owning uid on this system, or the number when it has
// none. Cached: a name service lookup per object would cost more than a scan.
std::string owner_name(uid_t uid);

}  // namespace iotguard::detect::yara
