// SPDX-License-Identifier: GPL-2.0-or-later
// `iotguard db info`: what the manifest says, and where the pattern file is.
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/db_subcommand.h"
#include "report/output_format.h"
#include "signatures/pattern_file.h"

namespace iotguard::cli {
namespace {
namespace fs = std::filesystem;

class DbInfo final : public DbSubcommand {
 public:
  [[nodiscard]] const char* name() const override { return "info"; }
  [[nodiscard]] const char* summary() const override {
    return "Manifest: version, date, families, counts, location";
  }
  void configure(CLI::App& /*sub*/) override {}

  int run(const GlobalOptions& g, const std::optional<fs::path>& db) override {
    auto pf = signatures::PatternFile::find(db);
    if (!pf) return db_error(g, pf.error().message);
    auto m = pf->manifest();
    if (!m) return db_error(g, m.error().message);
    nlohmann::json j = *m;
    j["type"] = "db-info";
    j["location"] = pf->location().string();
    if (g.format == report::Format::json) {
      report::write_json_line(stdout, j);
      return kExitClean;
    }
    std::string out =
        fmt::format("{} {}\n", j.value("name", "pattern file"), j.value("version", "(no version)"));
    out += fmt::format("  date:      {}\n", j.value("date", "(none)"));
    out += fmt::format("  location:  {}\n", j["location"].get<std::string>());
    if (j.contains("families") && j["families"].is_array()) {
      std::vector<std::string> fams;
      for (const auto& f : j["families"])
        if (f.is_string()) fams.push_back(f.get<std::string>());
      out += fmt::format("  families:  {}\n", fmt::join(fams, ", "));
    }
    if (j.contains("rules") && j["rules"].is_object()) {
      out += fmt::format("  rules:     {} in {} files\n", j.value("rules_total", 0),
                         j["rules"].size());
      for (const auto& [file, n] : j["rules"].items())
        out += fmt::format("    {:<24} {}\n", file, n.dump());
    }
    if (j.contains("credentials") && j["credentials"].is_object()) {
      out += "  credentials:\n";
      for (const auto& [file, n] : j["credentials"].items())
        out += fmt::format("    {:<24} {} entries\n", file, n.dump());
    }
    std::fputs(out.c_str(), stdout);
    return kExitClean;
  }
};

}  // namespace

std::unique_ptr<DbSubcommand> make_db_info() { return std::make_unique<DbInfo>(); }

}  // namespace iotguard::cli
