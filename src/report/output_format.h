// SPDX-License-Identifier: GPL-2.0-or-later
// The output formats every command shares (docs/output-formats.md).
#pragma once

#include <cstdio>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace iotguard::report {

enum class Format { text, json, sarif };

// For CLI11's transform: "text" -> Format::text, ...
const std::map<std::string, Format>& format_names();

// Writes one JSON-lines record (compact, one line) and flushes nothing else:
// stdout is line-buffered for JSON so a consumer sees each record as it lands.
void write_json_line(std::FILE* out, const nlohmann::json& record);

// True when the stream is a terminal (progress lines and colour only then).
bool is_tty(std::FILE* out);

}  // namespace iotguard::report
