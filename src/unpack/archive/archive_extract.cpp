// SPDX-License-Identifier: GPL-2.0-or-later
#include "unpack/archive/archive_extract.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "unpack/archive/zip_extent.h"

namespace iotguard::unpack::archive {
namespace {

struct ArchiveDeleter {
  void operator()(struct archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<struct archive, ArchiveDeleter>;

// Only decompressors linked into libarchive: when a library is missing,
// libarchive would otherwise fall back to running an external program.
void enable_filters(struct archive* a) {
  if (archive_zlib_version() != nullptr) archive_read_support_filter_gzip(a);
  if (archive_liblzma_version() != nullptr) {
    archive_read_support_filter_xz(a);
    archive_read_support_filter_lzma(a);
  }
  if (archive_bzlib_version() != nullptr) archive_read_support_filter_bzip2(a);
}

EntryType entry_type(struct archive_entry* e) {
  if (archive_entry_hardlink(e) != nullptr) return EntryType::hardlink;
  switch (archive_entry_filetype(e)) {
    case AE_IFREG:
      return EntryType::file;
    case AE_IFDIR:
      return EntryType::dir;
    case AE_IFLNK:
      return EntryType::symlink;
    case AE_IFCHR:
      return EntryType::chardev;
    case AE_IFBLK:
      return EntryType::blockdev;
    case AE_IFIFO:
      return EntryType::fifo;
    case AE_IFSOCK:
      return EntryType::socket;
    default:
      return EntryType::unknown;
  }
}

std::string format_name(int code) {
  switch (code & ARCHIVE_FORMAT_BASE_MASK) {
    case ARCHIVE_FORMAT_TAR:
      return "tar";
    case ARCHIVE_FORMAT_CPIO:
      return "cpio";
    case ARCHIVE_FORMAT_ZIP:
      return "zip";
    case ARCHIVE_FORMAT_RAW:
      return "raw";
    default:
      return "archive";
  }
}

const char* str_or(const char* s, const char* fallback) { return s != nullptr ? s : fallback; }

}  // namespace

std::vector<std::string> builtin_filters() {
  std::vector<std::string> f;
  if (archive_zlib_version() != nullptr) f.emplace_back("gzip");
  if (archive_liblzma_version() != nullptr) {
    f.emplace_back("xz");
    f.emplace_back("lzma");
  }
  if (archive_bzlib_version() != nullptr) f.emplace_back("bzip2");
  return f;
}

namespace {

Result<ArchiveResult> extract_as(Bytes data, Kind kind, bool raw_only, TreeWriter& out) {
  ArchivePtr a(archive_read_new());
  if (!a) return Error{"libarchive: out of memory"};
  switch (kind) {
    case Kind::compressed:
      enable_filters(a.get());
      if (!raw_only) {
        archive_read_support_format_tar(a.get());
        archive_read_support_format_cpio(a.get());
      }
      archive_read_support_format_raw(a.get());
      break;
    case Kind::tar:
      archive_read_support_format_tar(a.get());
      break;
    case Kind::cpio:
      archive_read_support_format_cpio(a.get());
      break;
    case Kind::zip:
      // Seekable when the end record is found (modes and symlinks are only
      // in the central directory); streaming otherwise.
      if (auto len = zip_extent(data)) {
        data = data.first(static_cast<std::size_t>(*len));
        archive_read_support_format_zip_seekable(a.get());
      } else {
        archive_read_support_format_zip_streamable(a.get());
      }
      break;
  }
  if (archive_read_open_memory(a.get(), data.data(), data.size()) != ARCHIVE_OK)
    return Error{str_or(archive_error_string(a.get()), "not an archive")};

  ArchiveResult r;
  struct archive_entry* e = nullptr;
  struct ProbeReset {
    TreeWriter& w;
    ~ProbeReset() { w.input_probe = nullptr; }
  } probe_reset{out};
  struct archive* raw_a = a.get();
  out.input_probe = [raw_a] {
    return static_cast<std::uint64_t>(std::max<la_int64_t>(archive_filter_bytes(raw_a, -1), 0));
  };
  for (;;) {
    const int rc = archive_read_next_header(a.get(), &e);
    if (rc == ARCHIVE_EOF) break;
    if (rc < ARCHIVE_WARN) {
      if (r.entries == 0) return Error{str_or(archive_error_string(a.get()), "bad header")};
      r.error = str_or(archive_error_string(a.get()), "bad header");
      break;
    }
    if (r.entries == 0) {
      r.format = format_name(archive_format(a.get()));
      for (int i = 0; i + 1 < archive_filter_count(a.get()); ++i)
        r.filters.emplace_back(str_or(archive_filter_name(a.get(), i), "?"));
      r.raw = r.format == "raw";
      // The raw format accepts anything; only a decompressed stream is a layer.
      if (r.raw && r.filters.empty()) return Error{"not a compressed stream"};
    }
    ++r.entries;

    Entry entry;
    entry.type = entry_type(e);
    const char* path = archive_entry_pathname(e);
    if (path == nullptr) path = archive_entry_pathname_utf8(e);
    entry.path = r.raw ? kRawPayloadName : str_or(path, "");
    entry.mode = static_cast<std::uint32_t>(archive_entry_perm(e)) |
                 (static_cast<std::uint32_t>(archive_entry_mode(e)) & 07000);
    entry.uid = archive_entry_uid(e);  // 0 when the format stores none (zip)
    if (entry.type == EntryType::symlink) entry.link = str_or(archive_entry_symlink(e), "");
    if (entry.type == EntryType::hardlink) entry.link = str_or(archive_entry_hardlink(e), "");
    if (r.raw) {
      entry.type = EntryType::file;
      entry.mode = 0644;
    }

    bool read_failed = false;
    ReadFn reader = [&](std::uint8_t* buf, std::size_t cap) -> long {
      const la_ssize_t n = archive_read_data(a.get(), buf, cap);
      if (n < 0) read_failed = true;
      return static_cast<long>(n);
    };
    const bool has_data = entry.type == EntryType::file ||
                          (entry.type == EntryType::hardlink && archive_entry_size(e) > 0);
    if (entry.type == EntryType::hardlink && has_data) entry.type = EntryType::file;
    const Outcome o = out.add(entry, has_data ? reader : ReadFn{});
    if (o == Outcome::stop_layer) break;
    if (read_failed) {
      r.error =
          fmt::format("{}: {}", entry.path, str_or(archive_error_string(a.get()), "data error"));
      break;
    }
  }
  if (r.entries == 0) return Error{"empty archive"};
  r.consumed = static_cast<std::uint64_t>(archive_filter_bytes(a.get(), -1));
  return r;
}

}  // namespace

Result<ArchiveResult> extract(Bytes data, Kind kind, TreeWriter& out) {
  auto r = extract_as(data, kind, false, out);
  // Decompressed zeros read as an empty tar archive (its end marker is two
  // zero blocks); such a stream is data, so read it again as raw.
  if (!r && kind == Kind::compressed) return extract_as(data, kind, true, out);
  return r;
}

}  // namespace iotguard::unpack::archive
