// SPDX-License-Identifier: GPL-2.0-or-later
#include "report/text_sink.h"

#include <fmt/format.h>

namespace iotguard::report {

TextSink::TextSink(std::FILE* out, SinkOptions opt) : out_(out), opt_(std::move(opt)) {}

void TextSink::finding(const Finding& f) {
  const std::string where = f.object.links.empty() ? f.path : f.object.str();
  std::string line =
      fmt::format("{}: {} FOUND [{}] {}\n", where, f.rule, to_string(f.severity), f.title);
  std::fputs(line.c_str(), out_);
}

void TextSink::error(const std::string& path, const std::string& message) {
  std::fputs(fmt::format("{}: ERROR: {}\n", path, message).c_str(), out_);
}

void TextSink::clean(const std::string& path) {
  if (opt_.quiet || opt_.only_findings) return;
  std::fputs(fmt::format("{}: OK\n", path).c_str(), out_);
}

void TextSink::finish(const Summary& s) {
  if (opt_.quiet) {
    std::fflush(out_);
    return;
  }
  std::string o =
      fmt::format("\n----------- {} SUMMARY -----------\n", s.command.empty() ? "RUN" : s.command);
  for (const auto& [k, v] : s.counts.items()) o += fmt::format("{}: {}\n", k, v.dump());
  o += fmt::format("Findings: {}\nErrors: {}\nTime: {:.3f} sec\n", s.findings, s.errors, s.seconds);
  if (s.interrupted) o += "Interrupted: partial results\n";
  std::fputs(o.c_str(), out_);
  std::fflush(out_);
}

}  // namespace iotguard::report
