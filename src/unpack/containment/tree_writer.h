// SPDX-License-Identifier: GPL-2.0-or-later
// The one place extracted entries reach the disk. Every unpacker (libarchive,
// libsquashfs, raw payloads) hands entries here; this file enforces what
// docs/firmware.md promises: paths stay under the layer directory, nothing is
// written through a symlink (openat with O_NOFOLLOW from a directory fd, one
// component at a time), no device nodes, FIFOs or sockets, no setuid, setgid
// or sticky bits, and every file and byte is charged to the Budget.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "unpack/containment/budget.h"
#include "unpack/containment/incidents.h"

namespace iotguard::unpack {

enum class EntryType { file, dir, symlink, hardlink, chardev, blockdev, fifo, socket, unknown };

struct Entry {
  std::string path;  // as stored in the archive or filesystem
  EntryType type = EntryType::file;
  std::uint32_t mode = 0644;  // permission and special bits (07777)
  std::string link;           // symlink target (stored as is), or hard link target path
  std::int64_t uid = -1;      // owner as stored; -1 when unknown
};

// Reads the entry's data: >0 bytes placed in buf, 0 at the end, <0 on error.
using ReadFn = std::function<long(std::uint8_t* buf, std::size_t cap)>;

enum class Outcome { written, skipped, stop_layer };

class TreeWriter {
 public:
  // layer_dirfd: the layer's own directory (borrowed). layer_input: the bytes
  // this layer was read from, for the compression-ratio limit.
  TreeWriter(int layer_dirfd, std::uint64_t layer_input, Budget& budget, IncidentLog& log);

  Outcome add(const Entry& entry, const ReadFn& data = {});

  [[nodiscard]] std::uint64_t files() const { return files_; }
  [[nodiscard]] std::uint64_t bytes() const { return bytes_; }
  [[nodiscard]] bool stopped() const { return stopped_; }
  // Failure while reading an entry's data (corrupt layer); empty when none.
  [[nodiscard]] const std::string& data_error() const { return data_error_; }

  std::function<void(std::uint64_t files, std::uint64_t bytes)> progress;
  // When set, the layer's input size so far (compressed bytes consumed), for
  // the ratio limit on streams whose length is only known at their end.
  std::function<std::uint64_t()> input_probe;
  // Told of every entry whose mode is not reproduced (special bits dropped,
  // device node refused), with its sanitised path inside the layer.
  std::function<void(const Entry& entry, const std::string& path)> on_mode_dropped;

 private:
  Outcome write_file(int parent, const std::string& name, const Entry& e, const ReadFn& data);
  Outcome stop(const Entry& e, const std::string& reason);
  bool check_time(const Entry& e);

  int root_;
  std::uint64_t input_;
  Budget& budget_;
  IncidentLog& log_;
  std::uint64_t files_ = 0;
  std::uint64_t bytes_ = 0;
  bool stopped_ = false;
  std::string data_error_;
};

}  // namespace iotguard::unpack
