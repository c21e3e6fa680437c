// SPDX-License-Identifier: GPL-2.0-or-later
// Note layout (gABI "Note Section"): namesz, descsz, type as 4-byte words in the
// file's byte order, then name and desc, each padded to the region's alignment
// (4, or 8 for regions aligned to 8 such as .note.gnu.property).
#include "elf/notes.h"

#include <fmt/format.h>

#include <set>
#include <utility>

#include "elf/constants.h"

namespace iotguard::elf {
namespace {

std::uint64_t pad(std::uint64_t n, std::uint64_t a) { return (n + a - 1) / a * a; }

void parse_region(const ByteView& region, std::uint64_t align, ElfFile& f, std::uint64_t& budget) {
  std::uint64_t off = 0;
  while (budget > 0 && region.contains(off, 12)) {
    --budget;
    const auto namesz = *region.read<std::uint32_t>(off, f.endian);
    const auto descsz = *region.read<std::uint32_t>(off + 4, f.endian);
    const auto type = *region.read<std::uint32_t>(off + 8, f.endian);
    const std::uint64_t name_off = off + 12;
    const std::uint64_t desc_off = name_off + pad(namesz, align);
    auto name = region.slice(name_off, namesz);
    auto desc = region.slice(desc_off, descsz);
    if (!name || !desc) return;  // a lying size ends the region, not the file
    std::string owner(reinterpret_cast<const char*>(name->data()), name->size());
    while (!owner.empty() && owner.back() == '\0') owner.pop_back();
    if (owner == "GNU" && type == NT_GNU_BUILD_ID && !f.build_id && descsz <= 64) {
      std::string hex;
      for (std::uint8_t b : *desc) hex += fmt::format("{:02x}", b);
      f.build_id = hex;
    } else if (owner == "GNU" && type == NT_GNU_ABI_TAG && !f.abi_tag && descsz >= 16) {
      ByteView d(*desc);
      f.abi_tag = AbiTag{*d.read<std::uint32_t>(0, f.endian), *d.read<std::uint32_t>(4, f.endian),
                         *d.read<std::uint32_t>(8, f.endian), *d.read<std::uint32_t>(12, f.endian)};
    }
    off = desc_off + pad(descsz, align);
  }
}

}  // namespace

void read_notes(const ByteView& file, ElfFile& f, std::uint64_t max_notes) {
  std::set<std::pair<std::uint64_t, std::uint64_t>> seen;
  std::uint64_t budget = max_notes;
  auto visit = [&](std::uint64_t off, std::uint64_t size, std::uint64_t align) {
    if (size == 0 || !seen.emplace(off, size).second) return;
    parse_region(ByteView(file.clamp(off, size)), align == 8 ? 8 : 4, f, budget);
  };
  for (const auto& s : f.segments)
    if (s.type == PT_NOTE) visit(s.offset, s.filesz, s.align);
  for (const auto& s : f.sections)
    if (s.type == SHT_NOTE) visit(s.offset, s.size, s.addralign);
}

}  // namespace iotguard::elf
