// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes UPX recognition and unpacking over arbitrary bytes, with small
// limits so a run stays fast.
#include <cstddef>
#include <cstdint>

#include "elf/reader.h"
#include "unpack/upx/upx.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  iotguard::Bytes bytes(data, size);
  auto elf = iotguard::elf::read(bytes);
  if (!elf.ok()) return 0;
  if (auto r = iotguard::unpack::upx::recognise(bytes, *elf))
    (void)iotguard::unpack::upx::findings(*r, "fuzz");
  iotguard::unpack::upx::Limits lim;
  lim.max_output = 8u << 20;
  lim.max_blocks = 4096;
  (void)iotguard::unpack::upx::unpack(bytes, lim);
  return 0;
}
