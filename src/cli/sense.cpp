// SPDX-License-Identifier: GPL-2.0-or-later
// `iotguard sense`: spot infected and attacking IoT devices in traffic, from
// capture files or a live interface (docs/sense.md).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/version.h"
#include "report/finding_sink.h"
#include "sense/config.h"
#include "sense/credentials.h"
#include "sense/host_summary.h"
#include "sense/sensor.h"
#include "sense/source.h"
#include "signatures/pattern_file.h"

namespace iotguard::cli {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) { g_stop.store(true); }

// Adds the numbers of one input's counts into the run's totals.
void add_counts(nlohmann::json& total, const nlohmann::json& c) {
  for (const auto& [k, v] : c.items()) {
    if (v.is_number_unsigned()) {
      total[k] = total.value(k, std::uint64_t{0}) + v.get<std::uint64_t>();
    } else if (v.is_object()) {
      if (!total.contains(k)) total[k] = nlohmann::json::object();
      add_counts(total[k], v);
    }
  }
}

class SenseCommand final : public Command {
 public:
  [[nodiscard]] const char* name() const override { return "sense"; }
  [[nodiscard]] const char* summary() const override {
    return "Spot infected and attacking IoT devices in network traffic (pcap files or a live "
           "interface)";
  }

  void configure(CLI::App& sub) override {
    sub.add_option("--pcap", pcaps_, "Capture files (pcap or pcapng) to read")
        ->check(CLI::ExistingFile);
    sub.add_option("--iface", iface_, "Capture live from this interface");
    sub.add_option("-f,--filter", filter_, "BPF filter applied before decoding (tcpdump syntax)");
    sub.add_option("--home-net", home_net_,
                   "Internal networks (CIDR); default RFC 1918, 100.64/10, link-local and ULA");
    sub.add_option("--device-net", device_net_,
                   "IoT device networks (CIDR): DHT traffic from these always alerts");
    sub.add_option("--db", db_, "Signatures directory (default: installed or $IOTGUARD_DB)");
    sub.add_flag("--summary-only", summary_only_, "Print only the per-host summary, not alerts");
    sub.add_option("--duration", duration_, "Live capture: stop after SECONDS")
        ->check(CLI::NonNegativeNumber);
    sub.add_option("--count", count_, "Stop after N packets (per input)");
    sub.add_option("--threshold", thresholds_,
                   "Detector threshold NAME=VALUE (repeatable; see the list below)");
    sub.add_option("--telnet-ports", cfg_.telnet_ports, "Ports treated as telnet")
        ->capture_default_str();
    sub.add_option("--max-hosts", cfg_.max_hosts, "Host table cap per detector (LRU)")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 24));
    sub.add_option("--max-flows", cfg_.max_flows, "TCP flow table cap (LRU)")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 24));
    sub.add_option("--max-alerts", cfg_.max_alerts, "Distinct alerts kept per input")
        ->capture_default_str();
    sub.add_option("--inspect-bytes", cfg_.inspect_bytes,
                   "Payload bytes inspected per flow direction")
        ->capture_default_str()
        ->check(CLI::Range(0U, 1U << 20));
    sub.add_option("--snaplen", snaplen_, "Live capture snapshot length")->capture_default_str();
    std::string list;
    for (const auto& f : sense::threshold_fields())
      list += fmt::format("  {:<26} {:>6}  {}\n", f.name, sense::Thresholds{}.*(f.field), f.help);
    sub.footer(
        "Thresholds (--threshold NAME=VALUE):\n" + list +
        "Examples:\n"
        "  iotguard sense --pcap capture.pcap\n"
        "  iotguard sense --format json --pcap a.pcapng b.pcap -f 'not port 443' | jq .rule\n"
        "  iotguard sense --iface eth0 --duration 600 --summary-only\n"
        "  iotguard sense --pcap lan.pcap --home-net 192.168.7.0/24 --device-net 192.168.7.128/25 "
        "\\\n"
        "      --threshold flood_pps=2000\n"
        "Exit codes: 0 no alert, 1 alerts, 2 error (an input could not be read).");
  }

  int run(const GlobalOptions& g) override {
    if (pcaps_.empty() && iface_.empty()) {
      std::fprintf(stderr, "iotguard sense: give --pcap FILE... or --iface IF\n");
      return kExitError;
    }
    for (const auto& t : thresholds_)
      if (auto e = sense::set_threshold(cfg_.t, t)) return usage_error(*e);
    for (const auto& n : home_net_) {
      auto c = sense::parse_cidr(n);
      if (!c) return usage_error("bad --home-net '" + n + "'");
      cfg_.home_net.push_back(*c);
    }
    for (const auto& n : device_net_) {
      auto c = sense::parse_cidr(n);
      if (!c) return usage_error("bad --device-net '" + n + "'");
      cfg_.device_net.push_back(*c);
    }
    auto pf = signatures::PatternFile::find(db_);
    if (!pf) return usage_error(pf.error().message);
    auto creds = sense::Credentials::load(pf->credentials_dir());
    if (!creds) return usage_error(creds.error().message);

    report::SinkOptions so;
    so.tool_version = IOTGUARD_VERSION;
    auto sink = report::make_sink(g.format, stdout, so);
    report::Summary summary;
    summary.command = "sense";
    const auto start = std::chrono::steady_clock::now();

    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);

    nlohmann::json totals = {{"inputs", std::uint64_t{0}}};
    std::size_t alerts = 0;
    std::vector<std::pair<std::string, bool>> inputs;
    for (const auto& p : pcaps_) inputs.emplace_back(p, false);
    if (!iface_.empty()) inputs.emplace_back(iface_, true);
    for (const auto& [path, live] : inputs) {
      if (g_stop.load()) break;
      auto src = live ? sense::PacketSource::open_live(path, filter_, snaplen_)
                      : sense::PacketSource::open_file(path, filter_);
      if (!src) {
        sink->error(path, src.error().message);
        ++summary.errors;
        continue;
      }
      if (live) {
        std::fprintf(stderr, "iotguard sense: capturing on %s\n", path.c_str());
        std::fflush(stderr);
      }
      sense::Sensor sensor(cfg_, *creds);
      sense::RunLimits lim{count_, duration_, &g_stop};
      if (auto e = (*src)->run(sensor, lim)) {
        sink->error(path, "read error: " + *e);
        ++summary.errors;
      }
      summary.interrupted = summary.interrupted || (*src)->interrupted();
      sensor.finish();
      std::vector<const sense::Alert*> sorted;
      for (const auto& a : sensor.alerts()) sorted.push_back(&a);
      std::sort(sorted.begin(), sorted.end(), [](const sense::Alert* a, const sense::Alert* b) {
        if (a->first_us != b->first_us) return a->first_us < b->first_us;
        if (std::string_view(a->rule->id) != b->rule->id)
          return std::string_view(a->rule->id) < b->rule->id;
        return a->host < b->host;
      });
      alerts += sorted.size();
      if (!summary_only_)
        for (const auto* a : sorted) sink->finding(sense::to_finding(*a, path));
      const auto hosts = sense::summarize_hosts(sensor.alerts(), cfg_);
      if (g.format == report::Format::json) {
        for (const auto& h : hosts) report::write_json_line(stdout, sense::host_json(h, path));
      } else if (g.format == report::Format::text) {
        std::fputs(sense::host_table(hosts, path).c_str(), stdout);
      }
      totals["inputs"] = totals["inputs"].get<std::uint64_t>() + 1;
      add_counts(totals, sensor.counts());
    }
    summary.findings = alerts;
    summary.counts = totals;
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    sink->finish(summary);
    if (summary.errors > 0) return kExitError;
    return alerts > 0 ? kExitFound : kExitClean;
  }

 private:
  static int usage_error(const std::string& m) {
    std::fprintf(stderr, "iotguard sense: %s\n", m.c_str());
    return kExitError;
  }

  std::vector<std::string> pcaps_;
  std::string iface_, filter_;
  std::vector<std::string> home_net_, device_net_, thresholds_;
  std::optional<std::string> db_;
  bool summary_only_ = false;
  double duration_ = 0;
  std::uint64_t count_ = 0;
  int snaplen_ = 262144;
  sense::Config cfg_;
};

}  // namespace

std::unique_ptr<Command> make_sense_command() { return std::make_unique<SenseCommand>(); }

}  // namespace iotguard::cli
