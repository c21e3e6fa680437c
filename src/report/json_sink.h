// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "report/finding_sink.h"

namespace iotguard::report {

class JsonSink final : public FindingSink {
 public:
  explicit JsonSink(std::FILE* out);
  void finding(const Finding& f) override;
  void error(const std::string& path, const std::string& message) override;
  void skipped(const std::string& path, const std::string& reason) override;
  void finish(const Summary& s) override;

 private:
  std::FILE* out_;
};

}  // namespace iotguard::report
