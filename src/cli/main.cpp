// SPDX-License-Identifier: GPL-2.0-or-later
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "cli/version.h"

using namespace iotguard;

int main(int argc, char** argv) {
  CLI::App app{
      "IoTGuard: find IoT malware in files and firmware, audit devices for the "
      "weaknesses worms use, and spot infected devices in traffic.",
      "iotguard"};
  app.set_version_flag("--version", "iotguard " IOTGUARD_VERSION);
  app.require_subcommand(1);
  // Global options may follow the subcommand: `iotguard info --format json f`.
  app.fallthrough();
  cli::GlobalOptions global;
  std::string format = "text";
  app.add_option("--format", format, "Output format: text, json (JSON lines) or sarif")
      ->check(CLI::IsMember({"text", "json", "sarif"}, CLI::ignore_case))
      ->option_text("text|json|sarif (default: text)");
  app.footer(
      "Exit codes: 0 clean, 1 something found, 2 error.\n"
      "Examples:\n"
      "  iotguard info /bin/busybox\n"
      "  iotguard info --format json firmware/bin/* | jq .machine\n"
      "Run 'iotguard COMMAND --help' for a command's options.");

  auto commands = cli::all_commands();
  std::vector<std::pair<CLI::App*, cli::Command*>> subs;
  for (auto& c : commands) {
    CLI::App* sub = app.add_subcommand(c->name(), c->summary());
    c->configure(*sub);
    subs.emplace_back(sub, c.get());
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return cli::kExitError;
  }

  global.format = report::format_names().at(CLI::detail::to_lower(format));
  try {
    for (auto& [sub, cmd] : subs)
      if (sub->parsed()) return cmd->run(global);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "iotguard: %s\n", e.what());
    return cli::kExitError;
  }
  return cli::kExitError;
}
