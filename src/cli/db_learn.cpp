// SPDX-License-Identifier: GPL-2.0-or-later
// `iotguard db learn`: YARA rules for a family, learnt from its samples and
// checked against the goodware index (signatures/learn/learner.h).
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/db_subcommand.h"
#include "report/output_format.h"
#include "signatures/learn/learner.h"
#include "signatures/pattern_file.h"

namespace iotguard::cli {
namespace {
namespace fs = std::filesystem;
namespace learn = signatures::learn;

class DbLearn final : public DbSubcommand {
 public:
  [[nodiscard]] const char* name() const override { return "learn"; }
  [[nodiscard]] const char* summary() const override {
    return "Learn YARA rules for a malware family from its samples (files, folders, archives)";
  }

  void configure(CLI::App& sub) override {
    auto* fam = sub.add_option("--family", family_, "Every sample given is of this family");
    auto* lab = sub.add_option("--labels", labels_,
                               "TSV of sha256<TAB>family[<TAB>variant]: learn every family listed "
                               "(samples not listed are ignored); other families sharpen each "
                               "family's rules");
    fam->excludes(lab);
    sub.add_option("--goodware", goodware_, "Goodware index (db goodware build); strongly advised");
    sub.add_option("-o,--output", out_, "YARA file to write")->required();
    sub.add_option("paths", paths_, "Sample files, folders or archives")->required();
    sub.add_option("--prefix", o_.prefix, "Rule name prefix (<prefix>_<family>_<n>)");
    sub.add_option("--severity", o_.severity, "meta severity of every rule")
        ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}));
    sub.add_option("--reference", o_.reference, "meta reference (a public write-up of the family)");
    sub.add_option("--description", o_.description, "meta description (the finding's title)");
    sub.add_option("--min-samples", o_.min_samples, "Samples a variant needs for a rule")
        ->check(CLI::Range(1, 100000));
    sub.add_option("--max-rules", o_.max_rules_per_family, "Rules per family at most")
        ->check(CLI::Range(1, 1000));
    sub.add_option("--max-strings", o_.max_strings, "Strings per rule at most")
        ->check(CLI::Range(1, 64));
    sub.add_option("--cribs", cribs_,
                   "Known plaintexts (one per line) to find XOR keys by; default: the pattern "
                   "file's learn/cribs.txt");
    sub.add_option("--reject", reject_,
                   "Strings never to use, one per line (a candidate holding one is dropped): "
                   "what a reviewer turned down");
    sub.add_option("-j,--threads", o_.threads, "Worker threads")->check(CLI::Range(1, 64));
    sub.footer(
        "Examples:\n"
        "  iotguard db learn --family Mirai --goodware goodware.idx -o mirai.yar samples/mirai/\n"
        "  iotguard db learn --labels labels.tsv --goodware goodware.idx -o learned.yar samples/\n"
        "  iotguard db learn --family Gafgyt -o g.yar kit.zip --format json | jq .covered\n"
        "Strings come from each sample and its UPX payload: plaintext, UTF-16LE, and text "
        "hidden by XOR (every single-byte key 0x01-0xff by the table layout; 1- and 4-byte "
        "keys from the cribs). Strings the goodware index holds are never used.\n"
        "Exit codes: 0 rules written, 2 error (no samples, unreadable labels or index).");
  }

  int run(const GlobalOptions& g, const std::optional<fs::path>& db) override {
    const bool json = g.format == report::Format::json;
    o_.inputs.assign(paths_.begin(), paths_.end());
    if (!family_.empty()) o_.family = family_;
    if (!labels_.empty()) o_.labels = labels_;
    if (!goodware_.empty()) o_.goodware = goodware_;
    if (!o_.family && !o_.labels) return db_error(g, "give --family NAME or --labels FILE");
    o_.output = out_;
    fs::path crib_file = cribs_;
    if (crib_file.empty())
      if (auto pf = signatures::PatternFile::find(db))
        if (std::error_code ec; fs::exists(pf->cribs(), ec)) crib_file = pf->cribs();
    if (!crib_file.empty()) {
      auto cribs = learn::load_lines(crib_file);
      if (!cribs) return db_error(g, cribs.error().message);
      o_.candidates.xor_options.cribs = std::move(*cribs);
    }
    if (!reject_.empty()) {
      auto r = learn::load_lines(reject_, 1);
      if (!r) return db_error(g, r.error().message);
      o_.candidates.rejected = std::move(*r);
    }
    const bool tty = isatty(fileno(stderr)) != 0;
    o_.progress = [&](const std::string& s) {
      if (tty && !json) std::fprintf(stderr, "learn: %s\n", s.c_str());
    };
    auto rep = learn::learn(o_);
    if (!rep) return db_error(g, rep.error().message);
    for (const auto& e : rep->errors)
      if (!json) std::fprintf(stderr, "iotguard db learn: %s\n", e.c_str());
    for (const auto& r : rep->rules) {
      if (json) {
        report::write_json_line(stdout, {{"type", "rule"},
                                         {"name", r.name},
                                         {"family", r.family},
                                         {"variant", r.variant},
                                         {"strings", r.strings},
                                         {"threshold", r.threshold},
                                         {"covered", r.covered},
                                         {"samples", r.family_samples},
                                         {"other_families_matched", r.other_hits},
                                         {"arches", r.arches}});
      } else {
        std::printf(
            "%-36s covers %zu of %zu %s samples (%zu of %zu strings; %zu of other "
            "families; CPUs %s)\n",
            r.name.c_str(), r.covered, r.family_samples, r.family.c_str(), r.threshold, r.strings,
            r.other_hits, fmt::format("{}", fmt::join(r.arches, ",")).c_str());
      }
    }
    if (json) {
      report::write_json_line(stdout, {{"type", "summary"},
                                       {"output", out_},
                                       {"samples", rep->samples},
                                       {"covered", rep->covered},
                                       {"rules", rep->rules.size()},
                                       {"families", rep->family_samples},
                                       {"families_covered", rep->family_covered},
                                       {"uncovered", rep->uncovered},
                                       {"errors", rep->errors},
                                       {"seconds", rep->seconds}});
    } else {
      std::printf("%zu rules in %s: %zu of %zu samples covered (%.1f s)\n", rep->rules.size(),
                  out_.c_str(), rep->covered, rep->samples, rep->seconds);
    }
    return kExitClean;
  }

 private:
  learn::LearnOptions o_;
  std::string family_, labels_, goodware_, out_, cribs_, reject_;
  std::vector<std::string> paths_;
};

}  // namespace

std::unique_ptr<DbSubcommand> make_db_learn() { return std::make_unique<DbLearn>(); }

}  // namespace iotguard::cli
