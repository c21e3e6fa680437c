// SPDX-License-Identifier: GPL-2.0-or-later
// JSON lines: one record per finding or error, then {"type": "summary"}.
#include "report/json_sink.h"

namespace iotguard::report {

JsonSink::JsonSink(std::FILE* out) : out_(out) {}

void JsonSink::finding(const Finding& f) { write_json_line(out_, to_json(f)); }

void JsonSink::error(const std::string& path, const std::string& message) {
  write_json_line(out_, {{"type", "error"}, {"path", path}, {"message", message}});
}

void JsonSink::skipped(const std::string& path, const std::string& reason) {
  write_json_line(out_, {{"type", "skipped"}, {"path", path}, {"reason", reason}});
}

void JsonSink::finish(const Summary& s) {
  write_json_line(out_, summary_json(s));
  std::fflush(out_);
}

}  // namespace iotguard::report
