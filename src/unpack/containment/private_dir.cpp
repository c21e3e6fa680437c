// SPDX-License-Identifier: GPL-2.0-or-later
#include "unpack/containment/private_dir.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <system_error>
#include <utility>

namespace iotguard::unpack {

Result<PrivateDir> PrivateDir::create() {
  const char* tmp = std::getenv("TMPDIR");
  std::string tmpl =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/iotguard-fw-XXXXXX";
  if (::mkdtemp(tmpl.data()) == nullptr)
    return Error{"mkdtemp " + tmpl + ": " + std::strerror(errno)};
  PrivateDir d;
  d.path_ = tmpl;
  return d;
}

PrivateDir::PrivateDir(PrivateDir&& o) noexcept
    : path_(std::exchange(o.path_, {})), keep_(o.keep_) {}

PrivateDir& PrivateDir::operator=(PrivateDir&& o) noexcept {
  if (this != &o) {
    remove();
    path_ = std::exchange(o.path_, {});
    keep_ = o.keep_;
  }
  return *this;
}

PrivateDir::~PrivateDir() { remove(); }

void PrivateDir::remove() {
  if (path_.empty() || keep_) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);  // does not follow symlinks
  path_.clear();
}

}  // namespace iotguard::unpack
