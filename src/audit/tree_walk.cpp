// SPDX-License-Identifier: GPL-2.0-or-later
#include "audit/tree_walk.h"

#include <set>

#include "audit/check.h"

namespace iotguard::audit {

const std::vector<std::string>& system_dirs() {
  static const std::vector<std::string> d = {"/bin", "/sbin", "/lib", "/lib64",
                                             "/usr", "/etc",  "/opt", "/www"};
  return d;
}

SpecialFiles find_special_files(Context& ctx) {
  SpecialFiles out;
  static const std::set<std::string, std::less<>> kPseudo = {"/proc", "/sys", "/dev", "/run"};
  const bool live = ctx.root.live();
  const Root::WalkLimits limits{ctx.opt.walk_max_files, ctx.opt.walk_max_depth};
  for (const auto& top : system_dirs()) {
    const bool complete = ctx.root.walk(
        top, limits, out.entries, [&](const std::string& p) { return live && kPseudo.contains(p); },
        [&](const std::string& p, const struct stat& st) {
          if (S_ISLNK(st.st_mode)) return;
          if ((st.st_mode & (S_IWOTH | S_ISUID)) != 0 && out.files.size() < 100000)
            out.files.push_back({p, st.st_mode, st.st_uid});
        });
    out.truncated = out.truncated || !complete;
  }
  return out;
}

}  // namespace iotguard::audit
