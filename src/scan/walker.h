// SPDX-License-Identifier: GPL-2.0-or-later
// Walks the paths a user gave. Symlinks found inside a tree are never
// followed (their targets inside the tree are reached anyway, and targets
// outside it must not be); symlinks named on the command line are, since the
// user asked for them. Each inode is listed once; device nodes, FIFOs and
// sockets are skipped.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace iotguard::scan {

struct WalkOptions {
  std::vector<std::string> excludes;  // fnmatch globs on the full path or the base name
  std::uint64_t max_filesize = UINT64_C(256) << 20;
  int max_depth = 256;
};

struct FileEntry {
  std::string path;
  dev_t dev = 0;
  ino_t ino = 0;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  // A symlink the user named on the command line: opened through it. Files
  // found inside a tree are opened with O_NOFOLLOW.
  bool named_symlink = false;
};

struct Skipped {
  std::string path;
  std::string reason;
};

struct WalkResult {
  std::vector<FileEntry> files;
  std::vector<Skipped> skipped;  // too large, too deep
  std::vector<Skipped> errors;   // unreadable directories, missing paths
  std::uint64_t bytes = 0;
  std::size_t special = 0, symlinks = 0, excluded = 0, hardlinks = 0;
};

WalkResult walk(const std::vector<std::string>& roots, const WalkOptions& options,
                const std::atomic<bool>& stop);

}  // namespace iotguard::scan
