// SPDX-License-Identifier: GPL-2.0-or-later
// Archive entry names made safe to create under a root: split into plain
// components, never '..', never absolute, bounded in depth and length.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace iotguard::unpack {

enum class PathProblem { none, traversal, empty, too_deep, bad_component };

struct EntryPath {
  std::vector<std::string> parts;  // non-empty components, no "." or ".."
  bool absolute = false;           // the name began with '/'
  PathProblem problem = PathProblem::none;
  [[nodiscard]] std::string joined() const;  // "a/b/c"
};

// Any '..' component is refused outright (as libarchive's SECURE_NODOTDOT):
// a firmware archive has no honest need for it.
EntryPath sanitize_entry_path(std::string_view raw, unsigned max_components);

}  // namespace iotguard::unpack
