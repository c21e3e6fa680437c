// SPDX-License-Identifier: GPL-2.0-or-later
// The live system from /proc, read through the Root: processes (comm, exe,
// socket inodes) and sockets (/proc/net/{tcp,tcp6,udp,udp6,raw,raw6}).
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace iotguard::audit {

class Root;

struct Process {
  int pid = 0;
  std::string comm;
  std::string exe;  // readlink of /proc/PID/exe, " (deleted)" stripped; empty for kernel threads
  bool exe_deleted = false;
  std::vector<std::uint64_t> socket_inodes;
};

struct Socket {
  std::string proto;  // tcp, tcp6, udp, udp6, raw, raw6
  std::string local_addr;
  std::uint16_t local_port = 0;
  std::string remote_addr;
  std::uint16_t remote_port = 0;
  unsigned state = 0;  // TCP_LISTEN = 0x0A; UDP unconnected = 0x07
  std::uint64_t inode = 0;
  int pid = 0;  // owning process (0 when unknown)
  std::string comm;
  [[nodiscard]] bool listening() const;
  [[nodiscard]] bool loopback_only() const;
};

std::vector<Process> read_processes(const Root& root, std::size_t max_processes,
                                    std::size_t max_fds);
// Parses one /proc/net table; proto names the file ("tcp6", ...).
std::vector<Socket> parse_net_table(std::string_view text, std::string_view proto);
std::vector<Socket> read_sockets(const Root& root, const std::vector<Process>& procs);
// The seals (F_GET_SEALS: F_SEAL_WRITE, ...) of the memfd a process runs
// from, read through /proc/PID/exe. Only on the running system ("/"): a
// hand-made /proc has no memfd behind its links. nullopt when unknown.
std::optional<unsigned> exe_seals(const Root& root, int pid);
// stat of `path` as the process sees it: through /proc/PID/root on the
// running system (a container's /usr/bin is not the host's), else in the root.
Result<struct stat> stat_in_process_root(const Root& root, int pid, const std::string& path);
// "0100007F:1F90" style hex addresses as the kernel prints them (host-order words).
std::string decode_hex_addr(std::string_view hex);

}  // namespace iotguard::audit
