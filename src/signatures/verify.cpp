// SPDX-License-Identifier: GPL-2.0-or-later
// PatternFile::verify: each check adds its problems to the report; a scan
// would go on past most of them, a shipped pattern file must not need that.
#include "signatures/verify.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>

#include "core/credentials.h"
#include "core/finding.h"
#include "detect/engine.h"
#include "signatures/pattern_file.h"
#include "signatures/rule_meta.h"

namespace iotguard::signatures {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Version = release date + serial (build-signatures.py).
void check_version(const json& manifest, std::vector<std::string>& problems) {
  const std::string version = manifest.value("version", "");
  const std::string date = manifest.value("date", "");
  static const std::regex kVersion(R"((\d{4})\.(\d{2})\.(\d{2})\.(\d+))");
  static const std::regex kDate(R"((\d{4})-(\d{2})-(\d{2}))");
  std::smatch vm, dm;
  if (!std::regex_match(version, vm, kVersion))
    problems.push_back(fmt::format("manifest: version '{}' is not YYYY.MM.DD.SERIAL", version));
  else if (!std::regex_match(date, dm, kDate))
    problems.push_back(fmt::format("manifest: date '{}' is not YYYY-MM-DD", date));
  else if (vm[1] != dm[1] || vm[2] != dm[2] || vm[3] != dm[3])
    problems.push_back(
        fmt::format("manifest: version {} does not start with the date {}", version, date));
}

// A rule's meta as docs/signatures.md asks; families of non-trait rules are
// collected for the manifest's list.
void check_rule_meta(const std::string& where, const detect::RuleInfo& r,
                     std::set<std::string>& families, std::vector<std::string>& problems) {
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

// Names the manifest lists under `kind` ("rules", "credentials") that are
// not files of that folder.
void check_listed_exist(const fs::path& dir, const std::string& kind, const json& listed,
                        std::vector<std::string>& problems) {
  for (const auto& [fname, n] : listed.items()) {
    (void)n;
    if (!fs::exists(dir / kind / fname))
      problems.push_back(fmt::format("manifest lists {}/{}, which does not exist", kind, fname));
  }
}

// Rules: compile each file alone and count what libyara sees.
void check_rules(const PatternFile& pf, const json& manifest,
                 const std::vector<detect::RuleFileCatalog>& catalog, VerifyReport& rep) {
  auto& problems = rep.problems;
  if (rep.rule_files == 0) problems.push_back("no rule files in " + pf.rules_dir().string());
  const json listed = manifest.value("rules", json::object());
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
    rep.rules_total += file.rules.size();
    if (listed.contains(fname) && listed[fname] != file.rules.size())
      problems.push_back(fmt::format("rules/{}: manifest says {} rules, the file has {}", fname,
                                     listed[fname].dump(), file.rules.size()));
    for (const auto& r : file.rules) {
      const std::string where = fmt::format("rules/{}: {}", fname, r.name);
      if (!names.insert(r.name).second)
        problems.push_back(where + ": rule name used twice in the pattern file");
      check_rule_meta(where, r, families, problems);
    }
  }
  check_listed_exist(pf.dir(), "rules", listed, problems);
  if (manifest.contains("rules_total") && manifest["rules_total"] != rep.rules_total)
    problems.push_back(fmt::format("manifest: rules_total {} but the files hold {}",
                                   manifest["rules_total"].dump(), rep.rules_total));
  if (manifest.contains("families")) {
    std::set<std::string> claimed;
    for (const auto& f : manifest["families"])
      if (f.is_string()) claimed.insert(f.get<std::string>());
    if (claimed != families)
      problems.push_back(fmt::format("manifest: families [{}] but the rules name [{}]",
                                     fmt::join(claimed, ", "), fmt::join(families, ", ")));
  }
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

// Credential dictionaries: counts, then a real load (malformed lines).
void check_credentials(const PatternFile& pf, const json& manifest, VerifyReport& rep) {
  auto& problems = rep.problems;
  const json creds = manifest.value("credentials", json::object());
  const auto tsvs = pf.credential_files();
  for (const auto& t : tsvs) {
    const std::string fname = t.filename().string();
    const std::size_t n = count_entries(t);
    rep.credentials_total += n;
    if (!creds.contains(fname))
      problems.push_back(fmt::format("credentials/{}: not in the manifest", fname));
    else if (creds[fname] != n)
      problems.push_back(fmt::format("credentials/{}: manifest says {} entries, the file has {}",
                                     fname, creds[fname].dump(), n));
  }
  check_listed_exist(pf.dir(), "credentials", creds, problems);
  if (tsvs.empty()) return;
  if (auto c = load_credentials(pf.credentials_dir()); !c)
    problems.push_back(c.error().message);
  else
    problems.insert(problems.end(), c->problems.begin(), c->problems.end());
}

// Finally everything together, exactly as a scan loads it (no cache), and
// how much of it the literal pre-filter covers on ELF objects: a rule that
// needs no literal makes every object run its file's rules.
void check_engine(const PatternFile& pf, VerifyReport& rep) {
  detect::EngineConfig c;
  pf.configure(c);
  auto e = detect::Engine::create(c);
  if (!e) {
    rep.problems.push_back("the scan engine cannot load the pattern file: " + e.error().message);
    return;
  }
  const auto& y = (*e)->info().yara;
  for (const auto& r : y.rejected)
    rep.problems.push_back(
        fmt::format("{}: does not compile with the others: {}", r.path.string(), r.message));
  rep.filtered_rules = y.filtered_rules;
  rep.elf_rules = y.rules - y.never_elf_rules;
  rep.unfiltered = y.unfiltered;
}

}  // namespace

VerifyReport PatternFile::verify() const {
  VerifyReport rep;
  rep.location = location();
  auto m = manifest();
  const json manifest = m ? *m : json::object();
  if (!m) rep.problems.push_back(m.error().message);
  rep.version = manifest.value("version", "");
  if (m) check_version(manifest, rep.problems);

  const auto catalog = list();
  rep.rule_files = catalog.size();
  check_rules(*this, manifest, catalog, rep);
  check_credentials(*this, manifest, rep);

  const bool compiled_alone = std::none_of(catalog.begin(), catalog.end(),
                                           [](const auto& f) { return f.error.has_value(); });
  if (compiled_alone && !catalog.empty()) check_engine(*this, rep);
  return rep;
}

}  // namespace iotguard::signatures
