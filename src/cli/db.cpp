// SPDX-License-Identifier: GPL-2.0-or-later
// `iotguard db info|list|verify`: what the pattern file is, which rules it
// holds, and whether its manifest tells the truth (docs/signatures.md).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/command.h"
#include "core/data_dir.h"
#include "core/finding.h"
#include "detect/credentials.h"
#include "detect/engine.h"
#include "detect/yara/rule_catalog.h"

namespace iotguard::cli {
namespace {
namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxManifestBytes = 1u << 20;

Result<nlohmann::json> read_manifest(const fs::path& db) {
  const fs::path p = db / "manifest.json";
  std::error_code ec;
  const auto size = fs::file_size(p, ec);
  if (ec) return Error{p.string() + ": missing"};
  if (size > kMaxManifestBytes) return Error{p.string() + ": larger than 1 MiB"};
  std::ifstream in(p);
  auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error{p.string() + ": not a JSON object"};
  return j;
}

std::vector<fs::path> rule_files(const fs::path& db) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (auto it = fs::directory_iterator(db / "rules", ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    const auto ext = it->path().extension();
    if (it->is_regular_file(ec) && (ext == ".yar" || ext == ".yara")) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Entry lines of a credential dictionary: not empty, not a # comment.
std::size_t count_entries(const fs::path& tsv) {
  std::ifstream in(tsv);
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') ++n;
  return n;
}

std::string meta_string(const detect::RuleInfo& r, const char* key) {
  const auto it = r.meta.find(key);
  return it != r.meta.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool is_trait(const detect::RuleInfo& r) {
  return std::find(r.tags.begin(), r.tags.end(), "trait") != r.tags.end();
}

class DbCommand final : public Command {
 public:
  [[nodiscard]] const char* name() const override { return "db"; }
  [[nodiscard]] const char* summary() const override {
    return "Show, list and verify the pattern file (manifest, YARA rules, dictionaries)";
  }

  void configure(CLI::App& sub) override {
    sub.require_subcommand(1);
    sub.fallthrough();
    sub.add_option("--db", db_, "Pattern-file directory (default: the installed signatures/)");
    info_ = sub.add_subcommand("info", "Manifest: version, date, families, counts, location");
    list_ = sub.add_subcommand("list", "Every rule: name, family, variant, severity, description");
    list_->add_option("--family", family_, "Only rules of this family (case-insensitive)");
    verify_ = sub.add_subcommand("verify",
                                 "Compile every rule, read every credential line and check the "
                                 "manifest's counts against the files");
    verify_->footer(
        "Examples:\n"
        "  iotguard db verify\n"
        "  iotguard db --db ./signatures verify --format json | jq .problems\n"
        "Exit codes: 0 ok, 2 a problem (each named on stderr: file:line for a bad credential "
        "line).");
    for (CLI::App* s : {info_, list_, verify_}) s->fallthrough();
    sub.footer(
        "Examples:\n"
        "  iotguard db info\n"
        "  iotguard db list --family Mirai\n"
        "  iotguard db --db ./signatures verify\n"
        "  iotguard db list --format json | jq -r 'select(.type==\"rule\") | .name'\n"
        "Exit codes: 0 ok, 2 the pattern file is missing, does not compile, has a malformed "
        "credential line or disagrees with its manifest.");
  }

  int run(const GlobalOptions& g) override {
    if (g.format == report::Format::sarif) {
      std::fprintf(stderr, "iotguard db: SARIF is for findings; use --format text or json\n");
      return kExitError;
    }
    json_ = g.format == report::Format::json;
    auto dir = find_signatures_dir(db_);
    if (!dir) return fail(dir.error().message);
    db_dir_ = *dir;
    if (info_->parsed()) return info();
    if (list_->parsed()) return list();
    return verify();
  }

 private:
  int fail(const std::string& message) const {
    if (json_)
      report::write_json_line(stdout, {{"type", "error"}, {"message", message}});
    else
      std::fprintf(stderr, "iotguard db: %s\n", message.c_str());
    return kExitError;
  }

  int info() const {
    auto m = read_manifest(db_dir_);
    if (!m) return fail(m.error().message);
    nlohmann::json j = *m;
    j["type"] = "db-info";
    j["location"] = fs::absolute(db_dir_).string();
    if (json_) {
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

  int list() const {
    const auto catalog = detect::catalog_rule_files(rule_files(db_dir_));
    int rc = kExitClean;
    std::size_t shown = 0;
    if (!json_)
      std::printf("%-34s %-12s %-14s %-8s %s\n", "RULE", "FAMILY", "VARIANT", "SEVERITY",
                  "DESCRIPTION");
    for (const auto& file : catalog) {
      if (file.error) {
        rc = fail(fmt::format("{}: does not compile:\n{}", file.path.string(), *file.error));
        continue;
      }
      for (const auto& r : file.rules) {
        std::string family = meta_string(r, "family");
        const bool trait = is_trait(r);
        if (!family_.empty() && CLI::detail::to_lower(family) != CLI::detail::to_lower(family_))
          continue;
        ++shown;
        if (json_) {
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
    if (json_) report::write_json_line(stdout, {{"type", "summary"}, {"rules", shown}});
    return rc;
  }

  int verify() const {
    std::vector<std::string> problems;
    std::vector<std::string> notes;
    auto m = read_manifest(db_dir_);
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
    const auto files = rule_files(db_dir_);
    if (files.empty()) problems.push_back("no rule files in " + (db_dir_ / "rules").string());
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
      if (!fs::exists(db_dir_ / "rules" / fname))
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
    for (auto it = fs::directory_iterator(db_dir_ / "credentials", ec); !ec && it != fs::end(it);
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
      if (!fs::exists(db_dir_ / "credentials" / fname))
        problems.push_back(
            fmt::format("manifest lists credentials/{}, which does not exist", fname));
    }
    if (!tsvs.empty()) {
      if (auto c = load_credentials(db_dir_ / "credentials"); !c)
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
      c.db_dir = db_dir_;
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
    if (json_) {
      report::write_json_line(stdout, {{"type", "db-verify"},
                                       {"location", fs::absolute(db_dir_).string()},
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
            version.c_str(), total, files.size(), cred_total, fs::absolute(db_dir_).c_str());
        std::printf("literal pre-filter on ELF objects: %zu of the %zu rules that run there%s%s\n",
                    filtered, on_elf, unfiltered.empty() ? "" : "; not: ", unfiltered.c_str());
      } else
        std::printf("pattern file %s FAILED verification: %zu problem(s) (%s)\n",
                    version.empty() ? "(unversioned)" : version.c_str(), problems.size(),
                    fs::absolute(db_dir_).c_str());
    }
    return ok ? kExitClean : kExitError;
  }

  std::optional<std::string> db_;
  std::string family_;
  CLI::App* info_ = nullptr;
  CLI::App* list_ = nullptr;
  CLI::App* verify_ = nullptr;
  bool json_ = false;
  fs::path db_dir_;
};

}  // namespace

std::unique_ptr<Command> make_db_command() { return std::make_unique<DbCommand>(); }

}  // namespace iotguard::cli
