// SPDX-License-Identifier: GPL-2.0-or-later
#include "report/output_format.h"

#include <unistd.h>

namespace iotguard::report {

const std::map<std::string, Format>& format_names() {
  static const std::map<std::string, Format> kNames = {
      {"text", Format::text}, {"json", Format::json}, {"sarif", Format::sarif}};
  return kNames;
}

void write_json_line(std::FILE* out, const nlohmann::json& record) {
  // Invalid UTF-8 from a hostile file must not abort the run: replace it.
  const std::string line = record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::fwrite(line.data(), 1, line.size(), out);
  std::fputc('\n', out);
}

bool is_tty(std::FILE* out) { return ::isatty(::fileno(out)) == 1; }

}  // namespace iotguard::report
