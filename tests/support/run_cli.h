// SPDX-License-Identifier: GPL-2.0-or-later
// Runs the real iotguard binary for end-to-end tests and captures stdout.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace iotguard::test {

struct CliResult {
  int exit_code = -1;
  std::string out;
  // JSON-lines records of out (lines that parse).
  [[nodiscard]] std::vector<nlohmann::json> records() const {
    std::vector<nlohmann::json> r;
    std::size_t start = 0;
    while (start < out.size()) {
      auto end = out.find('\n', start);
      if (end == std::string::npos) end = out.size();
      auto j = nlohmann::json::parse(out.substr(start, end - start), nullptr, false);
      if (!j.is_discarded()) r.push_back(std::move(j));
      start = end + 1;
    }
    return r;
  }
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline std::string iotguard_binary() {
  const char* env = std::getenv("IOTGUARD_BIN");
  return env != nullptr ? env : IOTGUARD_BINARY;
}

// stderr is discarded unless keep_stderr (then merged into out).
inline CliResult run_cli(const std::vector<std::string>& args, bool keep_stderr = false) {
  std::string cmd = shell_quote(iotguard_binary());
  for (const auto& a : args) cmd += " " + shell_quote(a);
  cmd += keep_stderr ? " 2>&1" : " 2>/dev/null";
  CliResult r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 65536> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace iotguard::test
