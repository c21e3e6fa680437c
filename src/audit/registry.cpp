// SPDX-License-Identifier: GPL-2.0-or-later
// The audit check registry: adding a check is a new file under checks/ plus
// one line in each list here. The order is the order of `iotguard audit --list`.
#include "audit/check.h"

namespace iotguard::audit {

std::unique_ptr<Check> make_auth_empty_password();
std::unique_ptr<Check> make_auth_legacy_hash();
std::unique_ptr<Check> make_auth_default_password();
std::unique_ptr<Check> make_auth_hardcoded_credentials();
std::unique_ptr<Check> make_auth_extra_uid0();
std::unique_ptr<Check> make_remote_telnetd_enabled();
std::unique_ptr<Check> make_remote_ssh_root_password();
std::unique_ptr<Check> make_remote_ssh_empty_password();
std::unique_ptr<Check> make_expo_listening_sockets();
std::unique_ptr<Check> make_expo_management_ports();
std::unique_ptr<Check> make_expo_no_firewall();
std::unique_ptr<Check> make_upd_no_update_mechanism();
std::unique_ptr<Check> make_upd_stale_software();
std::unique_ptr<Check> make_upd_vulnerable_versions();
std::unique_ptr<Check> make_rootkit_ld_preload();
std::unique_ptr<Check> make_rootkit_umbreon_preload_file();
std::unique_ptr<Check> make_rootkit_patched_loader();
std::unique_ptr<Check> make_rootkit_ld_preload_env();
std::unique_ptr<Check> make_rootkit_odd_mappings();
std::unique_ptr<Check> make_rootkit_deleted_exe();
std::unique_ptr<Check> make_rootkit_mirai_name();
std::unique_ptr<Check> make_rootkit_mirai_lock_port();
std::unique_ptr<Check> make_rootkit_raw_sockets();
std::unique_ptr<Check> make_rootkit_watchdog_disabled();
std::unique_ptr<Check> make_rootkit_port_blocking();
std::unique_ptr<Check> make_rootkit_umbreon_artefacts();
std::unique_ptr<Check> make_rootkit_xorddos_artefacts();
std::unique_ptr<Check> make_rootkit_tmp_persistence();
std::unique_ptr<Check> make_hard_tmp_exec();
std::unique_ptr<Check> make_hard_world_writable();
std::unique_ptr<Check> make_hard_setuid();

const std::vector<std::unique_ptr<Check>>& all_checks() {
  static const std::vector<std::unique_ptr<Check>> checks = [] {
    std::vector<std::unique_ptr<Check>> c;
    c.push_back(make_auth_empty_password());
    c.push_back(make_auth_legacy_hash());
    c.push_back(make_auth_default_password());
    c.push_back(make_auth_hardcoded_credentials());
    c.push_back(make_auth_extra_uid0());
    c.push_back(make_remote_telnetd_enabled());
    c.push_back(make_remote_ssh_root_password());
    c.push_back(make_remote_ssh_empty_password());
    c.push_back(make_expo_listening_sockets());
    c.push_back(make_expo_management_ports());
    c.push_back(make_expo_no_firewall());
    c.push_back(make_upd_no_update_mechanism());
    c.push_back(make_upd_stale_software());
    c.push_back(make_upd_vulnerable_versions());
    c.push_back(make_rootkit_ld_preload());
    c.push_back(make_rootkit_umbreon_preload_file());
    c.push_back(make_rootkit_patched_loader());
    c.push_back(make_rootkit_ld_preload_env());
    c.push_back(make_rootkit_odd_mappings());
    c.push_back(make_rootkit_deleted_exe());
    c.push_back(make_rootkit_mirai_name());
    c.push_back(make_rootkit_mirai_lock_port());
    c.push_back(make_rootkit_raw_sockets());
    c.push_back(make_rootkit_watchdog_disabled());
    c.push_back(make_rootkit_port_blocking());
    c.push_back(make_rootkit_umbreon_artefacts());
    c.push_back(make_rootkit_xorddos_artefacts());
    c.push_back(make_rootkit_tmp_persistence());
    c.push_back(make_hard_tmp_exec());
    c.push_back(make_hard_world_writable());
    c.push_back(make_hard_setuid());
    return c;
  }();
  return checks;
}

}  // namespace iotguard::audit
