// SPDX-License-Identifier: GPL-2.0-or-later
// `iotguard db verify`: prints signatures::PatternFile::verify's report.
#include <cstdio>
#include <string>

#include "cli/db_subcommand.h"
#include "report/output_format.h"
#include "signatures/pattern_file.h"
#include "signatures/verify.h"

namespace iotguard::cli {
namespace {
namespace fs = std::filesystem;

class DbVerify final : public DbSubcommand {
 public:
  [[nodiscard]] const char* name() const override { return "verify"; }
  [[nodiscard]] const char* summary() const override {
    return "Compile every rule, read every credential line and check the manifest's counts "
           "against the files";
  }
  void configure(CLI::App& sub) override {
    sub.footer(
        "Examples:\n"
        "  iotguard db verify\n"
        "  iotguard db --db ./signatures verify --format json | jq .problems\n"
        "Exit codes: 0 ok, 2 a problem (each named on stderr: file:line for a bad credential "
        "line).");
  }

  int run(const GlobalOptions& g, const std::optional<fs::path>& db) override {
    auto pf = signatures::PatternFile::find(db);
    if (!pf) return db_error(g, pf.error().message);
    const signatures::VerifyReport r = pf->verify();
    if (g.format == report::Format::json) {
      report::write_json_line(stdout, {{"type", "db-verify"},
                                       {"location", r.location.string()},
                                       {"version", r.version},
                                       {"ok", r.ok()},
                                       {"rule_files", r.rule_files},
                                       {"rules_total", r.rules_total},
                                       {"credentials_total", r.credentials_total},
                                       {"elf_rules", r.elf_rules},
                                       {"filtered_rules", r.filtered_rules},
                                       {"unfiltered", r.unfiltered},
                                       {"problems", r.problems}});
    } else {
      for (const auto& p : r.problems) std::fprintf(stderr, "iotguard db verify: %s\n", p.c_str());
      if (r.ok()) {
        std::printf(
            "pattern file %s verified: %zu rules in %zu files compile, %zu credential "
            "entries, manifest counts match (%s)\n",
            r.version.c_str(), r.rules_total, r.rule_files, r.credentials_total,
            r.location.c_str());
        std::printf("literal pre-filter on ELF objects: %zu of the %zu rules that run there%s%s\n",
                    r.filtered_rules, r.elf_rules,
                    r.unfiltered.empty() ? "" : "; not: ", r.unfiltered.c_str());
      } else {
        std::printf("pattern file %s FAILED verification: %zu problem(s) (%s)\n",
                    r.version.empty() ? "(unversioned)" : r.version.c_str(), r.problems.size(),
                    r.location.c_str());
      }
    }
    return r.ok() ? kExitClean : kExitError;
  }
};

}  // namespace

std::unique_ptr<DbSubcommand> make_db_verify() { return std::make_unique<DbVerify>(); }

}  // namespace iotguard::cli
