// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes the carver's header checks (SquashFS, uImage, TRX, gzip, xz, lzma,
// bzip2, cpio, tar, zip) over arbitrary bytes, at every offset.
#include <cstddef>
#include <cstdint>

#include "unpack/carve/signatures.h"
#include "unpack/carve/trx.h"
#include "unpack/carve/uimage.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace iotguard;
  const ByteView v({data, size});
  std::uint64_t pos = 0;
  while (auto c = unpack::carve::next_candidate(v, pos)) pos = c->offset + 1;
  for (std::uint64_t off = 0; off < size && off < 64; ++off) {
    (void)unpack::carve::parse_uimage(v, off);
    (void)unpack::carve::parse_trx(v, off);
  }
  return 0;
}
