// SPDX-License-Identifier: GPL-2.0-or-later
// Generated captures for the sense tests: one per detector with look-alike
// benign traffic beside them, and a large mixed capture for the benchmark.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace iotguard::testing {

// Every scenario name; those starting "benign_" must raise no alert.
const std::vector<std::string>& scenario_names();
// Writes the named scenario to path; false when the name is unknown.
bool write_scenario(const std::string& name, const std::string& path);
// A mixed capture of about target_bytes: mostly web traffic with every attack
// repeated through it. Returns the bytes written.
std::uint64_t write_mixed(const std::string& path, std::uint64_t target_bytes);

}  // namespace iotguard::testing
