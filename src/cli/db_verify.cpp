// SPDX-License-Identifier: GPL-2.0-or-later
// `iotguard db verify`: does the pattern file compile, read and count as its
// manifest says (docs/signatures.md).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/db_files.h"
#include "cli/db_subcommand.h"
#include "core/credentials.h"
#include "core/finding.h"
#include "detect/engine.h"
#include "report/output_format.h"

namespace iotguard::cli {
namespace {
namespace fs = std::filesystem;

// Entry lines of a credential dictionary: not empty, not a # comment.
std::size_t count_entries(const fs::path& tsv) {
  std::ifstream in(tsv);
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') ++n;
  return n;
}

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
    auto located = locate_db(db);
    if (!located) return db_error(g, located.error().message);
    const fs::path dir = *located;
    std::vector<std::string> problems;
    std::vector<std::string> notes;
    auto m = read_manifest(dir);
    nlohmann::json manifest = m ? *m : nlohmann::json::object();
    if (!m) problems.push_back(m.error().message);

    // Version = release date + serial (build-signatures.py).
    const std::string version = manifest.value("version", "");
    const std::string date = manifest.value("date", "");
    static const std::regex kVersion(R"((\d{4})\.(\d{2})\.(\d{2})\.(\d+))");
    static const std::regex kDate(R"((\d{4})-(\d{2})-(\d{2}))");
    std::smatch vm, dm;
    if (m && !std::regex_match(version, vm, kVersion))
      problems.push_back(fmt::format("manifest: version '{}' is not YYYY.MM.DD.SERIAL", version));
    else if (m && !std::regex_match(date, dm, kDate))
      problems.push_back(fmt::format("manifest: date '{}' is not YYYY-MM-DD", date));
    else if (m && (vm[1] != dm[1] || vm[2] != dm[2] || vm[3] != dm[3]))
      problems.push_back(
          fmt::format("manifest: version {} does not start with the date {}", version, date));

    // Rules: compile each file alone and count what libyara sees.
    const auto files = rule_files(dir);
    if (files.empty()) problems.push_back("no rule files in " + (dir / "rules").string());
    const auto catalog = detect::catalog_rule_files(files);
    const nlohmann::json listed = manifest.value("rules", nlohmann::json::object());
    std::size_t total = 0;
    std::set<std::string> families;
    std::set<std::string> names;
    for (const auto& file : catalog) {
      const std::string fname = file.path.filename().string();
      if (!listed.contains(fname))
        problems.push_back(fmt::format("rules/{}: not in the manifest", fname));
      if (file.error) {
        problems.push_back(fmt::format("rules/{}: does not compile: {}", fname, *file.error));
        continue;
      }
      total += file.rules.size();
      if (listed.contains(fname) && listed[fname] != file.rules.size())
        problems.push_back(fmt::format("rules/{}: manifest says {} rules, the file has {}", fname,
                                       listed[fname].dump(), file.rules.size()));
      for (const auto& r : file.rules) {
        const std::string where = fmt::format("rules/{}: {}", fname, r.name);
        if (!names.insert(r.name).second)
          problems.push_back(where + ": rule name used twice in the pattern file");
        const std::string sev = meta_string(r, "severity");
        if (!parse_severity(sev))
          problems.push_back(fmt::format("{}: severity '{}' is not info..critical", where, sev));
        if (meta_string(r, "description").empty()) problems.push_back(where + ": no description");
        if (is_trait(r)) {
          if (meta_string(r, "trait").empty() || !r.meta.contains("weight") ||
              !r.meta["weight"].is_number_integer())
            problems.push_back(where + ": trait rule without trait/weight meta");
        } else if (meta_string(r, "family").empty()) {
          problems.push_back(where + ": no family meta");
        } else {
          families.insert(meta_string(r, "family"));
        }
      }
    }
    for (const auto& [fname, n] : listed.items()) {
      (void)n;
      if (!fs::exists(dir / "rules" / fname))
        problems.push_back(fmt::format("manifest lists rules/{}, which does not exist", fname));
    }
    if (manifest.contains("rules_total") && manifest["rules_total"] != total)
      problems.push_back(fmt::format("manifest: rules_total {} but the files hold {}",
                                     manifest["rules_total"].dump(), total));
    if (manifest.contains("families")) {
      std::set<std::string> claimed;
      for (const auto& f : manifest["families"])
        if (f.is_string()) claimed.insert(f.get<std::string>());
      if (claimed != families)
        problems.push_back(fmt::format("manifest: families [{}] but the rules name [{}]",
                                       fmt::join(claimed, ", "), fmt::join(families, ", ")));
    }

    // Credential dictionaries: counts, then a real load (malformed lines).
    const nlohmann::json creds = manifest.value("credentials", nlohmann::json::object());
    std::size_t cred_total = 0;
    std::error_code ec;
    std::vector<fs::path> tsvs;
    for (auto it = fs::directory_iterator(dir / "credentials", ec); !ec && it != fs::end(it);
         it.increment(ec))
      if (it->path().extension() == ".tsv") tsvs.push_back(it->path());
    for (const auto& t : tsvs) {
      const std::string fname = t.filename().string();
      const std::size_t n = count_entries(t);
      cred_total += n;
      if (!creds.contains(fname))
        problems.push_back(fmt::format("credentials/{}: not in the manifest", fname));
      else if (creds[fname] != n)
        problems.push_back(fmt::format("credentials/{}: manifest says {} entries, the file has {}",
                                       fname, creds[fname].dump(), n));
    }
    for (const auto& [fname, n] : creds.items()) {
      (void)n;
      if (!fs::exists(dir / "credentials" / fname))
        problems.push_back(
            fmt::format("manifest lists credentials/{}, which does not exist", fname));
    }
    if (!tsvs.empty()) {
      if (auto c = load_credentials(dir / "credentials"); !c)
        problems.push_back(c.error().message);
      else
        problems.insert(problems.end(), c->problems.begin(), c->problems.end());
    }

    // Finally everything together, exactly as a scan loads it (no cache).
    const bool compiled_alone = std::none_of(catalog.begin(), catalog.end(),
                                             [](const auto& f) { return f.error.has_value(); });
    // How much of it the literal pre-filter covers on ELF objects: a rule
    // that needs no literal makes every object run its file's rules.
    std::size_t filtered = 0, on_elf = 0;
    std::string unfiltered;
    if (compiled_alone && !files.empty()) {
      detect::EngineConfig c;
      c.db_dir = dir;
      auto e = detect::Engine::create(c);
      if (!e) {
        problems.push_back("the scan engine cannot load the pattern file: " + e.error().message);
      } else {  // a scan would go on without these; the pattern file must not need that
        for (const auto& r : (*e)->info().yara.rejected)
          problems.push_back(
              fmt::format("{}: does not compile with the others: {}", r.path.string(), r.message));
        filtered = (*e)->info().yara.filtered_rules;
        on_elf = (*e)->info().yara.rules - (*e)->info().yara.never_elf_rules;
        unfiltered = (*e)->info().yara.unfiltered;
      }
    }

    const bool ok = problems.empty();
    if (g.format == report::Format::json) {
      report::write_json_line(stdout, {{"type", "db-verify"},
                                       {"location", fs::absolute(dir).string()},
                                       {"version", version},
                                       {"ok", ok},
                                       {"rule_files", files.size()},
                                       {"rules_total", total},
                                       {"credentials_total", cred_total},
                                       {"elf_rules", on_elf},
                                       {"filtered_rules", filtered},
                                       {"unfiltered", unfiltered},
                                       {"problems", problems}});
    } else {
      for (const auto& p : problems) std::fprintf(stderr, "iotguard db verify: %s\n", p.c_str());
      if (ok) {
        std::printf(
            "pattern file %s verified: %zu rules in %zu files compile, %zu credential "
            "entries, manifest counts match (%s)\n",
            version.c_str(), total, files.size(), cred_total, fs::absolute(dir).c_str());
        std::printf("literal pre-filter on ELF objects: %zu of the %zu rules that run there%s%s\n",
                    filtered, on_elf, unfiltered.empty() ? "" : "; not: ", unfiltered.c_str());
      } else
        std::printf("pattern file %s FAILED verification: %zu problem(s) (%s)\n",
                    version.empty() ? "(unversioned)" : version.c_str(), problems.size(),
                    fs::absolute(dir).c_str());
    }
    return ok ? kExitClean : kExitError;
  }
};

}  // namespace

std::unique_ptr<DbSubcommand> make_db_verify() { return std::make_unique<DbVerify>(); }

}  // namespace iotguard::cli
