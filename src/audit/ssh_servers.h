// SPDX-License-Identifier: GPL-2.0-or-later
// How the SSH servers in a root are configured, from sshd_config(5) (with its
// Include files and Match blocks) and from
// the way dropbear is started (its flags, /etc/default/dropbear, OpenWrt's
// /etc/config/dropbear). REMOTE-002 and REMOTE-003 read this.
#pragma once

#include <string>
#include <vector>

namespace iotguard::audit {

class Context;

struct SshServerSetting {
  std::string server;  // "sshd" or "dropbear"
  std::string file;
  std::size_t line = 0;
  std::string setting;  // the directive or command line that decides
  bool root_password_login = false;
  bool empty_passwords = false;
  std::string match;  // sshd: the Match condition the setting sits under ("" = every connection)
};

std::vector<SshServerSetting> ssh_server_settings(Context& ctx);

}  // namespace iotguard::audit
