// SPDX-License-Identifier: GPL-2.0-or-later
// One bounded walk over the system directories of a root, shared by HARD-002
// and HARD-003: it keeps only the entries they judge (world-writable or
// setuid). Symlinks are never followed; on a live root /proc, /sys, /dev and
// /run are never entered; entry count and depth are capped (AuditOptions).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace iotguard::audit {

class Context;

struct SpecialFile {
  std::string path;
  mode_t mode = 0;
  uid_t uid = 0;
  bool from_image = false;  // mode and owner come from the image (AuditOptions::image_modes)
};

struct SpecialFiles {
  std::vector<SpecialFile> files;
  std::size_t entries = 0;
  bool truncated = false;
};

SpecialFiles find_special_files(Context& ctx);

// The directories that hold the system: binaries, libraries, configuration.
const std::vector<std::string>& system_dirs();

}  // namespace iotguard::audit
