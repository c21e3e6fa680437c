// SPDX-License-Identifier: GPL-2.0-or-later
// Finds the shipped pattern file (signatures/): --db wins, then $IOTGUARD_DB,
// then the installed share/iotguard/signatures beside the executable's prefix,
// then the source tree the binary was built from (for development and tests).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/result.h"

namespace iotguard {

Result<std::filesystem::path> find_signatures_dir(const std::optional<std::string>& override_dir);

}  // namespace iotguard
