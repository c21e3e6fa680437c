// SPDX-License-Identifier: GPL-2.0-or-later
#include "unpack/upx/upx_layer.h"

#include "unpack/upx/upx.h"

namespace iotguard::unpack::upx {
namespace {

class UpxLayer final : public LayerUnpacker {
 public:
  [[nodiscard]] std::string name() const override { return "upx"; }

  std::optional<unpack::Unpacked> try_unpack(Bytes bytes, const elf::ElfFile* elf) const override {
    if (elf == nullptr) return std::nullopt;
    auto rec = recognise(bytes, *elf);
    if (!rec || !rec->packed) return std::nullopt;
    unpack::Unpacked out;
    out.link = "upx";
    auto r = unpack(bytes);
    if (!r) {
      out.findings = findings(*rec, "");
      out.error = r.error().message;
      return out;
    }
    // unpack() knows more than recognise() (tampering met on the way, overlay).
    out.findings = findings(r->info, "");
    out.bytes = std::move(r->elf);
    return out;
  }
};

}  // namespace

std::unique_ptr<LayerUnpacker> make_layer_unpacker() { return std::make_unique<UpxLayer>(); }

}  // namespace iotguard::unpack::upx
