// SPDX-License-Identifier: GPL-2.0-or-later
#include "audit/firewall.h"

#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netlink.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <array>
#include <cstring>

#include "audit/root.h"
#include "audit/text_file.h"

namespace iotguard::audit {

std::optional<std::size_t> nftables_rule_count() {
  const int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);
  if (fd < 0) return std::nullopt;
  timeval tv{2, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  struct {
    nlmsghdr nh;
    nfgenmsg nf;
  } req{};
  req.nh.nlmsg_len = sizeof req;
  req.nh.nlmsg_type = (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_GETRULE;
  req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  req.nh.nlmsg_seq = 1;
  req.nf.nfgen_family = AF_UNSPEC;
  req.nf.version = NFNETLINK_V0;
  std::optional<std::size_t> count;
  if (::send(fd, &req, sizeof req, 0) == static_cast<ssize_t>(sizeof req)) {
    std::array<char, 32768> buf{};
    std::size_t rules = 0;
    // A dump ends with NLMSG_DONE; an NLMSG_ERROR means the kernel refused.
    for (int rounds = 0; rounds < 100000; ++rounds) {
      const ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
      if (n <= 0) break;
      bool done = false;
      auto len = static_cast<unsigned>(n);
      for (auto* nh = reinterpret_cast<nlmsghdr*>(buf.data()); NLMSG_OK(nh, len);
           nh = NLMSG_NEXT(nh, len)) {
        if (nh->nlmsg_type == NLMSG_DONE) {
          count = rules;
          done = true;
          break;
        }
        if (nh->nlmsg_type == NLMSG_ERROR) {
          done = true;
          break;
        }
        if ((nh->nlmsg_type & 0xff) == NFT_MSG_NEWRULE) ++rules;
      }
      if (done) break;
    }
  }
  ::close(fd);
  return count;
}

std::size_t legacy_tables_loaded(const Root& root) {
  std::size_t n = 0;
  for (auto f : {"/proc/net/ip_tables_names", "/proc/net/ip6_tables_names"})
    if (auto text = root.read(f, 65536))
      for_each_line(*text, [&](std::size_t, std::string_view l) {
        if (!trim(l).empty()) ++n;
        return true;
      });
  return n;
}

}  // namespace iotguard::audit
