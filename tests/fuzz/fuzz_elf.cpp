// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes the ELF reader and the info renderers over arbitrary bytes.
#include <cstddef>
#include <cstdint>

#include "elf/machine.h"
#include "elf/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto f = iotguard::elf::read({data, size});
  if (f.ok()) {
    (void)iotguard::elf::abi_description(*f);
    (void)f->linking();
    for (const auto& s : f->segments) (void)iotguard::elf::segment_type_name(s.type, f->machine);
  }
  return 0;
}
