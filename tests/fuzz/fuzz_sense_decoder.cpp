// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes the packet decoder and the whole sensor (flows, line assembly,
// detectors) over arbitrary frames. The first byte picks the link type; the
// rest is split into frames by a 2-byte length prefix, so one input can build
// flow state across packets.
#include <cstddef>
#include <cstdint>

#include "sense/config.h"
#include "sense/credentials.h"
#include "sense/decoder.h"
#include "sense/sensor.h"

using namespace iotguard::sense;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const int kLinks[] = {dlt::en10mb, dlt::linux_sll, dlt::linux_sll2, dlt::raw,
                               dlt::null,   dlt::ipv4,      dlt::ipv6,       dlt::loop};
  if (size < 1) return 0;
  const int link = kLinks[data[0] % 8];
  static Credentials creds = [] {
    Credentials c;
    c.add("root", "xc3511", "fuzz");
    return c;
  }();
  Config cfg;
  cfg.max_flows = 8;
  cfg.max_hosts = 8;
  cfg.max_alerts = 16;
  cfg.t.scan_min_syns = 1;
  cfg.t.bruteforce_failures = 1;
  cfg.t.flood_pps = 1;
  cfg.t.syn_flood_pps = 1;
  cfg.t.dht_min_queries = 1;
  Sensor sensor(cfg, creds);
  std::size_t off = 1;
  std::int64_t ts = 0;
  while (off + 2 <= size) {
    std::size_t n = (std::size_t{data[off]} << 8 | data[off + 1]);
    off += 2;
    if (n > size - off) n = size - off;
    Packet p;
    (void)decode(link, {data + off, n}, p);
    sensor.process(link, ts, static_cast<std::uint32_t>(n), {data + off, n});
    ts += 1000;
    off += n;
  }
  sensor.finish();
  (void)sensor.counts();
  return 0;
}
