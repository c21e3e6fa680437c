// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes the ELF reader and what `iotguard info` renders from its result
// (JSON and text), over arbitrary bytes. Seeds: the cross-architecture corpus
// (tests/fuzz/elf_seeds.sh, run by the fuzz build).
#include <cstddef>
#include <cstdint>

#include "elf/machine.h"
#include "elf/reader.h"
#include "report/elf_info.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto f = iotguard::elf::read({data, size});
  if (!f.ok()) return 0;
  (void)iotguard::elf::abi_description(*f);
  (void)f->linking();
  const iotguard::Digests d;  // hashing is OpenSSL's business, not the reader's
  // Names from the file may be invalid UTF-8; the JSON writer must replace, not throw.
  (void)iotguard::report::elf_info_json("fuzz", *f, d)
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  (void)iotguard::report::elf_info_text("fuzz", *f, d, {true, true});
  return 0;
}
