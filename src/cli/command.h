// SPDX-License-Identifier: GPL-2.0-or-later
// A subcommand of `iotguard`. One file per command under src/cli/; the list
// that wires them into the CLI is registry.cpp.
#pragma once

#include <memory>
#include <vector>

#include <CLI/CLI.hpp>

#include "report/output_format.h"
#include "report/run_outcome.h"

namespace iotguard::cli {

// Exit codes (report/run_outcome.h): commands that report findings return
// report::exit_code of their run's outcome.
using report::kExitClean;
using report::kExitError;
using report::kExitFound;

struct GlobalOptions {
  report::Format format = report::Format::text;
};

class Command {
 public:
  virtual ~Command() = default;
  [[nodiscard]] virtual const char* name() const = 0;
  [[nodiscard]] virtual const char* summary() const = 0;
  // Declares options and positionals on the subcommand, and its examples footer.
  virtual void configure(CLI::App& sub) = 0;
  // Runs after parsing; returns the process exit code.
  virtual int run(const GlobalOptions& global) = 0;
};

// Every command, in the order `iotguard --help` lists them (registry.cpp).
std::vector<std::unique_ptr<Command>> all_commands();

}  // namespace iotguard::cli
