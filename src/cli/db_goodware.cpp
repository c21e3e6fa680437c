// SPDX-License-Identifier: GPL-2.0-or-later
// `iotguard db goodware build|info|query`: the goodware index the rule
// learner checks every candidate string against.
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/db_subcommand.h"
#include "core/progress.h"
#include "report/output_format.h"
#include "signatures/learn/goodware_index.h"

namespace iotguard::cli {
namespace {
namespace fs = std::filesystem;
namespace learn = signatures::learn;

nlohmann::json stats_json(const learn::GoodwareStats& s) {
  return {{"files", s.files},
          {"bytes", s.bytes},
          {"skipped", s.skipped},
          {"strings", s.strings},
          {"grams", s.grams},
          {"filter_bytes", s.filter_bytes},
          {"false_positive_rate", s.false_positive_rate}};
}

void print_stats(const learn::GoodwareStats& s) {
  std::printf(
      "  files:      %llu ELF files, %.1f MB (%llu skipped)\n"
      "  keys:       %llu distinct strings, %llu distinct 8-byte windows\n"
      "  size:       %.1f MB, false-positive rate per lookup %.3f %%\n",
      static_cast<unsigned long long>(s.files), static_cast<double>(s.bytes) / 1e6,
      static_cast<unsigned long long>(s.skipped), static_cast<unsigned long long>(s.strings),
      static_cast<unsigned long long>(s.grams), static_cast<double>(s.filter_bytes) / 1e6,
      100 * s.false_positive_rate);
}

class DbGoodware final : public DbSubcommand {
 public:
  [[nodiscard]] const char* name() const override { return "goodware"; }
  [[nodiscard]] const char* summary() const override {
    return "Build, describe or query the goodware index `db learn` checks strings against";
  }

  void configure(CLI::App& sub) override {
    sub.require_subcommand(1);
    build_ = sub.add_subcommand("build", "Index every ELF file under PATH... (strings, 8-grams)");
    build_->add_option("-o,--output", out_, "Index file to write")->required();
    build_->add_option("paths", paths_, "Files or folders of benign ELF files")->required();
    build_->add_option("-j,--threads", threads_, "Worker threads")->check(CLI::Range(1, 64));
    info_ = sub.add_subcommand("info", "What an index holds");
    info_->add_option("index", index_, "Index file")->required();
    query_ = sub.add_subcommand("query", "Could each STRING occur in an indexed file?");
    query_->add_option("index", index_, "Index file")->required();
    query_->add_option("strings", strings_, "Printable strings")->required();
    for (CLI::App* s : {build_, info_, query_}) s->fallthrough();
    sub.footer(
        "Examples:\n"
        "  scripts/goodware.sh /var/cache/iotguard/goodware\n"
        "  iotguard db goodware build -o goodware.idx /var/cache/iotguard/goodware\n"
        "  iotguard db goodware info goodware.idx\n"
        "  iotguard db goodware query goodware.idx '/bin/busybox' 'labnet-c2.example'\n"
        "Exit codes: 0 ok (query: every string absent), 1 query: some string may occur in "
        "goodware, 2 error.");
  }

  int run(const GlobalOptions& g, const std::optional<fs::path>&) override {
    const bool json = g.format == report::Format::json;
    if (build_->parsed()) {
      learn::GoodwareBuildOptions o;
      o.threads = threads_;
      Progress progress("indexed", 0, 0, isatty(fileno(stderr)) != 0);
      o.progress = [&](std::uint64_t files, std::uint64_t bytes) { progress.update(files, bytes); };
      std::vector<fs::path> paths(paths_.begin(), paths_.end());
      auto st = learn::build_goodware_index(paths, out_, o);
      progress.clear();
      if (!st) return db_error(g, st.error().message);
      if (json) {
        auto j = stats_json(*st);
        j["type"] = "goodware-index";
        j["path"] = out_;
        report::write_json_line(stdout, j);
      } else {
        std::printf("goodware index %s\n", out_.c_str());
        print_stats(*st);
      }
      return kExitClean;
    }
    auto idx = learn::GoodwareIndex::load(index_);
    if (!idx) return db_error(g, idx.error().message);
    if (info_->parsed()) {
      if (json) {
        auto j = stats_json(idx->stats());
        j["type"] = "goodware-index";
        j["path"] = index_;
        report::write_json_line(stdout, j);
      } else {
        std::printf("goodware index %s\n", index_.c_str());
        print_stats(idx->stats());
      }
      return kExitClean;
    }
    int rc = kExitClean;
    for (const auto& s : strings_) {
      const bool may = idx->may_contain(s);
      if (may) rc = kExitFound;
      if (json)
        report::write_json_line(stdout,
                                {{"type", "goodware-query"}, {"string", s}, {"goodware", may}});
      else
        std::printf("%s\t%s\n", may ? "goodware" : "absent", s.c_str());
    }
    return rc;
  }

 private:
  CLI::App *build_ = nullptr, *info_ = nullptr, *query_ = nullptr;
  std::string out_, index_;
  std::vector<std::string> paths_, strings_;
  unsigned threads_ = 2;
};

}  // namespace

std::unique_ptr<DbSubcommand> make_db_goodware() { return std::make_unique<DbGoodware>(); }

}  // namespace iotguard::cli
