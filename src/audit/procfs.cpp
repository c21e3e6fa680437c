// SPDX-License-Identifier: GPL-2.0-or-later
#include "audit/procfs.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <map>

#include "audit/root.h"
#include "audit/text_file.h"

namespace iotguard::audit {
namespace {

template <class T>
bool parse_hex(std::string_view s, T& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out, 16);
  return ec == std::errc() && p == s.data() + s.size();
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

constexpr std::string_view kDeleted = " (deleted)";

// The running system, where /proc/PID/exe and /proc/PID/root are the
// kernel's magic links, which the in-root resolver does not follow.
bool running_system(const Root& root) { return root.live() && root.dir() == "/"; }

}  // namespace

std::string decode_hex_addr(std::string_view hex) {
  // The kernel prints each 32-bit word of the address with %08X in host byte
  // order (net/ipv4/tcp_ipv4.c, net/ipv6/tcp_ipv6.c): copying the parsed words
  // back into memory restores the network-order bytes.
  if (hex.size() != 8 && hex.size() != 32) return {};
  unsigned char bytes[16];
  const std::size_t words = hex.size() / 8;
  for (std::size_t i = 0; i < words; ++i) {
    std::uint32_t w = 0;
    if (!parse_hex(hex.substr(i * 8, 8), w)) return {};
    std::memcpy(bytes + i * 4, &w, 4);
  }
  char buf[INET6_ADDRSTRLEN] = {};
  if (inet_ntop(words == 1 ? AF_INET : AF_INET6, bytes, buf, sizeof buf) == nullptr) return {};
  return buf;
}

bool Socket::listening() const {
  if (proto.starts_with("tcp")) return state == 0x0A;
  if (proto.starts_with("udp")) return state == 0x07 && remote_port == 0;
  return false;
}

bool Socket::loopback_only() const {
  return local_addr.starts_with("127.") || local_addr == "::1" ||
         local_addr.starts_with("::ffff:127.");
}

std::vector<Socket> parse_net_table(std::string_view text, std::string_view proto) {
  std::vector<Socket> out;
  for_each_line(text, [&](std::size_t n, std::string_view line) {
    if (n == 1) return true;  // header
    auto w = words(line);
    if (w.size() < 10) return true;
    Socket s;
    s.proto = proto;
    auto split = [](std::string_view a, std::string& addr, std::uint16_t& port) {
      const std::size_t c = a.find(':');
      if (c == std::string_view::npos) return false;
      addr = decode_hex_addr(a.substr(0, c));
      return !addr.empty() && parse_hex(a.substr(c + 1), port);
    };
    if (!split(w[1], s.local_addr, s.local_port) || !split(w[2], s.remote_addr, s.remote_port))
      return true;
    if (!parse_hex(w[3], s.state)) return true;
    auto [p, ec] = std::from_chars(w[9].data(), w[9].data() + w[9].size(), s.inode);
    if (ec != std::errc()) return true;
    out.push_back(std::move(s));
    return true;
  });
  return out;
}

std::vector<Process> read_processes(const Root& root, std::size_t max_processes,
                                    std::size_t max_fds) {
  std::vector<Process> out;
  auto entries = root.list("/proc", max_processes * 2 + 1024);
  if (!entries) return out;
  for (const auto& e : *entries) {
    if (!all_digits(e.name) || out.size() >= max_processes) continue;
    Process p;
    std::from_chars(e.name.data(), e.name.data() + e.name.size(), p.pid);
    const std::string dir = "/proc/" + e.name;
    auto comm = root.read(dir + "/comm", 256);
    if (!comm) continue;  // the process exited
    p.comm = std::string(trim(std::string_view(*comm).substr(0, comm->find('\n'))));
    if (auto exe = root.readlink(dir + "/exe")) {
      p.exe = *exe;
      if (p.exe.ends_with(kDeleted)) {
        p.exe.resize(p.exe.size() - kDeleted.size());
        p.exe_deleted = true;
      }
    }
    if (auto fds = root.list(dir + "/fd", max_fds)) {
      for (const auto& fd : *fds) {
        auto target = root.readlink(dir + "/fd/" + fd.name);
        if (!target || !target->starts_with("socket:[")) continue;
        std::uint64_t inode = 0;
        const std::string_view t = *target;
        auto [ptr, ec] = std::from_chars(t.data() + 8, t.data() + t.size(), inode);
        if (ec == std::errc()) p.socket_inodes.push_back(inode);
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<Socket> read_sockets(const Root& root, const std::vector<Process>& procs) {
  std::map<std::uint64_t, const Process*> owner;
  for (const auto& p : procs)
    for (auto i : p.socket_inodes) owner.emplace(i, &p);
  std::vector<Socket> out;
  for (std::string_view proto : {"tcp", "tcp6", "udp", "udp6", "raw", "raw6"}) {
    auto text = root.read("/proc/net/" + std::string(proto), std::size_t{16} << 20);
    if (!text) continue;
    for (auto& s : parse_net_table(*text, proto)) {
      if (auto it = owner.find(s.inode); it != owner.end() && s.inode != 0) {
        s.pid = it->second->pid;
        s.comm = it->second->comm;
      }
      out.push_back(std::move(s));
    }
  }
  return out;
}

std::optional<unsigned> exe_seals(const Root& root, int pid) {
  if (!running_system(root)) return std::nullopt;
  const int fd = ::open(("/proc/" + std::to_string(pid) + "/exe").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  const int seals = ::fcntl(fd, F_GET_SEALS);
  ::close(fd);
  if (seals < 0) return std::nullopt;  // EINVAL: not a memfd (or shmem) file
  return static_cast<unsigned>(seals);
}

Result<struct stat> stat_in_process_root(const Root& root, int pid, const std::string& path) {
  if (!running_system(root)) return root.stat(path);
  struct stat st {};
  const std::string in_root = "/proc/" + std::to_string(pid) + "/root" + path;
  if (::stat(in_root.c_str(), &st) != 0) return Error{in_root + ": " + std::strerror(errno)};
  return st;
}

}  // namespace iotguard::audit
