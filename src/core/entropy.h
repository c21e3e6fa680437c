// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "core/byte_view.h"

namespace iotguard {

// Shannon entropy in bits per byte (0..8). Packed or encrypted data sits near 8.
double shannon_entropy(Bytes bytes);

}  // namespace iotguard
