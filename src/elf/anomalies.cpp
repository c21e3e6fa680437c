// SPDX-License-Identifier: GPL-2.0-or-later
// Structural anomalies. Each is a fact about the layout that a normal
// toolchain does not produce; none alone proves malice, which is why the scan
// engine reports them at low severity and the heuristics weigh them together.
#include "elf/anomalies.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <string_view>

#include "core/entropy.h"
#include "elf/constants.h"

namespace iotguard::elf {
namespace {

constexpr std::uint64_t kHugeSegment = UINT64_C(1) << 30;
constexpr double kPackedEntropy = 7.0;

void add(ElfFile& f, std::string id, std::string detail) {
  f.anomalies.push_back({std::move(id), std::move(detail)});
}

std::optional<std::uint64_t> find_in(Bytes hay, std::uint64_t base) {
  static constexpr std::string_view kMagicUpx = "UPX!";
  const auto* b = reinterpret_cast<const char*>(hay.data());
  std::string_view sv(b, hay.size());
  auto pos = sv.find(kMagicUpx);
  if (pos == std::string_view::npos) return std::nullopt;
  return base + pos;
}

void check_layout(const ByteView& file, ElfFile& f) {
  const std::uint64_t size = file.size();
  if (f.e_shnum == 0 && f.shoff == 0 && f.type != ET_CORE)
    add(f, "no_section_headers", "the file has no section header table (e_shoff = 0, e_shnum = 0)");
  if (f.ehsize != 0 && f.ehsize != (f.is64 ? 64 : 52))
    add(f, "bad_header_size", fmt::format("e_ehsize is {}, not {}", f.ehsize, f.is64 ? 64 : 52));

  for (std::size_t i = 0; i < f.segments.size(); ++i) {
    const Segment& s = f.segments[i];
    if (s.filesz > 0 && (s.offset > size || s.filesz > size - s.offset))
      add(f, "segment_past_eof",
          fmt::format("segment {} (offset 0x{:x}, size 0x{:x}) extends past the end of the file "
                      "(0x{:x})",
                      i, s.offset, s.filesz, size));
    if (s.type != PT_LOAD) continue;
    if (s.filesz > s.memsz)
      add(f, "oversized_segment",
          fmt::format("load segment {} has p_filesz 0x{:x} larger than p_memsz 0x{:x}", i, s.filesz,
                      s.memsz));
    else if (s.memsz > kHugeSegment)
      add(f, "oversized_segment",
          fmt::format("load segment {} maps 0x{:x} bytes of memory", i, s.memsz));
    if ((s.flags & PF_W) && (s.flags & PF_X))
      add(f, "writable_executable_segment",
          fmt::format("load segment {} is writable and executable", i));
  }

  // Overlap in the address space between load segments, found after sorting.
  std::vector<const Segment*> loads;
  for (const auto& s : f.segments)
    if (s.type == PT_LOAD && s.memsz > 0) loads.push_back(&s);
  std::sort(loads.begin(), loads.end(),
            [](const Segment* a, const Segment* b) { return a->vaddr < b->vaddr; });
  for (std::size_t i = 1; i < loads.size(); ++i) {
    const Segment& a = *loads[i - 1];
    const Segment& b = *loads[i];
    if (b.vaddr - a.vaddr < a.memsz) {
      add(f, "overlapping_segments",
          fmt::format("load segments at 0x{:x} (size 0x{:x}) and 0x{:x} overlap", a.vaddr, a.memsz,
                      b.vaddr));
      break;  // one report is enough; a hostile file could hold thousands
    }
  }

  std::size_t past = 0;
  for (const auto& s : f.sections)
    if (s.type != SHT_NOBITS && s.size > 0 && (s.offset > size || s.size > size - s.offset)) ++past;
  if (past > 0)
    add(f, "section_past_eof", fmt::format("{} section(s) extend past the end of the file", past));

  // The loader enters at e_entry: it must lie in an executable load segment.
  if ((f.type == ET_EXEC || f.type == ET_DYN) && f.entry != 0 && !loads.empty()) {
    bool inside = false;
    for (const Segment* s : loads)
      if ((s->flags & PF_X) && f.entry >= s->vaddr && f.entry - s->vaddr < s->memsz) inside = true;
    if (!inside)
      add(f, "entry_outside_executable_segment",
          fmt::format("entry point 0x{:x} is not inside any executable load segment", f.entry));
  }
}

// UPX's ELF layout: the "UPX!" magic in l_info just after the program headers
// and in the trailer; or, when the magic was wiped, a section-less file whose
// bulk is one high-entropy load segment behind a small executable stub.
void check_upx(const ByteView& file, ElfFile& f) {
  if (auto at = find_upx_magic(file)) {
    add(f, "upx_like", fmt::format("\"UPX!\" magic at offset 0x{:x}", *at));
    return;
  }
  if (!f.sections.empty()) return;
  std::size_t nload = 0;
  const Segment* bulk = nullptr;
  bool exec = false;
  for (const auto& s : f.segments) {
    if (s.type != PT_LOAD) continue;
    ++nload;
    exec = exec || (s.flags & PF_X);
    if (!bulk || s.filesz > bulk->filesz) bulk = &s;
  }
  if (nload == 0 || nload > 3 || !exec || bulk == nullptr) return;
  if (bulk->filesz < 4096 || bulk->filesz * 2 < file.size()) return;
  // Computed here rather than read from Segment::entropy, which a reader told
  // not to compute entropy leaves at 0; this path is rare (no sections).
  const double entropy = shannon_entropy(file.clamp(bulk->offset, bulk->filesz));
  if (entropy >= kPackedEntropy)
    add(f, "upx_like",
        fmt::format("no sections and a {}-byte load segment of entropy {:.2f} behind an "
                    "executable stub (packed layout, magic absent)",
                    bulk->filesz, entropy));
}

}  // namespace

std::optional<std::uint64_t> find_upx_magic(const ByteView& file) {
  // l_info sits right after the ELF and program headers; the packheader and
  // its copy sit in the last few hundred bytes.
  if (auto at = find_in(file.clamp(0, 1024), 0)) return at;
  const std::uint64_t tail = std::min<std::uint64_t>(file.size(), 4096);
  return find_in(file.clamp(file.size() - tail, tail), file.size() - tail);
}

void find_anomalies(const ByteView& file, ElfFile& f) {
  check_layout(file, f);
  check_upx(file, f);
  if (f.overlay_size > 0)
    add(f, "overlay",
        fmt::format("{} bytes after the last byte the headers account for, at 0x{:x}",
                    f.overlay_size, f.overlay_offset));
}

}  // namespace iotguard::elf
