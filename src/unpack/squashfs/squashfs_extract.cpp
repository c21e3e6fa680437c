// SPDX-License-Identifier: GPL-2.0-or-later
#include "unpack/squashfs/squashfs_extract.h"

#include <sqfs/compressor.h>
#include <sqfs/data_reader.h>
#include <sqfs/dir.h>
#include <sqfs/dir_reader.h>
#include <sqfs/error.h>
#include <sqfs/id_table.h>
#include <sqfs/inode.h>
#include <sqfs/io.h>
#include <sqfs/super.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>

namespace iotguard::unpack::squashfs {
namespace {

// A read-only sqfs_file_t over bytes already in memory (a slice of a mapped
// image): libsquashfs then never opens a path itself.
struct MemFile {
  sqfs_file_t base;  // first member: libsquashfs casts between the two
  Bytes data;
};

void mem_destroy(sqfs_object_t* /*self*/) {}  // owned by the caller's stack

int mem_read_at(sqfs_file_t* f, sqfs_u64 offset, void* buffer, size_t size) {
  const auto* m = reinterpret_cast<const MemFile*>(f);
  const auto s = ByteView(m->data).slice(offset, size);
  if (!s) return SQFS_ERROR_OUT_OF_BOUNDS;
  if (size != 0) std::memcpy(buffer, s->data(), size);
  return 0;
}

int mem_write_at(sqfs_file_t*, sqfs_u64, const void*, size_t) { return SQFS_ERROR_IO; }
sqfs_u64 mem_size(const sqfs_file_t* f) { return reinterpret_cast<const MemFile*>(f)->data.size(); }
int mem_truncate(sqfs_file_t*, sqfs_u64) { return SQFS_ERROR_IO; }

template <class T>
struct SqfsDestroy {
  void operator()(T* p) const { sqfs_destroy(p); }
};
template <class T>
using SqfsPtr = std::unique_ptr<T, SqfsDestroy<T>>;

struct SqfsFree {
  void operator()(void* p) const { sqfs_free(p); }
};
using InodePtr = std::unique_ptr<sqfs_inode_generic_t, SqfsFree>;

std::string sqfs_error(int rc) {
  switch (rc) {
    case SQFS_ERROR_ALLOC:
      return "out of memory";
    case SQFS_ERROR_COMPRESSOR:
      return "decompression failed";
    case SQFS_ERROR_CORRUPTED:
      return "corrupted";
    case SQFS_ERROR_UNSUPPORTED:
      return "unsupported";
    case SQFS_ERROR_OUT_OF_BOUNDS:
      return "reference out of bounds";
    case SFQS_ERROR_SUPER_MAGIC:
      return "bad superblock magic";
    case SFQS_ERROR_SUPER_VERSION:
      return "unsupported version";
    case SQFS_ERROR_SUPER_BLOCK_SIZE:
      return "bad block size";
    default:
      return fmt::format("libsquashfs error {}", rc);
  }
}

EntryType entry_type(const sqfs_inode_generic_t& in) {
  switch (in.base.type) {
    case SQFS_INODE_DIR:
    case SQFS_INODE_EXT_DIR:
      return EntryType::dir;
    case SQFS_INODE_FILE:
    case SQFS_INODE_EXT_FILE:
      return EntryType::file;
    case SQFS_INODE_SLINK:
    case SQFS_INODE_EXT_SLINK:
      return EntryType::symlink;
    case SQFS_INODE_BDEV:
    case SQFS_INODE_EXT_BDEV:
      return EntryType::blockdev;
    case SQFS_INODE_CDEV:
    case SQFS_INODE_EXT_CDEV:
      return EntryType::chardev;
    case SQFS_INODE_FIFO:
    case SQFS_INODE_EXT_FIFO:
      return EntryType::fifo;
    case SQFS_INODE_SOCKET:
    case SQFS_INODE_EXT_SOCKET:
      return EntryType::socket;
    default:
      return EntryType::unknown;
  }
}

class Walker {
 public:
  Walker(sqfs_dir_reader_t* dr, sqfs_data_reader_t* data, const sqfs_id_table_t* ids,
         TreeWriter& out, std::size_t max_subdirs)
      : dr_(dr), data_(data), ids_(ids), out_(out), max_subdirs_(max_subdirs) {}

  // Extracts the children of dir (already created as prefix); false to stop.
  bool walk(const sqfs_inode_generic_t& dir, const std::string& prefix) {
    if (!seen_dirs_.insert(dir.base.inode_number).second) {
      error_ = fmt::format("directory loop at '{}'", prefix);
      return true;  // skip this directory, go on with the rest
    }
    int rc = sqfs_dir_reader_open_dir(dr_, &dir, 0);
    if (rc != 0) {
      error_ = fmt::format("'{}': {}", prefix, sqfs_error(rc));
      return true;
    }
    // The reader has one cursor: files, links and special files are written
    // as they are read (the data reader is separate), subdirectories are
    // gathered and descended into afterwards. Only directory inodes are
    // held, never a file's block list.
    std::vector<std::pair<std::string, InodePtr>> subdirs;
    for (;;) {
      sqfs_dir_entry_t* ent = nullptr;
      rc = sqfs_dir_reader_read(dr_, &ent);
      if (rc > 0) break;
      if (rc < 0) {
        error_ = fmt::format("'{}': {}", prefix, sqfs_error(rc));
        break;
      }
      std::string name(reinterpret_cast<const char*>(ent->name),
                       static_cast<std::size_t>(ent->size) + 1);
      sqfs_free(ent);
      sqfs_inode_generic_t* raw = nullptr;
      rc = sqfs_dir_reader_get_inode(dr_, &raw);
      if (rc != 0) {
        error_ = fmt::format("'{}/{}': {}", prefix, name, sqfs_error(rc));
        continue;
      }
      InodePtr inode(raw);
      ++inodes_;
      // Names come from the image: a '/' in one would make a path of its own.
      if (name.find('/') != std::string::npos) name = "_";
      if (entry_type(*inode) == EntryType::dir) {
        if (subdirs.size() >= max_subdirs_) continue;
        subdirs.emplace_back(std::move(name), std::move(inode));
        continue;
      }
      if (add(*inode, prefix.empty() ? name : prefix + "/" + name) == Outcome::stop_layer)
        return false;
    }
    for (auto& [name, inode] : subdirs) {
      const std::string path = prefix.empty() ? name : prefix + "/" + name;
      const Outcome o = add(*inode, path);
      if (o == Outcome::stop_layer) return false;
      if (o == Outcome::written && !walk(*inode, path)) return false;
    }
    return true;
  }

  Outcome add(const sqfs_inode_generic_t& inode, const std::string& path) {
    Entry e;
    e.path = path;
    e.type = entry_type(inode);
    e.mode = inode.base.mode & 07777;
    sqfs_u32 uid = 0;
    if (ids_ != nullptr && sqfs_id_table_index_to_id(ids_, inode.base.uid_idx, &uid) == 0)
      e.uid = uid;
    ReadFn reader;
    sqfs_u64 offset = 0;
    if (e.type == EntryType::symlink) {
      const std::size_t n =
          std::min<std::size_t>(inode.data.slink.target_size, inode.payload_bytes_used);
      e.link.assign(reinterpret_cast<const char*>(inode.extra), n);
    } else if (e.type == EntryType::file) {
      reader = [this, &inode, &offset](std::uint8_t* buf, std::size_t cap) -> long {
        const sqfs_s32 n =
            sqfs_data_reader_read(data_, &inode, offset, buf, static_cast<sqfs_u32>(cap));
        if (n > 0) offset += static_cast<sqfs_u64>(n);
        return n;
      };
    }
    return out_.add(e, reader);
  }

  [[nodiscard]] const std::string& error() const { return error_; }
  [[nodiscard]] std::uint64_t inodes() const { return inodes_; }

 private:
  sqfs_dir_reader_t* dr_;
  sqfs_data_reader_t* data_;
  const sqfs_id_table_t* ids_;  // owners (HARD-003 on setuid files); null when unreadable
  TreeWriter& out_;
  std::size_t max_subdirs_;
  std::unordered_set<sqfs_u32> seen_dirs_;
  std::string error_;
  std::uint64_t inodes_ = 0;
};

}  // namespace

std::string compressor_name(unsigned id) {
  switch (id) {
    case SQFS_COMP_GZIP:
      return "gzip";
    case SQFS_COMP_LZMA:
      return "lzma";
    case SQFS_COMP_LZO:
      return "lzo";
    case SQFS_COMP_XZ:
      return "xz";
    case SQFS_COMP_LZ4:
      return "lz4";
    case SQFS_COMP_ZSTD:
      return "zstd";
    default:
      return fmt::format("unknown-{}", id);
  }
}

Result<SquashfsResult> extract(Bytes data, TreeWriter& out, std::size_t max_subdirs,
                               SquashfsError* why) {
  SquashfsError local;
  SquashfsError& err = why != nullptr ? *why : local;
  MemFile file{};
  file.base.base.destroy = mem_destroy;
  file.base.read_at = mem_read_at;
  file.base.write_at = mem_write_at;
  file.base.get_size = mem_size;
  file.base.truncate = mem_truncate;
  file.data = data;
  sqfs_file_t* f = &file.base;

  sqfs_super_t super{};
  int rc = sqfs_super_read(&super, f);
  if (rc != 0) {
    err.message = "superblock: " + sqfs_error(rc);
    return Error{err.message};
  }
  SquashfsResult r;
  r.compressor = compressor_name(super.compression_id);
  r.bytes_used = super.bytes_used;

  sqfs_compressor_config_t cfg{};
  rc = sqfs_compressor_config_init(&cfg, static_cast<SQFS_COMPRESSOR>(super.compression_id),
                                   super.block_size, SQFS_COMP_FLAG_UNCOMPRESS);
  sqfs_compressor_t* cmp_raw = nullptr;
  if (rc == 0) rc = sqfs_compressor_create(&cfg, &cmp_raw);
  if (rc != 0) {
    err.unsupported = true;
    err.compressor = r.compressor;
    err.message = fmt::format("compressor {} not supported by libsquashfs here", r.compressor);
    return Error{err.message};
  }
  SqfsPtr<sqfs_compressor_t> cmp(cmp_raw);
  if ((super.flags & SQFS_FLAG_COMPRESSOR_OPTIONS) != 0) {
    rc = cmp->read_options(cmp.get(), f);
    if (rc != 0) {
      err.message = "compressor options: " + sqfs_error(rc);
      return Error{err.message};
    }
  }
  SqfsPtr<sqfs_dir_reader_t> dr(sqfs_dir_reader_create(&super, cmp.get(), f, 0));
  SqfsPtr<sqfs_data_reader_t> rd(sqfs_data_reader_create(f, super.block_size, cmp.get(), 0));
  if (!dr || !rd) {
    err.message = "libsquashfs: out of memory";
    return Error{err.message};
  }
  rc = sqfs_data_reader_load_fragment_table(rd.get(), &super);
  if (rc != 0) {
    err.message = "fragment table: " + sqfs_error(rc);
    return Error{err.message};
  }
  sqfs_inode_generic_t* root_raw = nullptr;
  rc = sqfs_dir_reader_get_root_inode(dr.get(), &root_raw);
  if (rc != 0) {
    err.message = "root inode: " + sqfs_error(rc);
    return Error{err.message};
  }
  InodePtr root(root_raw);
  if (entry_type(*root) != EntryType::dir) {
    err.message = "root inode is not a directory";
    return Error{err.message};
  }
  // The id table only names owners: a broken one costs the uids, not the layer.
  SqfsPtr<sqfs_id_table_t> ids(sqfs_id_table_create(0));
  if (ids && sqfs_id_table_read(ids.get(), f, &super, cmp.get()) != 0) ids.reset();
  Walker w(dr.get(), rd.get(), ids.get(), out, max_subdirs);
  w.walk(*root, "");
  r.inodes = w.inodes();
  r.error = w.error();
  return r;
}

}  // namespace iotguard::unpack::squashfs
