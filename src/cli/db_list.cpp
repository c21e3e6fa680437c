// SPDX-License-Identifier: GPL-2.0-or-later
// `iotguard db list`: every rule of the pattern file with its family.
#include <cstdio>
#include <string>

#include <fmt/format.h>

#include "cli/db_subcommand.h"
#include "report/output_format.h"
#include "signatures/pattern_file.h"
#include "signatures/rule_meta.h"

namespace iotguard::cli {
namespace {
namespace fs = std::filesystem;
using signatures::is_trait;
using signatures::meta_string;

class DbList final : public DbSubcommand {
 public:
  [[nodiscard]] const char* name() const override { return "list"; }
  [[nodiscard]] const char* summary() const override {
    return "Every rule: name, family, variant, severity, description";
  }
  void configure(CLI::App& sub) override {
    sub.add_option("--family", family_, "Only rules of this family (case-insensitive)");
  }

  int run(const GlobalOptions& g, const std::optional<fs::path>& db) override {
    auto pf = signatures::PatternFile::find(db);
    if (!pf) return db_error(g, pf.error().message);
    const bool json = g.format == report::Format::json;
    const auto catalog = pf->list();
    int rc = kExitClean;
    std::size_t shown = 0;
    if (!json)
      std::printf("%-34s %-12s %-14s %-8s %s\n", "RULE", "FAMILY", "VARIANT", "SEVERITY",
                  "DESCRIPTION");
    for (const auto& file : catalog) {
      if (file.error) {
        rc = db_error(g, fmt::format("{}: does not compile:\n{}", file.path.string(), *file.error));
        continue;
      }
      for (const auto& r : file.rules) {
        std::string family = meta_string(r, "family");
        const bool trait = is_trait(r);
        if (!family_.empty() && !signatures::of_family(r, family_)) continue;
        ++shown;
        if (json) {
          nlohmann::json j = {
              {"type", "rule"},
              {"file", file.path.filename().string()},
              {"name", r.name},
              {"family", family.empty() ? nlohmann::json(nullptr) : nlohmann::json(family)},
              {"variant", meta_string(r, "variant")},
              {"severity", meta_string(r, "severity")},
              {"description", meta_string(r, "description")},
              {"reference", meta_string(r, "reference")},
              {"tags", r.tags}};
          if (trait)
            j["trait"] = {{"id", meta_string(r, "trait")}, {"weight", r.meta.value("weight", 0)}};
          report::write_json_line(stdout, j);
        } else {
          if (trait) family = fmt::format("(trait w{})", r.meta.value("weight", 0));
          std::printf("%-34s %-12s %-14s %-8s %s\n", r.name.c_str(), family.c_str(),
                      meta_string(r, "variant").c_str(), meta_string(r, "severity").c_str(),
                      meta_string(r, "description").c_str());
        }
      }
    }
    if (json) report::write_json_line(stdout, {{"type", "summary"}, {"rules", shown}});
    return rc;
  }

 private:
  std::string family_;
};

}  // namespace

std::unique_ptr<DbSubcommand> make_db_list() { return std::make_unique<DbList>(); }

}  // namespace iotguard::cli
