// SPDX-License-Identifier: GPL-2.0-or-later
// The live system from /proc, read through the Root: processes (comm, exe,
// socket inodes) and sockets (/proc/net/{tcp,tcp6,udp,udp6,raw,raw6}).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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
// "0100007F:1F90" style hex addresses as the kernel prints them (host-order words).
std::string decode_hex_addr(std::string_view hex);

}  // namespace iotguard::audit
