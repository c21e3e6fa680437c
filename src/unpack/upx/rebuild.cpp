// SPDX-License-Identifier: GPL-2.0-or-later
// Rebuilding the original ELF from a packed one (UPX src/p_lx_elf.cpp unpack()):
// block 0 holds the original Ehdr + Phdrs; then, for each original PT_LOAD in
// program-header order, its file bytes as a run of blocks (block 0 is the start
// of the first one); then the stub; then the "gaps" (bytes between PT_LOADs
// and after the last one: section headers, symbol tables); then {0, "UPX!"}.
// Every UPX checked (3.91, 3.94, 3.96, 4.2.3, 5.0.2, 5.1.1) puts the stub between the
// PT_LOAD blocks and the gaps, but its length differs by version, target and
// method (and l_lsize may be altered), so the gaps are found by looking for
// the next b_info chain that decodes, not by trusting l_lsize.
#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "elf/constants.h"
#include "elf/reader.h"
#include "unpack/upx/layout.h"

namespace iotguard::unpack::upx {
namespace {

constexpr std::uint64_t kStubSearch = 256u << 10;     // how far past the PT_LOADs a gap may start
constexpr std::uint64_t kChainStepBudget = 1u << 20;  // headers chain() may read per file
constexpr int kStubSearchWalks = 4096;                // candidate chains walked while searching

struct Load {
  std::uint64_t offset = 0, filesz = 0;
};

class Decoder {
 public:
  Decoder(Bytes file, const Layout& lay, const Limits& lim)
      : v_(file), lay_(lay), lim_(lim), pos_(lay.first_block_off()) {}

  std::uint64_t pos() const { return pos_; }
  void seek(std::uint64_t p) { pos_ = p; }
  std::uint8_t filter() const { return filter_; }

  // Decodes blocks at pos() into out[dest, dest+wanted). Blocks never cross
  // the end of an extent (UPX packs each extent on its own).
  std::optional<std::string> extent(std::vector<std::uint8_t>& out, std::uint64_t dest,
                                    std::uint64_t wanted) {
    while (wanted) {
      auto b = read_b_info(v_, pos_, lay_.endian);
      if (!b) return fmt::format("b_info at 0x{:x} is past the end of the file", pos_);
      if (auto err = check(*b, wanted)) return fmt::format("b_info at 0x{:x}: {}", pos_, *err);
      if (auto err = decode(*b, out, dest)) return fmt::format("block at 0x{:x}: {}", pos_, *err);
      pos_ += kInfoSize + b->sz_cpr;
      dest += b->sz_unc;
      wanted -= b->sz_unc;
    }
    return std::nullopt;
  }

  // A block that may start a gap: plausible header, and it decodes. The first
  // gap block of a real file is either stored (word 3 zero) or compressed with
  // the same method and no filter.
  bool plausible_gap(const BInfo& b, std::uint64_t room) const {
    if (b.sz_unc == 0 || b.sz_cpr == 0 || b.sz_unc > room) return false;
    if (b.sz_cpr == b.sz_unc) return b.method == 0 && b.ftid == 0 && b.cto8 == 0 && b.extra == 0;
    return b.sz_cpr < b.sz_unc && b.method == lay_.first.method && b.ftid == 0 && b.cto8 == 0;
  }

  // Looks from pos() onwards for the first gap block; moves there when found.
  // A candidate must start a chain of well-formed b_info headers that ends in
  // the {0, magic, 0} end marker and whose sizes add up to the gaps' total
  // (when that is known): stray bytes in the stub do not pass that.
  bool find_gap_start(std::uint64_t room, std::optional<std::uint64_t> total) {
    const std::uint64_t end = std::min<std::uint64_t>(v_.size(), pos_ + kStubSearch);
    int walks = 0;
    for (std::uint64_t p = pos_; p + kInfoSize <= end && walks < kStubSearchWalks; ++p) {
      auto b = read_b_info(v_, p, lay_.endian);
      if (!b || !plausible_gap(*b, room) || !v_.contains(p + kInfoSize, b->sz_cpr)) continue;
      ++walks;
      auto sum = chain(p);
      if (!sum || (total && *sum != *total)) continue;
      pos_ = p;
      return true;
    }
    return false;
  }

  // Sum of sz_unc along the b_info chain from p to the end marker, or nothing
  // when the chain breaks first.
  std::optional<std::uint64_t> chain(std::uint64_t p) const {
    std::uint64_t sum = 0;
    for (std::uint64_t n = 0; n < lim_.max_blocks && chain_steps_ < kChainStepBudget;
         ++n, ++chain_steps_) {
      auto b = read_b_info(v_, p, lay_.endian);
      if (!b) return std::nullopt;
      if (b->sz_unc == 0)
        return b->method == 0 && b->ftid == 0 && b->cto8 == 0 && sum ? std::optional(sum)
                                                                     : std::nullopt;
      if (b->sz_cpr == 0 || b->sz_cpr > b->sz_unc || !v_.contains(p + kInfoSize, b->sz_cpr))
        return std::nullopt;
      sum += b->sz_unc;
      if (sum > lim_.max_output) return std::nullopt;
      p += kInfoSize + b->sz_cpr;
    }
    return std::nullopt;
  }

  std::optional<BInfo> peek() const { return read_b_info(v_, pos_, lay_.endian); }

 private:
  std::optional<std::string> check(const BInfo& b, std::uint64_t wanted) {
    if (b.sz_unc == 0) return "end of blocks before the extent was complete";
    if (b.sz_cpr == 0 || b.sz_cpr > b.sz_unc) return "sizes are inconsistent";
    if (b.sz_unc > wanted) return "block runs past the end of its extent";
    if (++blocks_ > lim_.max_blocks) return "too many blocks";
    if (!v_.contains(pos_ + kInfoSize, b.sz_cpr)) return "compressed data runs past the file";
    return std::nullopt;
  }

  std::optional<std::string> decode(const BInfo& b, std::vector<std::uint8_t>& out,
                                    std::uint64_t dest) {
    if (dest + b.sz_unc > out.size()) return "block runs past the rebuilt image";
    if (b.ftid && !filter_) filter_ = b.ftid;
    return decode_block(b, *v_.slice(pos_ + kInfoSize, b.sz_cpr),
                        std::span<std::uint8_t>(out).subspan(dest, b.sz_unc));
  }

  ByteView v_;
  const Layout& lay_;
  const Limits& lim_;
  std::uint64_t pos_;
  std::uint64_t blocks_ = 0;
  std::uint8_t filter_ = 0;
  mutable std::uint64_t chain_steps_ = 0;  // b_info headers walked by chain(), all calls
};

// The original's PT_LOADs, read from the decompressed block 0.
Result<std::vector<Load>> original_loads(const Layout& lay, const elf::ElfFile& packed,
                                         const Limits& lim) {
  ByteView h(lay.first_block);
  const Endian e = lay.endian;
  const bool is64 = packed.is64;
  std::optional<std::uint64_t> phoff = h.read<std::uint32_t>(28, e);
  if (is64) phoff = h.read<std::uint64_t>(32, e);
  const auto phentsize = h.read<std::uint16_t>(is64 ? 54 : 42, e);
  const auto phnum = h.read<std::uint16_t>(is64 ? 56 : 44, e);
  if (!phoff || !phentsize || !phnum) return Error{"original ELF header is truncated"};
  if (*phentsize != (is64 ? 56 : 32)) return Error{"original e_phentsize is wrong"};
  if (!h.contains(*phoff, std::uint64_t{*phnum} * *phentsize))
    return Error{"original program headers lie outside block 0"};
  std::vector<Load> loads;
  for (std::uint64_t i = 0; i < *phnum; ++i) {
    const std::uint64_t at = *phoff + i * *phentsize;
    if (h.read<std::uint32_t>(at, e) != elf::PT_LOAD) continue;
    Load l;
    l.offset = is64 ? *h.read<std::uint64_t>(at + 8, e) : *h.read<std::uint32_t>(at + 4, e);
    l.filesz = is64 ? *h.read<std::uint64_t>(at + 32, e) : *h.read<std::uint32_t>(at + 16, e);
    if (l.offset > lim.max_output || l.filesz > lim.max_output - l.offset)
      return Error{fmt::format("original PT_LOAD {} ends past the output limit", i)};
    loads.push_back(l);
    if (loads.size() > lim.max_loads) return Error{"too many PT_LOAD entries in the original"};
  }
  if (loads.empty()) return Error{"original has no PT_LOAD"};
  return loads;
}

// UPX's gap after each PT_LOAD (p_lx_elf.cpp find_LOAD_gap): up to the nearest
// PT_LOAD that starts at or after its end, else to the end of the original file.
// nullopt size = "to the end of the file", when that size is unknown.
struct Gap {
  std::uint64_t offset = 0;
  std::optional<std::uint64_t> size;
};
std::vector<Gap> gaps(const std::vector<Load>& loads, std::uint64_t file_size) {
  std::vector<Gap> out;
  for (std::size_t k = 0; k < loads.size(); ++k) {
    const std::uint64_t hi = loads[k].offset + loads[k].filesz;
    constexpr std::uint64_t kUnknown = UINT64_MAX;  // no later PT_LOAD, file size unknown
    std::uint64_t lo = file_size ? file_size : kUnknown;
    for (std::size_t j = 0; j < loads.size(); ++j)
      if (j != k && loads[j].offset >= hi && loads[j].offset < lo) lo = loads[j].offset;
    if (lo != kUnknown && lo <= hi) continue;
    out.push_back({hi, lo != kUnknown ? std::optional(lo - hi) : std::nullopt});
  }
  return out;
}

}  // namespace

Result<Unpacked> unpack(Bytes file, const Limits& lim) {
  elf::ReadLimits rl;
  rl.read_symbols = false;
  auto elf = elf::read(file, rl);
  if (!elf) return Error{"not ELF: " + elf.error().message};
  auto lay = locate(file, *elf);
  if (!lay) return Error{"not a UPX-packed ELF"};
  if (lay->first_block.empty())
    return Error{fmt::format("UPX-packed, but block 0 uses {} which cannot be decoded",
                             method_name(lay->first.method))};
  Unpacked u;
  u.info = describe(file, *elf, *lay);

  auto loads = original_loads(*lay, *elf, lim);
  if (!loads) return loads.error();
  std::uint64_t end = 0;
  for (const auto& l : *loads) end = std::max(end, l.offset + l.filesz);
  const std::uint64_t budget = std::min<std::uint64_t>(
      lim.max_output, file.size() * std::max<std::uint64_t>(lim.max_ratio, 1));
  if (end > budget)
    return Error{fmt::format("original PT_LOADs need {} bytes, over the limit {}", end, budget)};
  // The declared size bounds the gaps; a zeroed or lying one is ignored.
  std::uint64_t declared = u.info.original_size;
  if (declared < end || declared > budget) declared = 0;

  std::vector<std::uint8_t> out(end, 0);
  Decoder d(file, *lay, lim);
  for (std::size_t i = 0; i < loads->size(); ++i)
    if (auto err = d.extent(out, (*loads)[i].offset, (*loads)[i].filesz))
      return Error{fmt::format("PT_LOAD {}: {}", i, *err)};

  // Gaps: best effort; the PT_LOAD contents above are what matters for scanning.
  const auto gap_list = gaps(*loads, declared);
  std::optional<std::uint64_t> gap_total = std::uint64_t{0};
  for (const auto& g : gap_list)
    gap_total = g.size && gap_total ? *gap_total + *g.size : std::optional<std::uint64_t>();
  bool first_gap = true;
  for (const auto& g : gap_list) {
    const std::uint64_t room = g.size ? *g.size : budget - std::min(budget, g.offset);
    if (room == 0) continue;
    auto next = d.peek();
    const bool here = next && d.plausible_gap(*next, room) && d.chain(d.pos()) &&
                      (!gap_total || !first_gap || *d.chain(d.pos()) == *gap_total);
    const bool was_first = first_gap;
    first_gap = false;
    if (!here) {
      if (!was_first || !d.find_gap_start(room, gap_total)) {
        u.gaps_restored = false;
        break;
      }
    }
    if (g.size) {
      out.resize(std::max<std::uint64_t>(out.size(), g.offset + *g.size), 0);
      if (d.extent(out, g.offset, *g.size)) {
        u.gaps_restored = false;
        break;
      }
    } else {  // unknown size: blocks up to the end marker
      std::uint64_t at = g.offset;
      for (auto b = d.peek(); b && b->sz_unc != 0; b = d.peek()) {
        if (b->sz_unc > budget - std::min(budget, at)) break;
        out.resize(std::max<std::uint64_t>(out.size(), at + b->sz_unc), 0);
        if (d.extent(out, at, b->sz_unc)) {
          u.gaps_restored = false;
          break;
        }
        at += b->sz_unc;
      }
    }
  }
  if (declared > out.size()) out.resize(declared, 0);
  u.info.original_size = out.size();
  u.info.filter = d.filter();
  u.elf = std::move(out);
  return u;
}

}  // namespace iotguard::unpack::upx
