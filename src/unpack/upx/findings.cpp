// SPDX-License-Identifier: GPL-2.0-or-later
// Packer.UPX / Packer.UPX.Tampered (shared/threats.md §11).
#include <fmt/format.h>

#include "unpack/upx/upx.h"

namespace iotguard::unpack::upx {

std::vector<Finding> findings(const Recognition& r, const std::string& path) {
  std::vector<Finding> out;
  if (!r.packed) return out;
  nlohmann::json ev = {{"format", r.format},
                       {"method", r.method},
                       {"l_info_offset", r.l_info_offset},
                       {"original_size", r.original_size},
                       {"stub_entry", r.stub_entry}};
  if (r.filter) ev["filter"] = fmt::format("0x{:02x}", r.filter);
  Finding f;
  f.rule = "Packer.UPX";
  f.severity = Severity::info;
  f.title = fmt::format("UPX-packed ELF ({}, {})", r.format, r.method);
  f.path = path;
  f.object.links = {path};
  f.evidence = ev;
  f.references = {"https://upx.github.io/"};
  out.push_back(f);
  if (!r.tampering.empty()) {
    Finding t = f;
    t.rule = "Packer.UPX.Tampered";
    t.severity = Severity::medium;
    t.confidence = r.tamper_ids.size() == 1 && r.tamper_ids[0] == "overlay" ? 0.6 : 0.9;
    t.title = fmt::format("UPX headers altered to defeat unpacking: {}", r.tampering.front());
    t.evidence["tampering"] = r.tampering;
    t.evidence["tamper_ids"] = r.tamper_ids;
    out.push_back(t);
  }
  return out;
}

}  // namespace iotguard::unpack::upx
