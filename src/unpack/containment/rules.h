// SPDX-License-Identifier: GPL-2.0-or-later
// The Firmware.Extract.* rules: one line each, documented in docs/firmware.md.
#pragma once

#include <string_view>

#include "core/finding.h"

namespace iotguard::unpack::rules {

struct Rule {
  std::string_view id;
  Severity severity;
  std::string_view title;
};

inline constexpr Rule kPathTraversal{
    "Firmware.Extract.PathTraversal", Severity::high,
    "Entry path climbs out of the extraction root ('..'); refused"};
inline constexpr Rule kAbsolutePath{"Firmware.Extract.AbsolutePath", Severity::low,
                                    "Entry has an absolute path; extracted under the layer root"};
inline constexpr Rule kSymlinkEscape{
    "Firmware.Extract.SymlinkEscape", Severity::high,
    "Entry would be written through a symbolic link (symlink-then-write); refused"};
inline constexpr Rule kDeviceNodeSkipped{"Firmware.Extract.DeviceNodeSkipped", Severity::info,
                                         "Device node not created"};
inline constexpr Rule kSpecialFileSkipped{"Firmware.Extract.SpecialFileSkipped", Severity::info,
                                          "FIFO or socket not created"};
inline constexpr Rule kSetuidStripped{"Firmware.Extract.SetuidStripped", Severity::info,
                                      "setuid, setgid or sticky bit removed on extraction"};
inline constexpr Rule kPathConflict{"Firmware.Extract.PathConflict", Severity::low,
                                    "Entry clashes with an earlier entry of another type; skipped"};
inline constexpr Rule kBadEntry{"Firmware.Extract.BadEntry", Severity::low,
                                "Entry name is invalid, too long or too deep; skipped"};
inline constexpr Rule kLimitReached{"Firmware.Extract.LimitReached", Severity::medium,
                                    "Extraction limit reached; the output is incomplete"};
inline constexpr Rule kLayerFailed{"Firmware.Extract.LayerFailed", Severity::low,
                                   "Layer is corrupt or truncated; extracted what could be read"};
inline constexpr Rule kUnsupported{"Firmware.Extract.Unsupported", Severity::low,
                                   "Layer recognised but its variant is not supported"};
inline constexpr Rule kNoKnownLayer{"Firmware.Extract.NoKnownLayer", Severity::low,
                                    "No filesystem, archive or compressed stream found in image"};

}  // namespace iotguard::unpack::rules
