// SPDX-License-Identifier: GPL-2.0-or-later
#include "audit/firewall_rules.h"

// glibc first: its netinet/in.h tells the kernel headers not to redefine in_addr.
#include <netinet/in.h>
#include <sys/socket.h>

#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_tables_compat.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/x_tables.h>
#include <linux/netfilter/xt_tcpudp.h>
#include <linux/netfilter_ipv4/ip_tables.h>
#include <linux/netfilter_ipv6/ip6_tables.h>
#include <linux/netlink.h>

#include <bit>
#include <cstddef>
#include <cstring>
#include <map>
#include <optional>
#include <string_view>

#include <fmt/format.h>

namespace iotguard::audit {

const std::set<unsigned>& bot_ports() {
  static const std::set<unsigned> p = {23, 7547, 5555, 5358};
  return p;
}

namespace {

constexpr Endian kHost = std::endian::native == std::endian::little ? Endian::little : Endian::big;

// Adds the rule when [lo, hi] covers a bot port; the wildcard range a bare
// "-p tcp" match carries (0:65535) is a general filter, not a targeted block.
void consider(RuleSummary& out, BlockingRule r) {
  if (r.port_lo > r.port_hi || (r.port_lo == 0 && r.port_hi == 65535)) return;
  for (unsigned p : bot_ports())
    if (p >= r.port_lo && p <= r.port_hi) r.ports.push_back(p);
  if (!r.ports.empty() && out.blocking.size() < 4096) out.blocking.push_back(std::move(r));
}

std::string cstr(const ByteView& v, std::size_t off, std::size_t max) {
  auto s = v.cstring(off, max);
  return s ? std::string(*s) : std::string();
}

// ---- x_tables (iptables-legacy) ---------------------------------------------

template <class Entry>
struct XtLayout;
template <>
struct XtLayout<ipt_entry> {
  static constexpr std::size_t proto = offsetof(ipt_entry, ip) + offsetof(ipt_ip, proto);
  static constexpr std::size_t invflags = offsetof(ipt_entry, ip) + offsetof(ipt_ip, invflags);
  static constexpr std::size_t flags = 0;  // IPv4 has no "protocol given" flag
};
template <>
struct XtLayout<ip6t_entry> {
  static constexpr std::size_t proto = offsetof(ip6t_entry, ipv6) + offsetof(ip6t_ip6, proto);
  static constexpr std::size_t invflags = offsetof(ip6t_entry, ipv6) + offsetof(ip6t_ip6, invflags);
  static constexpr std::size_t flags = offsetof(ip6t_entry, ipv6) + offsetof(ip6t_ip6, flags);
};

constexpr std::array<const char*, 5> kHooks = {"PREROUTING", "INPUT", "FORWARD", "OUTPUT",
                                               "POSTROUTING"};

template <class Entry>
Result<RuleSummary> parse_xt(Bytes bytes, const XtTableInfo& info, XtFamily family) {
  using L = XtLayout<Entry>;
  const ByteView v(bytes);
  RuleSummary out;
  const std::string source = family == XtFamily::ipv4 ? "iptables-legacy" : "ip6tables-legacy";
  std::string chain;
  std::size_t off = 0, n = 0;
  while (off < v.size()) {
    if (++n > kMaxXtEntries || n > info.num_entries)
      return Error{fmt::format("more entries than the {} announced", info.num_entries)};
    const auto to = v.read<std::uint16_t>(off + offsetof(Entry, target_offset), kHost);
    const auto next = v.read<std::uint16_t>(off + offsetof(Entry, next_offset), kHost);
    if (!to || !next) return Error{fmt::format("entry at {:#x} is truncated", off)};
    // target_offset/next_offset sanity as the kernel's check_entry_size_and_hooks.
    if (*to < sizeof(Entry) || std::size_t{*to} + sizeof(xt_entry_target) > *next ||
        !v.contains(off, *next))
      return Error{
          fmt::format("entry at {:#x}: bad target_offset {} / next_offset {}", off, *to, *next)};
    const ByteView e(*v.slice(off, *next));

    bool policy = false;
    for (std::size_t h = 0; h < kHooks.size(); ++h) {
      if ((info.valid_hooks & (1U << h)) == 0) continue;
      if (info.hook_entry[h] == off) chain = kHooks[h];
      if (info.underflow[h] == off) policy = true;
    }

    const std::size_t t = *to;
    const auto tsize =
        e.read<std::uint16_t>(t + offsetof(xt_entry_target, u.user.target_size), kHost);
    if (!tsize || *tsize < sizeof(xt_entry_target) || !e.contains(t, *tsize))
      return Error{fmt::format("entry at {:#x}: bad target size", off)};
    const std::string target =
        cstr(e, t + offsetof(xt_entry_target, u.user.name), XT_EXTENSION_MAXNAMELEN);
    std::optional<std::int32_t> verdict;
    if (target.empty())
      if (auto raw = e.read<std::uint32_t>(t + offsetof(xt_standard_target, verdict), kHost))
        verdict = static_cast<std::int32_t>(*raw);

    if (target == XT_ERROR_TARGET) {
      // A user chain starts after an ERROR entry that carries its name; the
      // table ends with one named "ERROR".
      chain = cstr(e, t + offsetof(xt_error_target, errorname), XT_FUNCTION_MAXNAMELEN);
      off += *next;
      continue;
    }
    const bool drop = verdict && *verdict == -NF_DROP - 1;
    if (policy) {
      if (drop) ++out.rules;  // a default-deny policy is a filter too
      off += *next;
      continue;
    }
    ++out.rules;

    const auto proto = e.read<std::uint16_t>(L::proto, kHost);
    const auto inv = e.read<std::uint8_t>(L::invflags, kHost);
    bool tcp = proto && *proto == IPPROTO_TCP && inv && (*inv & XT_INV_PROTO) == 0;
    if constexpr (L::flags != 0) {
      const auto fl = e.read<std::uint8_t>(L::flags, kHost);
      tcp = tcp && fl && (*fl & IP6T_F_PROTO) != 0;
    }
    std::string verdict_name;
    if (drop) verdict_name = "DROP";
    if (target == "REJECT") verdict_name = "REJECT";
    if (tcp && !verdict_name.empty()) {
      // Matches sit between the entry header and the target.
      for (std::size_t m = sizeof(Entry); m + sizeof(xt_entry_match) <= t;) {
        const auto msize =
            e.read<std::uint16_t>(m + offsetof(xt_entry_match, u.user.match_size), kHost);
        if (!msize || *msize < sizeof(xt_entry_match) || m + *msize > t)
          return Error{fmt::format("entry at {:#x}: bad match size", off)};
        const std::string name =
            cstr(e, m + offsetof(xt_entry_match, u.user.name), XT_EXTENSION_MAXNAMELEN);
        const std::size_t d = m + sizeof(xt_entry_match);
        if (name == "tcp" && *msize >= sizeof(xt_entry_match) + sizeof(xt_tcp)) {
          const auto lo = e.read<std::uint16_t>(d + offsetof(xt_tcp, dpts), kHost);
          const auto hi = e.read<std::uint16_t>(d + offsetof(xt_tcp, dpts) + 2, kHost);
          const auto tinv = e.read<std::uint8_t>(d + offsetof(xt_tcp, invflags), kHost);
          if (lo && hi && tinv && (*tinv & XT_TCP_INV_DSTPT) == 0)
            consider(out, {source, info.name, chain, *lo, *hi, verdict_name, {}});
        }
        m += *msize;
      }
    }
    off += *next;
  }
  return out;
}

// ---- nftables over nfnetlink -------------------------------------------------

// Netlink attributes (struct nlattr, 4-byte aligned) in a byte range.
template <class Fn>
bool for_each_attr(const ByteView& v, Fn&& fn) {
  std::size_t off = 0;
  while (off + NLA_HDRLEN <= v.size()) {
    const auto len = v.read<std::uint16_t>(off, kHost);
    const auto type = v.read<std::uint16_t>(off + 2, kHost);
    if (!len || !type || *len < NLA_HDRLEN || !v.contains(off, *len)) return false;
    fn(static_cast<std::uint16_t>(*type & NLA_TYPE_MASK),
       ByteView(*v.slice(off + NLA_HDRLEN, *len - NLA_HDRLEN)));
    off += NLA_ALIGN(*len);
  }
  return true;
}

std::optional<std::uint32_t> be32(const ByteView& v) {
  return v.size() == 4 ? v.read<std::uint32_t>(0, Endian::big) : std::nullopt;
}

// Registers: NFT_REG_1..4 (16 bytes) alias NFT_REG32_00..15 (4 bytes each).
std::uint32_t reg32(std::uint32_t r) { return r >= 1 && r <= 4 ? 8 + (r - 1) * 4 : r; }

// NFTA_DATA_VALUE inside an nft_data attribute.
std::optional<ByteView> data_value(const ByteView& v) {
  std::optional<ByteView> out;
  for_each_attr(v, [&](std::uint16_t t, ByteView a) {
    if (t == NFTA_DATA_VALUE) out = a;
  });
  return out;
}

struct RuleState {
  enum class Reg { other, l4proto, dport };
  std::map<std::uint32_t, Reg> regs;
  bool tcp = false;
  bool dport = false;
  bool negated = false;
  unsigned lo = 0, hi = 65535;
  std::string verdict;
};

void expression(std::string_view name, const ByteView& data, int family, RuleState& s) {
  std::map<std::uint16_t, ByteView> a;
  for_each_attr(data, [&](std::uint16_t t, ByteView v) { a.emplace(t, v); });
  auto u32 = [&](std::uint16_t t) -> std::optional<std::uint32_t> {
    auto it = a.find(t);
    return it == a.end() ? std::nullopt : be32(it->second);
  };
  using Reg = RuleState::Reg;
  if (name == "meta") {
    if (auto k = u32(NFTA_META_KEY), d = u32(NFTA_META_DREG); k && d)
      s.regs[reg32(*d)] = *k == NFT_META_L4PROTO ? Reg::l4proto : Reg::other;
  } else if (name == "payload") {
    const auto d = u32(NFTA_PAYLOAD_DREG), b = u32(NFTA_PAYLOAD_BASE), o = u32(NFTA_PAYLOAD_OFFSET),
               l = u32(NFTA_PAYLOAD_LEN);
    if (!d || !b || !o || !l) return;
    Reg r = Reg::other;
    if (*b == NFT_PAYLOAD_TRANSPORT_HEADER && *o == 2 && *l == 2) r = Reg::dport;
    // The IPv4 protocol byte (offset 9) or the IPv6 next header (offset 6).
    const unsigned proto_at = family == NFPROTO_IPV6 ? 6 : 9;
    if (*b == NFT_PAYLOAD_NETWORK_HEADER && *o == proto_at && *l == 1) r = Reg::l4proto;
    s.regs[reg32(*d)] = r;
  } else if (name == "cmp") {
    const auto sreg = u32(NFTA_CMP_SREG), op = u32(NFTA_CMP_OP);
    auto it = a.find(NFTA_CMP_DATA);
    if (!sreg || !op || it == a.end()) return;
    const auto val = data_value(it->second);
    if (!val) return;
    const Reg r = s.regs.contains(reg32(*sreg)) ? s.regs[reg32(*sreg)] : Reg::other;
    if (r == Reg::l4proto && val->size() == 1) {
      if (*op == NFT_CMP_EQ && val->bytes()[0] == IPPROTO_TCP) s.tcp = true;
      if (*op == NFT_CMP_NEQ) s.negated = true;
    } else if (r == Reg::dport && val->size() == 2) {
      const unsigned p = *val->read<std::uint16_t>(0, Endian::big);
      s.dport = true;
      switch (*op) {
        case NFT_CMP_EQ:
          s.lo = std::max(s.lo, p), s.hi = std::min(s.hi, p);
          break;
        case NFT_CMP_GTE:
          s.lo = std::max(s.lo, p);
          break;
        case NFT_CMP_GT:
          s.lo = std::max(s.lo, p + 1);
          break;
        case NFT_CMP_LTE:
          s.hi = std::min(s.hi, p);
          break;
        case NFT_CMP_LT:
          if (p == 0)
            s.negated = true;
          else
            s.hi = std::min(s.hi, p - 1);
          break;
        default:
          s.negated = true;
          break;
      }
    }
  } else if (name == "range") {
    const auto sreg = u32(NFTA_RANGE_SREG), op = u32(NFTA_RANGE_OP);
    auto f = a.find(NFTA_RANGE_FROM_DATA), t = a.find(NFTA_RANGE_TO_DATA);
    if (!sreg || !op || f == a.end() || t == a.end()) return;
    if (!s.regs.contains(reg32(*sreg)) || s.regs[reg32(*sreg)] != Reg::dport) return;
    const auto fv = data_value(f->second), tv = data_value(t->second);
    if (!fv || !tv || fv->size() != 2 || tv->size() != 2) return;
    if (*op != NFT_RANGE_EQ) {
      s.negated = true;
      return;
    }
    s.dport = true;
    s.lo = std::max<unsigned>(s.lo, *fv->read<std::uint16_t>(0, Endian::big));
    s.hi = std::min<unsigned>(s.hi, *tv->read<std::uint16_t>(0, Endian::big));
  } else if (name == "immediate") {
    const auto d = u32(NFTA_IMMEDIATE_DREG);
    auto it = a.find(NFTA_IMMEDIATE_DATA);
    if (!d || *d != NFT_REG_VERDICT || it == a.end()) return;
    for_each_attr(it->second, [&](std::uint16_t t, ByteView v) {
      if (t != NFTA_DATA_VERDICT) return;
      for_each_attr(v, [&](std::uint16_t vt, ByteView code) {
        if (vt == NFTA_VERDICT_CODE)
          if (auto c = be32(code); c && static_cast<std::int32_t>(*c) == NF_DROP)
            s.verdict = "DROP";
      });
    });
  } else if (name == "reject") {
    s.verdict = "REJECT";
  } else if (name == "target") {
    if (auto it = a.find(NFTA_TARGET_NAME); it != a.end() && cstr(it->second, 0, 32) == "REJECT")
      s.verdict = "REJECT";
  } else if (name == "match") {
    // iptables-nft falls back to the x_tables "tcp" match (xt_tcp, host order).
    auto n = a.find(NFTA_MATCH_NAME), info = a.find(NFTA_MATCH_INFO);
    if (n == a.end() || info == a.end() || cstr(n->second, 0, 32) != "tcp" ||
        info->second.size() < sizeof(xt_tcp))
      return;
    const ByteView& x = info->second;
    if ((*x.read<std::uint8_t>(offsetof(xt_tcp, invflags), kHost) & XT_TCP_INV_DSTPT) != 0) {
      s.negated = true;
      return;
    }
    s.tcp = true;
    s.dport = true;
    s.lo = std::max<unsigned>(s.lo, *x.read<std::uint16_t>(offsetof(xt_tcp, dpts), kHost));
    s.hi = std::min<unsigned>(s.hi, *x.read<std::uint16_t>(offsetof(xt_tcp, dpts) + 2, kHost));
  }
}

void nft_rule(const ByteView& payload, int family, NftDump& out) {
  std::string table, chain;
  RuleState s;
  std::size_t exprs = 0;
  const bool ok = for_each_attr(payload, [&](std::uint16_t t, ByteView v) {
    if (t == NFTA_RULE_TABLE) table = cstr(v, 0, 256);
    if (t == NFTA_RULE_CHAIN) chain = cstr(v, 0, 256);
    if (t != NFTA_RULE_EXPRESSIONS) return;
    for_each_attr(v, [&](std::uint16_t et, ByteView elem) {
      if (et != NFTA_LIST_ELEM || ++exprs > 256) return;
      std::string name;
      std::optional<ByteView> data;
      for_each_attr(elem, [&](std::uint16_t xt, ByteView x) {
        if (xt == NFTA_EXPR_NAME) name = cstr(x, 0, 32);
        if (xt == NFTA_EXPR_DATA) data = x;
      });
      if (!name.empty()) expression(name, data.value_or(ByteView()), family, s);
    });
  });
  if (!ok) ++out.malformed;
  ++out.summary.rules;
  if (!s.tcp || !s.dport || s.negated || s.verdict.empty()) return;
  const char* fam = family == NFPROTO_IPV4   ? "ip"
                    : family == NFPROTO_IPV6 ? "ip6"
                    : family == NFPROTO_INET ? "inet"
                                             : "other";
  consider(out.summary,
           {"nftables", fmt::format("{} {}", fam, table), chain, s.lo, s.hi, s.verdict, {}});
}

}  // namespace

Result<RuleSummary> parse_xt_entries(Bytes entries, const XtTableInfo& info, XtFamily family) {
  return family == XtFamily::ipv4 ? parse_xt<ipt_entry>(entries, info, family)
                                  : parse_xt<ip6t_entry>(entries, info, family);
}

void parse_nft_messages(Bytes chunk, NftDump& out) {
  const ByteView v(chunk);
  std::size_t off = 0;
  while (!out.done && off + NLMSG_HDRLEN <= v.size()) {
    const auto len = v.read<std::uint32_t>(off + offsetof(nlmsghdr, nlmsg_len), kHost);
    const auto type = v.read<std::uint16_t>(off + offsetof(nlmsghdr, nlmsg_type), kHost);
    if (!len || !type || *len < NLMSG_HDRLEN || !v.contains(off, *len)) {
      ++out.malformed;
      return;
    }
    const ByteView body(*v.slice(off + NLMSG_HDRLEN, *len - NLMSG_HDRLEN));
    if (*type == NLMSG_DONE) {
      out.done = true;
    } else if (*type == NLMSG_ERROR) {
      const auto err = body.read<std::uint32_t>(0, kHost);
      out.error = err ? -static_cast<int>(static_cast<std::int32_t>(*err)) : 1;
      out.done = true;
    } else if ((*type >> 8) == NFNL_SUBSYS_NFTABLES && (*type & 0xff) == NFT_MSG_NEWRULE) {
      if (body.size() < sizeof(nfgenmsg)) {
        ++out.malformed;
      } else {
        const int family = body.bytes()[offsetof(nfgenmsg, nfgen_family)];
        nft_rule(ByteView(*body.slice(sizeof(nfgenmsg), body.size() - sizeof(nfgenmsg))), family,
                 out);
      }
    }
    off += NLMSG_ALIGN(*len);
  }
}

}  // namespace iotguard::audit
