// SPDX-License-Identifier: GPL-2.0-or-later
#include "report/text_sink.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "report/elf_info.h"

namespace iotguard::report {

TextSink::TextSink(std::FILE* out, SinkOptions opt) : out_(out), opt_(std::move(opt)) {}

void TextSink::finding(const Finding& f) {
  // clamscan's "path: Name FOUND" for detections (medium and up) so existing
  // scripts keep working; lesser findings end in their severity instead. The
  // title follows on an indented line for people.
  const std::string where = f.object.links.size() > 1 ? f.object.str() : f.path;
  std::string verdict = "FOUND";
  if (f.severity < Severity::medium) {
    verdict = std::string(to_string(f.severity));
    for (auto& c : verdict) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  std::string text = fmt::format("{}: {} {}\n", where, f.rule, verdict);
  if (!opt_.quiet && !f.title.empty())
    text += fmt::format("    [{}] {}\n", to_string(f.severity), f.title);
  // A decoded family config (C2, credentials, Mozi tags) is what a person
  // acts on; print it once per object even when several rules carry it.
  if (!opt_.quiet && f.evidence.contains("config") && f.evidence["config"].is_object()) {
    std::string cfg =
        where + '\0' +
        f.evidence["config"].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (cfg != last_config_) {
      const std::string c = config_text(f.evidence["config"]);
      for (std::size_t at = 0; at < c.size();) {
        const std::size_t end = std::min(c.find('\n', at), c.size() - 1);
        text += "  " + c.substr(at, end - at + 1);
        at = end + 1;
      }
      last_config_ = std::move(cfg);
    }
  }
  std::fputs(text.c_str(), out_);
}

void TextSink::error(const std::string& path, const std::string& message) {
  std::fputs(fmt::format("{}: ERROR: {}\n", path, message).c_str(), out_);
}

void TextSink::skipped(const std::string& path, const std::string& reason) {
  if (opt_.only_findings) return;
  std::fputs(fmt::format("{}: SKIPPED: {}\n", path, reason).c_str(), out_);
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
  std::string title = s.command.empty() ? "RUN" : s.command;
  for (auto& c : title) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string o = fmt::format("\n----------- {} SUMMARY -----------\n", title);
  for (const auto& [k, v] : s.counts.items()) {
    // "scanned_files" -> "Scanned files"
    std::string label = k;
    for (auto& c : label) c = c == '_' ? ' ' : c;
    if (!label.empty())
      label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    const std::string value =
        v.is_string()         ? v.get<std::string>()
        : v.is_number_float() ? fmt::format("{:.2f}", v.get<double>())
                              : v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    o += fmt::format("{}: {}\n", label, value);
  }
  o += fmt::format("Findings: {}\nErrors: {}\nTime: {:.3f} sec\n", s.findings, s.errors, s.seconds);
  if (s.interrupted) o += "Interrupted: partial results\n";
  std::fputs(o.c_str(), out_);
  std::fflush(out_);
}

}  // namespace iotguard::report
