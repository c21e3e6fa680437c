// SPDX-License-Identifier: GPL-2.0-or-later
// `iotguard db SUBCOMMAND`: the pattern file's subcommands (db_registry.cpp),
// wired under one `--db`. `--db` and `--format` may come before or after the
// subcommand name.
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

#include "cli/command.h"
#include "cli/db_subcommand.h"
#include "report/output_format.h"

namespace iotguard::cli {

int db_error(const GlobalOptions& g, const std::string& message) {
  if (g.format == report::Format::json)
    report::write_json_line(stdout, {{"type", "error"}, {"message", message}});
  else
    std::fprintf(stderr, "iotguard db: %s\n", message.c_str());
  return kExitError;
}

namespace {

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
    for (auto& s : subs_) {
      CLI::App* app = sub.add_subcommand(s->name(), s->summary());
      app->fallthrough();
      s->configure(*app);
      apps_.push_back(app);
    }
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
    const auto db = db_ ? std::optional<std::filesystem::path>(*db_) : std::nullopt;
    for (std::size_t i = 0; i < subs_.size(); ++i)
      if (apps_[i]->parsed()) return subs_[i]->run(g, db);
    return kExitError;
  }

 private:
  std::vector<std::unique_ptr<DbSubcommand>> subs_ = all_db_subcommands();
  std::vector<CLI::App*> apps_;
  std::optional<std::string> db_;
};

}  // namespace

std::unique_ptr<Command> make_db_command() { return std::make_unique<DbCommand>(); }

}  // namespace iotguard::cli
