// SPDX-License-Identifier: GPL-2.0-or-later
// A subcommand of `iotguard db`. One file per subcommand under src/cli/db_*.cpp;
// the list that wires them under `db` is db_registry.cpp.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command.h"

namespace iotguard::cli {

class DbSubcommand {
 public:
  virtual ~DbSubcommand() = default;
  [[nodiscard]] virtual const char* name() const = 0;
  [[nodiscard]] virtual const char* summary() const = 0;
  virtual void configure(CLI::App& sub) = 0;  // options, positionals, examples footer
  // `db` is the value of `iotguard db --db DIR` when given.
  virtual int run(const GlobalOptions& g, const std::optional<std::filesystem::path>& db) = 0;
};

// Every db subcommand, in the order `iotguard db --help` lists them (db_registry.cpp).
std::vector<std::unique_ptr<DbSubcommand>> all_db_subcommands();

// Reports a db error as every db subcommand does: a JSON error record on
// stdout with --format json, else a line on stderr. Returns kExitError.
int db_error(const GlobalOptions& g, const std::string& message);

}  // namespace iotguard::cli
