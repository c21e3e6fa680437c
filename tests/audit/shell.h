// SPDX-License-Identifier: GPL-2.0-or-later
// Shell and JSON-lines helpers shared by the audit tests that drive the real
// CLI and scripts.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace iotguard::testing {

// Runs cmd with /bin/sh; its exit status, or -1 when it did not exit.
inline int sh(const std::string& cmd) {
  const int st = std::system(cmd.c_str());
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

// The records of a JSON-lines file (empty lines skipped).
inline std::vector<nlohmann::json> json_lines(const std::string& path) {
  std::vector<nlohmann::json> out;
  std::ifstream in(path);
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) out.push_back(nlohmann::json::parse(l));
  return out;
}

}  // namespace iotguard::testing
