// SPDX-License-Identifier: GPL-2.0-or-later
// Follows the SARIF 2.1.0 schema (sarif-schema-2.1.0.json): tests validate
// our output against the published schema.
#include "report/sarif_sink.h"

#include <fmt/format.h>

namespace iotguard::report {
namespace {

const char* level_for(Severity s) {
  switch (s) {
    case Severity::critical:
    case Severity::high:
      return "error";
    case Severity::medium:
      return "warning";
    default:
      return "note";
  }
}

// Paths become URIs relative to nothing: absolute paths as file:// URIs,
// relative ones as relative references, percent-encoding what RFC 3986 needs.
std::string to_uri(const std::string& path) {
  std::string out;
  if (!path.empty() && path[0] == '/') out = "file://";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

}  // namespace

SarifSink::SarifSink(std::FILE* out, SinkOptions opt) : out_(out), opt_(std::move(opt)) {}

void SarifSink::finding(const Finding& f) {
  auto [it, inserted] = rule_index_.emplace(f.rule, rules_.size());
  if (inserted) {
    nlohmann::json rule = {{"id", f.rule},
                           {"shortDescription", {{"text", f.title.empty() ? f.rule : f.title}}},
                           {"defaultConfiguration", {{"level", level_for(f.severity)}}},
                           {"properties", {{"severity", to_string(f.severity)}}}};
    if (f.family) rule["properties"]["family"] = *f.family;
    if (!f.references.empty()) rule["properties"]["references"] = f.references;
    rules_.push_back(std::move(rule));
  }
  nlohmann::json result = {
      {"ruleId", f.rule},
      {"ruleIndex", it->second},
      {"level", level_for(f.severity)},
      {"message", {{"text", f.title.empty() ? f.rule : f.title}}},
      {"locations",
       nlohmann::json::array(
           {{{"physicalLocation", {{"artifactLocation", {{"uri", to_uri(f.path)}}}}},
             {"logicalLocations", nlohmann::json::array({{{"fullyQualifiedName", f.object.str()},
                                                          {"kind", "object"}}})}}})},
      {"properties",
       {{"severity", to_string(f.severity)},
        {"confidence", f.confidence},
        {"family", f.family ? nlohmann::json(*f.family) : nlohmann::json(nullptr)},
        {"object", f.object.str()},
        {"evidence", f.evidence}}}};
  results_.push_back(std::move(result));
}

void SarifSink::error(const std::string& path, const std::string& message) {
  notifications_.push_back(
      {{"level", "error"},
       {"message", {{"text", message}}},
       {"locations",
        nlohmann::json::array(
            {{{"physicalLocation", {{"artifactLocation", {{"uri", to_uri(path)}}}}}}})}});
}

void SarifSink::skipped(const std::string& path, const std::string& reason) {
  notifications_.push_back(
      {{"level", "note"},
       {"message", {{"text", "skipped: " + reason}}},
       {"locations",
        nlohmann::json::array(
            {{{"physicalLocation", {{"artifactLocation", {{"uri", to_uri(path)}}}}}}})}});
}

void SarifSink::finish(const Summary& s) {
  nlohmann::json log = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", nlohmann::json::array(
                   {{{"tool",
                      {{"driver",
                        {{"name", opt_.tool_name},
                         {"version", opt_.tool_version.empty() ? "0" : opt_.tool_version},
                         {"rules", rules_}}}}},
                     {"invocations", nlohmann::json::array(
                                         {{{"executionSuccessful", s.errors == 0 && !s.interrupted},
                                           {"toolExecutionNotifications", notifications_},
                                           {"properties", summary_json(s)}}})},
                     {"results", results_}}})}};
  const std::string text = log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  std::fputs(text.c_str(), out_);
  std::fputc('\n', out_);
  std::fflush(out_);
}

}  // namespace iotguard::report
