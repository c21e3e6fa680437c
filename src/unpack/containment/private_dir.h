// SPDX-License-Identifier: GPL-2.0-or-later
// A private (0700, mkdtemp) working directory removed when it goes out of
// scope, unless kept. The default home of an extracted firmware tree.
#pragma once

#include <filesystem>

#include "core/result.h"

namespace iotguard::unpack {

class PrivateDir {
 public:
  // Under $TMPDIR (or /tmp): iotguard-fw-XXXXXX.
  static Result<PrivateDir> create();

  PrivateDir() = default;
  PrivateDir(PrivateDir&& o) noexcept;
  PrivateDir& operator=(PrivateDir&& o) noexcept;
  PrivateDir(const PrivateDir&) = delete;
  PrivateDir& operator=(const PrivateDir&) = delete;
  ~PrivateDir();

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  void keep() { keep_ = true; }
  // Removes the tree now (symlinks are removed, never followed).
  void remove();

 private:
  std::filesystem::path path_;
  bool keep_ = false;
};

}  // namespace iotguard::unpack
