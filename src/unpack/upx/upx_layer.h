// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <memory>

#include "unpack/layer_unpacker.h"

namespace iotguard::unpack::upx {

// The UPX unpacker as a scan-engine layer: recognises packed ELF objects,
// reports Packer.UPX / Packer.UPX.Tampered, and yields the restored ELF.
std::unique_ptr<LayerUnpacker> make_layer_unpacker();

}  // namespace iotguard::unpack::upx
