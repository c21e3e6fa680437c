// SPDX-License-Identifier: GPL-2.0-or-later
// The firmware extraction API: carve an image for filesystems, archives and
// compressed streams, extract every layer (recursively, bounded) into a tree
// under out_dir, and report the layers and what was refused on the way.
// `iotguard firmware` runs scan and audit --root over that tree.
#pragma once

#include <filesystem>
#include <string>

#include "core/byte_view.h"
#include "core/result.h"
#include "unpack/extract_report.h"
#include "unpack/limits.h"

namespace iotguard::unpack {

// out_dir must not exist (it is created 0700) or be an empty directory.
// An Error means the image could not be read or out_dir not prepared; once
// extraction starts, problems are findings in the report.
Result<ExtractReport> extract_firmware(const std::string& image,
                                       const std::filesystem::path& out_dir,
                                       const ExtractLimits& limits = {},
                                       const ProgressFn& progress = {});

// The same over bytes in memory; `name` stands for the image in findings.
Result<ExtractReport> extract_firmware_bytes(Bytes image, const std::string& name,
                                             const std::filesystem::path& out_dir,
                                             const ExtractLimits& limits = {},
                                             const ProgressFn& progress = {});

// The layers of an extracted report that hold a root filesystem (an etc/
// or bin/ directory), which `firmware` audits as `audit --root` would.
std::vector<std::size_t> root_filesystem_layers(const ExtractReport& report);

}  // namespace iotguard::unpack
