// SPDX-License-Identifier: GPL-2.0-or-later
// The one result type every command produces (docs/architecture.md).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iotguard {

enum class Severity { info, low, medium, high, critical };

std::string_view to_string(Severity s);
std::optional<Severity> parse_severity(std::string_view s);

// Where a finding was made: the path given (or found under it) plus the chain
// of nested objects, e.g. {"fw.bin", "squashfs:/bin/httpd", "upx"}.
struct ObjectChain {
  std::vector<std::string> links;
  [[nodiscard]] std::string str() const;  // "fw.bin > squashfs:/bin/httpd > upx"
};

struct Finding {
  std::string rule;                   // stable rule id, e.g. "ELF.Anomaly.NoSectionHeaders"
  std::optional<std::string> family;  // malware family when known
  Severity severity = Severity::info;
  double confidence = 1.0;  // 0..1
  std::string title;
  std::string path;  // the file or root the user named (or a file under it)
  ObjectChain object;
  nlohmann::json evidence = nlohmann::json::object();
  std::vector<std::string> references;  // "OWASP-IoT-I1", "CVE-2017-17215", URLs
};

// The JSON-lines shape fixed in docs/output-formats.md: extend, never break.
nlohmann::json to_json(const Finding& f);

}  // namespace iotguard
