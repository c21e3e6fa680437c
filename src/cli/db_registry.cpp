// SPDX-License-Identifier: GPL-2.0-or-later
// The db subcommand registry: adding one is a new file plus one line here.
#include "cli/db_subcommand.h"

namespace iotguard::cli {

std::unique_ptr<DbSubcommand> make_db_info();
std::unique_ptr<DbSubcommand> make_db_list();
std::unique_ptr<DbSubcommand> make_db_verify();
std::unique_ptr<DbSubcommand> make_db_goodware();
std::unique_ptr<DbSubcommand> make_db_learn();

std::vector<std::unique_ptr<DbSubcommand>> all_db_subcommands() {
  std::vector<std::unique_ptr<DbSubcommand>> s;
  s.push_back(make_db_info());
  s.push_back(make_db_list());
  s.push_back(make_db_verify());
  s.push_back(make_db_goodware());
  s.push_back(make_db_learn());
  return s;
}

}  // namespace iotguard::cli
