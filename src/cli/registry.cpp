// SPDX-License-Identifier: GPL-2.0-or-later
// The command registry: adding a command is a new file plus one line here.
#include "cli/command.h"

namespace iotguard::cli {

std::unique_ptr<Command> make_check_command();
std::unique_ptr<Command> make_info_command();
std::unique_ptr<Command> make_scan_command();
std::unique_ptr<Command> make_unpack_command();
std::unique_ptr<Command> make_sense_command();
std::unique_ptr<Command> make_firmware_command();
std::unique_ptr<Command> make_audit_command();
std::unique_ptr<Command> make_db_command();

std::vector<std::unique_ptr<Command>> all_commands() {
  std::vector<std::unique_ptr<Command>> c;
  c.push_back(make_check_command());
  c.push_back(make_scan_command());
  c.push_back(make_info_command());
  c.push_back(make_unpack_command());
  c.push_back(make_sense_command());
  c.push_back(make_firmware_command());
  c.push_back(make_audit_command());
  c.push_back(make_db_command());
  return c;
}

}  // namespace iotguard::cli
