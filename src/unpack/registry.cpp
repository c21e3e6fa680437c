// SPDX-License-Identifier: GPL-2.0-or-later
// Layer unpackers the scan engine tries on every object, in order.
#include "unpack/layer_unpacker.h"
#include "unpack/upx/upx_layer.h"

namespace iotguard::unpack {

std::vector<std::unique_ptr<LayerUnpacker>> layer_unpackers() {
  std::vector<std::unique_ptr<LayerUnpacker>> u;
  u.push_back(upx::make_layer_unpacker());
  return u;
}

}  // namespace iotguard::unpack
