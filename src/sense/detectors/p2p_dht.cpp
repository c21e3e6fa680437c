// SPDX-License-Identifier: GPL-2.0-or-later
// P2P botnets on the BitTorrent DHT: Mozi and Hajime find peers through
// KRPC (BEP 5) over UDP, bootstrapping from port 6881 and a fixed node list
// (threats.md §7, §8). A PC running a torrent client does the same, but it
// also speaks the peer wire protocol ("\x13BitTorrent protocol", BEP 3).
// So an internal host raises the alert when it sent enough KRPC messages
// and either lies in --device-net or never spoke the peer wire protocol in
// the capture. The decision waits for the end of the input.
#include <array>
#include <string>

#include "sense/detectors/detector.h"
#include "sense/lru_table.h"

namespace iotguard::sense {
namespace {

const RuleInfo kRule{"Sense.P2P.DhtDevice",
                     nullptr,
                     Severity::medium,
                     0.6,
                     "BitTorrent DHT traffic from a device without torrent transfers "
                     "(Mozi/Hajime-style P2P botnet)",
                     "dht_peers",
                     "threats.md 7 (Hajime), 8 (Mozi bootstrap nodes)"};

// Mozi's hard-coded bootstrap addresses (threats.md §8).
constexpr std::array<std::array<std::uint8_t, 4>, 4> kBootstrap = {
    {{212, 129, 33, 59}, {82, 221, 103, 244}, {130, 239, 18, 159}, {87, 98, 162, 88}}};

struct DhtState {
  std::int64_t first_us = 0, last_us = 0;
  std::uint32_t queries = 0, responses = 0, bootstrap = 0;
  bool peer_wire = false;
  std::array<IpAddr, 8> peers{};
  std::uint8_t npeers = 0;
  std::uint32_t peer_overflow = 0;
  std::array<char, 16> method{};
};

bool is_bootstrap(const Packet& p) {
  if (p.dport == 6881) return true;
  if (!p.dst.v4) return false;
  for (const auto& b : kBootstrap)
    if (std::equal(b.begin(), b.end(), p.dst.b.begin())) return true;
  return false;
}

class P2pDht final : public Detector {
 public:
  explicit P2pDht(const Config& cfg) : hosts_(cfg.max_hosts) {}
  [[nodiscard]] const char* name() const override { return "p2p_dht"; }
  [[nodiscard]] std::uint64_t evictions() const override { return hosts_.evictions(); }

  void on_packet(const Packet& p, Context& c) override {
    if (!p.is_udp() || p.payload.size() < 12 || p.payload[0] != 'd') return;
    const std::string_view s(reinterpret_cast<const char*>(p.payload.data()),
                             std::min<std::size_t>(p.payload.size(), 512));
    const bool query = contains(s, "1:y1:q");
    const bool response = !query && contains(s, "1:y1:r");
    if (!query && !response) return;
    if (!c.internal(p.src)) return;
    bool created = false;
    DhtState& h = hosts_.get(p.src, &created);
    if (created) h.first_us = p.ts_us;
    h.last_us = p.ts_us;
    if (query) {
      ++h.queries;
      for (std::string_view m : {"4:ping", "9:find_node", "9:get_peers", "13:announce_peer"}) {
        if (contains(s, "1:q" + std::string(m))) {
          const auto name = m.substr(m.find(':') + 1);
          std::copy_n(name.begin(), std::min(name.size(), h.method.size() - 1), h.method.begin());
          break;
        }
      }
    } else {
      ++h.responses;
    }
    if (is_bootstrap(p)) ++h.bootstrap;
    bool known = false;
    for (std::size_t i = 0; i < h.npeers; ++i) known = known || h.peers[i] == p.dst;
    if (!known) {
      if (h.npeers < h.peers.size())
        h.peers[h.npeers++] = p.dst;
      else
        ++h.peer_overflow;
    }
  }

  void on_segment(const Packet& p, Flow& f, Direction d, Bytes data, Context& c) override {
    (void)d;
    (void)c;
    // BEP 3 handshake: pstrlen 19 then "BitTorrent protocol", either side.
    static constexpr std::string_view kHello(
        "\x13"
        "BitTorrent protocol");
    if (data.size() < kHello.size() ||
        std::string_view(reinterpret_cast<const char*>(data.data()), kHello.size()) != kHello)
      return;
    (void)f;
    if (DhtState* h = hosts_.find(p.src))
      h->peer_wire = true;
    else
      hosts_.get(p.src).peer_wire = true;
  }

  void finish(Context& c) override {
    hosts_.for_each([&](const IpAddr& host, DhtState& h) {
      const std::uint32_t msgs = h.queries + h.responses;
      if (static_cast<double>(msgs) < c.cfg.t.dht_min_queries) return;
      bool device = false;
      for (const auto& n : c.cfg.device_net) device = device || n.contains(host);
      if (!device && h.peer_wire) return;
      Alert* a = c.alerts.raise(kRule, host, h.first_us, msgs);
      if (!a) return;
      a->last_us = h.last_us;
      for (std::size_t i = 0; i < h.npeers; ++i) a->add_peer(h.peers[i]);
      a->peers_dropped += h.peer_overflow;
      a->counts["queries"] = h.queries;
      a->counts["responses"] = h.responses;
      a->counts["to_bootstrap"] = h.bootstrap;
      if (h.method[0] != '\0') a->facts["method"] = h.method.data();
      a->facts["why"] = device ? "host is in --device-net" : "no BitTorrent peer-wire traffic";
    });
  }

 private:
  LruTable<IpAddr, DhtState, IpAddrHash> hosts_;
};

}  // namespace

std::unique_ptr<Detector> make_p2p_dht(const Config& cfg) { return std::make_unique<P2pDht>(cfg); }

}  // namespace iotguard::sense
