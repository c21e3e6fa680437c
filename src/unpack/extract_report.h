// SPDX-License-Identifier: GPL-2.0-or-later
// What a firmware extraction found and did: the layer tree, counts, and the
// findings about refused or unusual entries (Firmware.Extract.*).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/finding.h"

namespace iotguard::unpack {

struct Layer {
  std::string format;        // "squashfs", "cpio", "tar", "zip", "uimage", "trx", "gzip", ...
  std::string detail;        // compression or header facts, e.g. "xz", "kernel 'Linux-5.4'"
  std::uint64_t offset = 0;  // in the parent's byte stream (the image for top layers)
  std::uint64_t size = 0;    // bytes of the parent stream this layer covers (0: unknown)
  int parent = -1;           // index into ExtractReport::layers, -1 for the image itself
  unsigned depth = 1;
  std::string label;   // "squashfs(xz)@0x40"
  std::string chain;   // "uimage@0x0 > squashfs(xz)@0x40"
  std::string output;  // directory of this layer, relative to the output root
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
  bool complete = true;  // false when cut short by an error or a limit
};

// An entry whose mode the tree could not keep: containment never creates
// setuid, setgid or sticky bits, nor device nodes (docs/firmware.md). The
// audit of the layer reads the image's word from here (HARD-003).
struct RecordedMode {
  int layer = -1;          // index into ExtractReport::layers
  std::string path;        // inside the layer directory, "bin/su"
  std::string type;        // "file", "dir", "chardev", "blockdev"
  std::uint32_t mode = 0;  // permission and special bits as stored (07777)
  std::int64_t uid = -1;   // owner in the image; -1 when the format does not say
};

struct ExtractReport {
  std::string image;
  std::string output_root;
  std::vector<Layer> layers;
  std::vector<Finding> findings;
  std::vector<RecordedMode> recorded_modes;  // at most kMaxRecordedModes
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
  std::uint64_t candidates = 0;  // carve candidates tried
  bool limit_reached = false;
  bool interrupted = false;
};

inline constexpr std::size_t kMaxRecordedModes = 100000;

struct ExtractProgress {
  std::string chain;  // the layer being extracted
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
};
using ProgressFn = std::function<void(const ExtractProgress&)>;

}  // namespace iotguard::unpack
