// SPDX-License-Identifier: GPL-2.0-or-later
#include "unpack/containment/entry_path.h"

namespace iotguard::unpack {
namespace {
constexpr std::size_t kMaxComponent = 255;  // NAME_MAX on Linux
}  // namespace

std::string EntryPath::joined() const {
  std::string s;
  for (const auto& p : parts) {
    if (!s.empty()) s += '/';
    s += p;
  }
  return s;
}

EntryPath sanitize_entry_path(std::string_view raw, unsigned max_components) {
  EntryPath out;
  out.absolute = !raw.empty() && raw.front() == '/';
  std::size_t i = 0;
  while (i <= raw.size()) {
    std::size_t j = raw.find('/', i);
    if (j == std::string_view::npos) j = raw.size();
    std::string_view part = raw.substr(i, j - i);
    i = j + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      out.problem = PathProblem::traversal;
      return out;
    }
    if (part.size() > kMaxComponent || part.find('\0') != std::string_view::npos) {
      out.problem = PathProblem::bad_component;
      return out;
    }
    if (out.parts.size() >= max_components) {
      out.problem = PathProblem::too_deep;
      return out;
    }
    out.parts.emplace_back(part);
  }
  if (out.parts.empty()) out.problem = PathProblem::empty;
  return out;
}

}  // namespace iotguard::unpack
