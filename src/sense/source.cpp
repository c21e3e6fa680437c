// SPDX-License-Identifier: GPL-2.0-or-later
#include "sense/source.h"

#include <pcap/pcap.h>

#include <chrono>

namespace iotguard::sense {

PacketSource::PacketSource(pcap* p, bool live) : pcap_(p), live_(live) {
  linktype_ = pcap_datalink(p);
}

PacketSource::~PacketSource() {
  if (pcap_ != nullptr) pcap_close(pcap_);
}

std::optional<std::string> PacketSource::apply_filter(const std::string& filter) {
  if (filter.empty()) return std::nullopt;
  bpf_program prog{};
  if (pcap_compile(pcap_, &prog, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0)
    return "bad filter '" + filter + "': " + pcap_geterr(pcap_);
  const int rc = pcap_setfilter(pcap_, &prog);
  pcap_freecode(&prog);
  if (rc != 0) return std::string("cannot set filter: ") + pcap_geterr(pcap_);
  return std::nullopt;
}

Result<std::unique_ptr<PacketSource>> PacketSource::open_file(const std::string& path,
                                                              const std::string& filter) {
  char err[PCAP_ERRBUF_SIZE] = {};
  pcap* p = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_MICRO, err);
  if (p == nullptr) return Error{err};
  std::unique_ptr<PacketSource> s(new PacketSource(p, false));
  if (!link_supported(s->linktype_))
    return Error{
        "unsupported link type " + std::to_string(s->linktype_) + " (" +
        (pcap_datalink_val_to_name(s->linktype_) ? pcap_datalink_val_to_name(s->linktype_) : "?") +
        ")"};
  if (auto e = s->apply_filter(filter)) return Error{*e};
  return s;
}

Result<std::unique_ptr<PacketSource>> PacketSource::open_live(const std::string& iface,
                                                              const std::string& filter,
                                                              int snaplen) {
  char err[PCAP_ERRBUF_SIZE] = {};
  pcap* p = pcap_create(iface.c_str(), err);
  if (p == nullptr) return Error{err};
  std::unique_ptr<PacketSource> s(new PacketSource(p, true));
  pcap_set_snaplen(p, snaplen);
  pcap_set_promisc(p, 1);
  pcap_set_timeout(p, 200);  // ms: lets the loop notice --duration and Ctrl-C
  pcap_set_immediate_mode(p, 1);
  pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_MICRO);
  const int rc = pcap_activate(p);
  if (rc < 0) return Error{iface + ": " + pcap_geterr(p)};
  s->linktype_ = pcap_datalink(p);
  if (!link_supported(s->linktype_))
    return Error{iface + ": unsupported link type " + std::to_string(s->linktype_)};
  if (auto e = s->apply_filter(filter)) return Error{*e};
  return s;
}

std::optional<std::string> PacketSource::run(Sensor& sensor, const RunLimits& limits) {
  const auto start = std::chrono::steady_clock::now();
  std::uint64_t n = 0;
  for (;;) {
    if (limits.stop != nullptr && limits.stop->load(std::memory_order_relaxed)) {
      interrupted_ = true;
      return std::nullopt;
    }
    if (limits.max_packets != 0 && n >= limits.max_packets) return std::nullopt;
    if (live_ && limits.max_seconds > 0 &&
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >=
            limits.max_seconds)
      return std::nullopt;
    pcap_pkthdr* h = nullptr;
    const std::uint8_t* data = nullptr;
    const int rc = pcap_next_ex(pcap_, &h, &data);
    if (rc == 1) {
      ++n;
      const std::int64_t ts = static_cast<std::int64_t>(h->ts.tv_sec) * 1000000 + h->ts.tv_usec;
      sensor.process(linktype_, ts, h->len, Bytes(data, h->caplen));
    } else if (rc == 0) {
      continue;  // live timeout
    } else if (rc == PCAP_ERROR_BREAK) {
      return std::nullopt;  // end of file
    } else {
      return std::string(pcap_geterr(pcap_));
    }
  }
}

}  // namespace iotguard::sense
