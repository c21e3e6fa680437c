// SPDX-License-Identifier: GPL-2.0-or-later
// The output-format registry: a new format is a new sink file plus one case here.
#include "report/finding_sink.h"
#include "report/json_sink.h"
#include "report/sarif_sink.h"
#include "report/text_sink.h"

namespace iotguard::report {

std::unique_ptr<FindingSink> make_sink(Format format, std::FILE* out, const SinkOptions& opt) {
  switch (format) {
    case Format::json:
      return std::make_unique<JsonSink>(out);
    case Format::sarif:
      return std::make_unique<SarifSink>(out, opt);
    case Format::text:
      break;
  }
  return std::make_unique<TextSink>(out, opt);
}

nlohmann::json summary_json(const Summary& s) {
  nlohmann::json j = {{"type", "summary"},  {"command", s.command}, {"findings", s.findings},
                      {"errors", s.errors}, {"seconds", s.seconds}, {"interrupted", s.interrupted}};
  for (const auto& [k, v] : s.counts.items()) j[k] = v;
  return j;
}

}  // namespace iotguard::report
