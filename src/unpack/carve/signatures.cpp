// SPDX-License-Identifier: GPL-2.0-or-later
#include "unpack/carve/signatures.h"

#include <zlib.h>

#include <bit>
#include <cstring>

#include "unpack/carve/trx.h"
#include "unpack/carve/uimage.h"
#include "unpack/squashfs/squashfs_extract.h"

namespace iotguard::unpack::carve {
namespace {

bool has(const ByteView& d, std::uint64_t off, std::string_view magic) {
  const auto s = d.slice(off, magic.size());
  return s && std::memcmp(s->data(), magic.data(), magic.size()) == 0;
}

std::optional<Candidate> squashfs_at(const ByteView& d, std::uint64_t off) {
  // SquashFS 4.0 superblock (squashfs-tools squashfs_fs.h): 96 bytes.
  const bool le = has(d, off, "hsqs");
  if (!le && !has(d, off, "sqsh")) return std::nullopt;
  const Endian en = le ? Endian::little : Endian::big;
  const auto major = d.read<std::uint16_t>(off + 28, en);
  if (!major || *major < 1 || *major > 4) return std::nullopt;
  Candidate c{Format::squashfs_legacy, off, 0,
              le ? "v" + std::to_string(*major) : "big-endian v" + std::to_string(*major)};
  if (!le || *major != 4) return c;
  const auto block = d.read<std::uint32_t>(off + 12, en);
  const auto comp = d.read<std::uint16_t>(off + 20, en);
  const auto log = d.read<std::uint16_t>(off + 22, en);
  const auto used = d.read<std::uint64_t>(off + 40, en);
  if (!block || !comp || !log || !used) return std::nullopt;
  if (*block < 4096 || *block > (1U << 20) || !std::has_single_bit(*block)) return std::nullopt;
  if (*log > 20 || (1U << *log) != *block || *comp < 1 || *comp > 6) return std::nullopt;
  if (*used < 96 || *used > d.size() - off) return std::nullopt;
  c.format = Format::squashfs;
  c.detail = squashfs::compressor_name(*comp);
  // Images are padded to 4 KiB (mksquashfs default); the padding is covered too.
  const std::uint64_t padded = (*used + 4095) & ~UINT64_C(4095);
  c.length = std::min<std::uint64_t>(padded, d.size() - off);
  return c;
}

std::optional<Candidate> gzip_at(const ByteView& d, std::uint64_t off) {
  // RFC 1952: ID1 ID2 CM=8 FLG MTIME(4) XFL OS; FLG's top three bits are reserved.
  const auto h = d.slice(off, 10);
  if (!h || (*h)[0] != 0x1f || (*h)[1] != 0x8b || (*h)[2] != 8) return std::nullopt;
  if (((*h)[3] & 0xe0) != 0) return std::nullopt;
  const std::uint8_t xfl = (*h)[8], os = (*h)[9];
  if ((xfl != 0 && xfl != 2 && xfl != 4) || (os > 13 && os != 255)) return std::nullopt;
  return Candidate{Format::gzip, off, 0, {}};
}

std::optional<Candidate> xz_at(const ByteView& d, std::uint64_t off) {
  // xz file format 1.0.4, 2.1.1: magic, stream flags (0x00, check id), CRC32 of the flags.
  const auto h = d.slice(off, 12);
  static constexpr std::uint8_t kMagic[6] = {0xfd, '7', 'z', 'X', 'Z', 0};
  if (!h || std::memcmp(h->data(), kMagic, 6) != 0) return std::nullopt;
  if ((*h)[6] != 0 || ((*h)[7] & 0xf0) != 0) return std::nullopt;
  if (::crc32(0L, h->data() + 6, 2) != *d.read<std::uint32_t>(off + 8, Endian::little))
    return std::nullopt;
  return Candidate{Format::xz, off, 0, {}};
}

std::optional<Candidate> lzma_at(const ByteView& d, std::uint64_t off) {
  // LZMA-alone (.lzma, as in many kernels and vendor images): properties 0x5d
  // (lc=3 lp=0 pb=2), dictionary size, uncompressed size (or -1), and the
  // range coder's first byte, which is always 0.
  const auto h = d.slice(off, 14);
  if (!h || (*h)[0] != 0x5d || (*h)[13] != 0) return std::nullopt;
  const std::uint32_t dict = *d.read<std::uint32_t>(off + 1, Endian::little);
  if (dict < (1U << 12) || dict > (1U << 28)) return std::nullopt;
  const std::uint32_t top = std::bit_floor(dict);
  if (dict != top && dict != top + top / 2) return std::nullopt;
  const std::uint64_t usize = *d.read<std::uint64_t>(off + 5, Endian::little);
  if (usize != UINT64_MAX && (usize == 0 || usize > (UINT64_C(1) << 32))) return std::nullopt;
  return Candidate{Format::lzma, off, 0, {}};
}

std::optional<Candidate> bzip2_at(const ByteView& d, std::uint64_t off) {
  const auto h = d.slice(off, 10);
  if (!h || !has(d, off, "BZh") || (*h)[3] < '1' || (*h)[3] > '9') return std::nullopt;
  // A block header (pi) or an end-of-stream marker (sqrt(pi)) must follow.
  if (!has(d, off + 4, "\x31\x41\x59\x26\x53\x59") && !has(d, off + 4, "\x17\x72\x45\x38\x50\x90"))
    return std::nullopt;
  return Candidate{Format::bzip2, off, 0, {}};
}

bool all_of(Bytes b, bool (*pred)(std::uint8_t)) {
  for (std::uint8_t c : b)
    if (!pred(c)) return false;
  return true;
}
bool is_hex(std::uint8_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_octal(std::uint8_t c) { return c >= '0' && c <= '7'; }

std::optional<Candidate> cpio_at(const ByteView& d, std::uint64_t off) {
  // newc/crc: "070701"/"070702" + 13 fields of 8 hex digits; odc: "070707" + 70 octal digits.
  if (has(d, off, "070701") || has(d, off, "070702")) {
    const auto f = d.slice(off + 6, 104);
    if (f && all_of(*f, is_hex)) return Candidate{Format::cpio, off, 0, "newc"};
  } else if (has(d, off, "070707")) {
    const auto f = d.slice(off + 6, 70);
    if (f && all_of(*f, is_octal)) return Candidate{Format::cpio, off, 0, "odc"};
  }
  return std::nullopt;
}

std::optional<Candidate> tar_at(const ByteView& d, std::uint64_t off) {
  // POSIX ustar header: "ustar" at 257, octal checksum at 148 over the
  // header with the checksum field read as spaces.
  const auto h = d.slice(off, 512);
  if (!h || !has(d, off + 257, "ustar")) return std::nullopt;
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < 512; ++i) sum += (i >= 148 && i < 156) ? ' ' : (*h)[i];
  std::uint64_t stored = 0;
  bool digits = false;
  for (std::size_t i = 148; i < 156; ++i) {
    const std::uint8_t c = (*h)[i];
    if (c == ' ' && !digits) continue;
    if (!is_octal(c)) break;
    stored = stored * 8 + (c - '0');
    digits = true;
  }
  if (!digits || stored != sum) return std::nullopt;
  return Candidate{Format::tar, off, 0, {}};
}

std::optional<Candidate> zip_at(const ByteView& d, std::uint64_t off) {
  // PKWARE APPNOTE 4.3.7: local file header.
  if (!has(d, off, "PK\x03\x04")) return std::nullopt;
  const auto version = d.read<std::uint16_t>(off + 4, Endian::little);
  const auto method = d.read<std::uint16_t>(off + 8, Endian::little);
  const auto name_len = d.read<std::uint16_t>(off + 26, Endian::little);
  if (!version || !method || !name_len) return std::nullopt;
  if (*version > 100 || *name_len == 0 || !d.contains(off + 30, *name_len)) return std::nullopt;
  switch (*method) {
    case 0:
    case 8:
    case 12:
    case 14:
    case 93:
    case 95:
    case 99:  // clang-format off
      return Candidate{Format::zip, off, 0, {}};
    default:
      return std::nullopt;
  }
}

std::optional<Candidate> uimage_at(const ByteView& d, std::uint64_t off) {
  const auto u = parse_uimage(d, off);
  if (!u) return std::nullopt;
  return Candidate{Format::uimage, off, kUImageHeaderSize + u->data_size,
                   u->type_name() + ", " + u->comp_name() + ", '" + u->name + "'"};
}

std::optional<Candidate> trx_at(const ByteView& d, std::uint64_t off) {
  const auto t = parse_trx(d, off);
  if (!t) return std::nullopt;
  return Candidate{Format::trx, off, t->length, "v" + std::to_string(t->version)};
}

}  // namespace

std::string_view format_name(Format f) {
  switch (f) {
    case Format::squashfs:
      return "squashfs";
    case Format::squashfs_legacy:
      return "squashfs-legacy";
    case Format::uimage:
      return "uimage";
    case Format::trx:
      return "trx";
    case Format::gzip:
      return "gzip";
    case Format::xz:
      return "xz";
    case Format::lzma:
      return "lzma";
    case Format::bzip2:
      return "bzip2";
    case Format::cpio:
      return "cpio";
    case Format::tar:
      return "tar";
    case Format::zip:
      return "zip";
  }
  return "unknown";
}

std::optional<Candidate> candidate_at(const ByteView& d, std::uint64_t off) {
  const auto b = d.read<std::uint8_t>(off, Endian::little);
  if (!b) return std::nullopt;
  std::optional<Candidate> c;
  switch (*b) {
    case 'h':
    case 's':
      c = squashfs_at(d, off);
      break;
    case 0x27:
      c = uimage_at(d, off);
      break;
    case 'H':
      c = trx_at(d, off);
      break;
    case 0x1f:
      c = gzip_at(d, off);
      break;
    case 0xfd:
      c = xz_at(d, off);
      break;
    case 0x5d:
      c = lzma_at(d, off);
      break;
    case 'B':
      c = bzip2_at(d, off);
      break;
    case '0':
      c = cpio_at(d, off);
      break;
    case 'P':
      c = zip_at(d, off);
      break;
    default:
      break;
  }
  if (!c && d.read<std::uint8_t>(off + 257, Endian::little) == 'u') c = tar_at(d, off);
  return c;
}

std::optional<Candidate> next_candidate(const ByteView& d, std::uint64_t from) {
  for (std::uint64_t off = from; off < d.size(); ++off)
    if (auto c = candidate_at(d, off)) return c;
  return std::nullopt;
}

}  // namespace iotguard::unpack::carve
