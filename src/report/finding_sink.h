// SPDX-License-Identifier: GPL-2.0-or-later
// Where findings go. Every command that produces findings (scan, audit,
// firmware, sense) hands them to a FindingSink made for the chosen --format;
// the sinks are the only code that knows an output format.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/finding.h"
#include "report/output_format.h"

namespace iotguard::report {

// What a run looked at, for the closing summary record.
struct Summary {
  std::string command;                               // "scan", "audit", ...
  nlohmann::json counts = nlohmann::json::object();  // e.g. {"files": 10, "bytes": 123}
  std::size_t findings = 0;
  std::size_t errors = 0;
  double seconds = 0.0;
  bool interrupted = false;
};

struct SinkOptions {
  bool quiet = false;          // text: no per-object lines, only findings and summary
  bool only_findings = false;  // text: print detections only (--infected)
  std::string tool_name = "iotguard";
  std::string tool_version;
};

class FindingSink {
 public:
  virtual ~FindingSink() = default;
  // A finding. Sinks are not thread-safe: callers serialise.
  virtual void finding(const Finding& f) = 0;
  // An object that could not be examined; the run goes on.
  virtual void error(const std::string& path, const std::string& message) = 0;
  // An object deliberately not examined (too large, too deep).
  virtual void skipped(const std::string& path, const std::string& reason) = 0;
  // An object examined with nothing found (text shows "path: OK" unless quiet).
  virtual void clean(const std::string& path) { (void)path; }
  // Last call: the summary record, then any document footer (SARIF).
  virtual void finish(const Summary& s) = 0;
};

std::unique_ptr<FindingSink> make_sink(Format format, std::FILE* out, const SinkOptions& opt);

// The summary as the JSON-lines record {"type": "summary", ...}.
nlohmann::json summary_json(const Summary& s);

}  // namespace iotguard::report
