// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "report/finding_sink.h"

namespace iotguard::report {

// SARIF 2.1.0 (OASIS): one log with one run, written whole at finish().
// Severity maps to level (critical/high -> error, medium -> warning,
// low/info -> note) and is kept exactly in properties.
class SarifSink final : public FindingSink {
 public:
  SarifSink(std::FILE* out, SinkOptions opt);
  void finding(const Finding& f) override;
  void error(const std::string& path, const std::string& message) override;
  void skipped(const std::string& path, const std::string& reason) override;
  void finish(const Summary& s) override;

 private:
  std::FILE* out_;
  SinkOptions opt_;
  nlohmann::json results_ = nlohmann::json::array();
  nlohmann::json rules_ = nlohmann::json::array();
  std::map<std::string, std::size_t> rule_index_;
  nlohmann::json notifications_ = nlohmann::json::array();
};

}  // namespace iotguard::report
