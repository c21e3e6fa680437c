// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>

#include "report/finding_sink.h"

namespace iotguard::report {

// clamscan's style: "path: Rule FOUND" per finding, "path: OK" for clean
// objects, then a summary block.
class TextSink final : public FindingSink {
 public:
  TextSink(std::FILE* out, SinkOptions opt);
  void finding(const Finding& f) override;
  void error(const std::string& path, const std::string& message) override;
  void skipped(const std::string& path, const std::string& reason) override;
  void clean(const std::string& path) override;
  void finish(const Summary& s) override;

 private:
  std::FILE* out_;
  SinkOptions opt_;
  std::string last_config_;  // object + config last printed, to print each once
};

}  // namespace iotguard::report
