// SPDX-License-Identifier: GPL-2.0-or-later
#include "audit/firewall.h"

// glibc first: its netinet/in.h tells the kernel headers not to redefine in_addr.
#include <netinet/in.h>
#include <sys/socket.h>

#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter_ipv4/ip_tables.h>
#include <linux/netfilter_ipv6/ip6_tables.h>
#include <linux/netlink.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "audit/root.h"
#include "audit/text_file.h"

namespace iotguard::audit {
namespace {

constexpr std::size_t kMaxTableBytes = std::size_t{64} << 20;
constexpr std::size_t kMaxTables = 64;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  [[nodiscard]] int get() const { return fd_; }

 private:
  int fd_;
};

std::string no_rights(int err) {
  return err == EPERM || err == EACCES ? "not permitted (needs CAP_NET_ADMIN)" : std::strerror(err);
}

// One family of x_tables: GetInfo/GetEntries are ipt_getinfo/ipt_get_entries
// or their ip6t_ twins (same layout, different option numbers and level).
template <class GetInfo, class GetEntries>
void read_xt(const Root& root, const char* names_file, int domain, int level, int opt_info,
             int opt_entries, XtFamily family, FirewallSource& src, LiveFirewall& out) {
  auto text = root.read(names_file, 65536);
  std::vector<std::string> tables;
  if (text)
    for_each_line(*text, [&](std::size_t, std::string_view l) {
      l = trim(l);
      if (!l.empty() && l.size() < XT_TABLE_MAXNAMELEN && tables.size() < kMaxTables)
        tables.emplace_back(l);
      return true;
    });
  src.tables = tables.size();
  if (tables.empty()) {
    // No x_tables module loaded (or none of its tables): nothing to read.
    src.assessed = true;
    return;
  }
  Fd fd(::socket(domain, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW));
  if (fd.get() < 0) {
    src.problem = "raw socket: " + no_rights(errno);
    return;
  }
  for (const auto& name : tables) {
    GetInfo info{};
    std::memcpy(info.name, name.data(), name.size());
    bool done = false;
    // The table may change between the two calls (EAGAIN): try again a few times.
    for (int attempt = 0; attempt < 3 && !done; ++attempt) {
      socklen_t len = sizeof info;
      if (::getsockopt(fd.get(), level, opt_info, &info, &len) != 0) {
        src.problem = fmt::format("{}: {}", name, no_rights(errno));
        return;
      }
      if (info.size > kMaxTableBytes || info.num_entries > kMaxXtEntries) {
        src.problem = fmt::format("{}: {} bytes, {} entries: over the limit", name, info.size,
                                  info.num_entries);
        return;
      }
      std::vector<unsigned char> buf(sizeof(GetEntries) + info.size);
      auto* req = reinterpret_cast<GetEntries*>(buf.data());
      std::memcpy(req->name, name.data(), name.size());
      req->size = info.size;
      len = static_cast<socklen_t>(buf.size());
      if (::getsockopt(fd.get(), level, opt_entries, buf.data(), &len) != 0) {
        if (errno == EAGAIN) continue;
        src.problem = fmt::format("{}: {}", name, no_rights(errno));
        return;
      }
      XtTableInfo ti;
      ti.name = name;
      ti.valid_hooks = info.valid_hooks;
      std::copy(std::begin(info.hook_entry), std::end(info.hook_entry), ti.hook_entry.begin());
      std::copy(std::begin(info.underflow), std::end(info.underflow), ti.underflow.begin());
      ti.num_entries = info.num_entries;
      const Bytes blob(buf.data() + sizeof(GetEntries),
                       std::min<std::size_t>(info.size, req->size));
      auto parsed = parse_xt_entries(blob, ti, family);
      if (!parsed) {
        src.problem = fmt::format("{}: {}", name, parsed.error().message);
        return;
      }
      src.rules += parsed->rules;
      for (auto& b : parsed->blocking) out.blocking.push_back(std::move(b));
      done = true;
    }
    if (!done) {
      src.problem = fmt::format("{}: kept changing while read", name);
      return;
    }
  }
  src.assessed = true;
}

void read_nft(FirewallSource& src, LiveFirewall& out) {
  Fd fd(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER));
  if (fd.get() < 0) {
    src.problem = fmt::format("nfnetlink socket: {}", std::strerror(errno));
    return;
  }
  timeval tv{2, 0};
  ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
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
  if (::send(fd.get(), &req, sizeof req, 0) != static_cast<ssize_t>(sizeof req)) {
    src.problem = fmt::format("nfnetlink send: {}", std::strerror(errno));
    return;
  }
  NftDump dump;
  std::vector<std::uint8_t> buf(65536);
  for (int rounds = 0; rounds < 100000 && !dump.done; ++rounds) {
    const ssize_t n = ::recv(fd.get(), buf.data(), buf.size(), 0);
    if (n <= 0) break;
    parse_nft_messages(Bytes(buf.data(), static_cast<std::size_t>(n)), dump);
  }
  if (!dump.done) {
    src.problem = "nfnetlink dump did not finish";
    return;
  }
  if (dump.error != 0) {
    src.problem = "nfnetlink: " + no_rights(dump.error);
    return;
  }
  if (dump.malformed > 0)
    src.problem = fmt::format("{} malformed messages skipped", dump.malformed);
  src.assessed = true;
  src.rules = dump.summary.rules;
  for (auto& b : dump.summary.blocking) out.blocking.push_back(std::move(b));
}

}  // namespace

std::size_t LiveFirewall::rules() const {
  std::size_t n = 0;
  for (const auto& s : sources) n += s.rules;
  return n;
}

bool LiveFirewall::all_assessed() const {
  return std::all_of(sources.begin(), sources.end(), [](const auto& s) { return s.assessed; });
}

LiveFirewall read_live_firewall(const Root& root) {
  LiveFirewall out;
  out.sources.resize(3);
  out.sources[0].name = "iptables-legacy";
  read_xt<ipt_getinfo, ipt_get_entries>(root, "/proc/net/ip_tables_names", AF_INET, IPPROTO_IP,
                                        IPT_SO_GET_INFO, IPT_SO_GET_ENTRIES, XtFamily::ipv4,
                                        out.sources[0], out);
  out.sources[1].name = "ip6tables-legacy";
  read_xt<ip6t_getinfo, ip6t_get_entries>(root, "/proc/net/ip6_tables_names", AF_INET6,
                                          IPPROTO_IPV6, IP6T_SO_GET_INFO, IP6T_SO_GET_ENTRIES,
                                          XtFamily::ipv6, out.sources[1], out);
  out.sources[2].name = "nftables";
  read_nft(out.sources[2], out);
  return out;
}

}  // namespace iotguard::audit
