// SPDX-License-Identifier: GPL-2.0-or-later
#include "audit/tree_walk.h"

#include <map>
#include <set>
#include <string_view>

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
  // The extraction keeps no setuid or sticky bit and owns every file itself:
  // for the entries it recorded, the image's mode and owner are the truth.
  std::map<std::string_view, const ImageMode*> image;
  for (const auto& m : ctx.opt.image_modes) image.emplace(m.path, &m);
  for (const auto& top : system_dirs()) {
    const bool complete = ctx.root.walk(
        top, limits, out.entries, [&](const std::string& p) { return live && kPseudo.contains(p); },
        [&](const std::string& p, const struct stat& st) {
          if (S_ISLNK(st.st_mode)) return;
          SpecialFile f{p, st.st_mode, st.st_uid, false};
          if (auto it = image.find(p); it != image.end()) {
            f.mode = (st.st_mode & S_IFMT) | static_cast<mode_t>(it->second->mode & 07777);
            if (it->second->uid >= 0) f.uid = static_cast<uid_t>(it->second->uid);
            f.from_image = true;
          }
          if ((f.mode & (S_IWOTH | S_ISUID)) != 0 && out.files.size() < 100000)
            out.files.push_back(std::move(f));
        });
    out.truncated = out.truncated || !complete;
  }
  return out;
}

}  // namespace iotguard::audit
