// SPDX-License-Identifier: GPL-2.0-or-later
#include "unpack/carve/trx.h"

#include <algorithm>

namespace iotguard::unpack::carve {

std::optional<Trx> parse_trx(const ByteView& data, std::uint64_t offset) {
  if (data.read<std::uint32_t>(offset, Endian::little) != 0x30524448) return std::nullopt;
  const auto len = data.read<std::uint32_t>(offset + 4, Endian::little);
  const auto ver = data.read<std::uint16_t>(offset + 14, Endian::little);
  if (!len || !ver || (*ver != 1 && *ver != 2)) return std::nullopt;
  const std::uint64_t header = *ver == 1 ? 28 : 32;
  if (*len < header || !data.contains(offset, *len)) return std::nullopt;
  Trx t;
  t.length = *len;
  t.version = *ver;
  std::vector<std::uint64_t> offs;
  for (unsigned i = 0; i < (*ver == 1 ? 3U : 4U); ++i) {
    const std::uint32_t o = *data.read<std::uint32_t>(offset + 16 + 4 * i, Endian::little);
    if (o == 0) continue;
    if (o < header || o >= *len) return std::nullopt;
    offs.push_back(o);
  }
  if (offs.empty() || !std::is_sorted(offs.begin(), offs.end())) return std::nullopt;
  for (std::size_t i = 0; i < offs.size(); ++i) {
    const std::uint64_t end = i + 1 < offs.size() ? offs[i + 1] : *len;
    if (end > offs[i]) t.parts.emplace_back(offs[i], end - offs[i]);
  }
  return t;
}

}  // namespace iotguard::unpack::carve
