// SPDX-License-Identifier: GPL-2.0-or-later
// EXPO-002: management ports worms target, bound beyond loopback: telnet
// 23/2323 (Mirai, threats.md §2.3), SSH 22, HTTP 80, TR-069 7547, ADB 5555,
// Huawei HG532 37215 and Realtek 52869 (Satori, §2.9), UPnP/SSDP 1900.
#include <map>

#include "audit/check.h"
#include "audit/procfs.h"

namespace iotguard::audit {
namespace {

const std::map<std::uint16_t, std::string_view>& management_ports() {
  static const std::map<std::uint16_t, std::string_view> m = {
      {22, "ssh"},         {23, "telnet"},          {80, "http"},
      {1900, "upnp-ssdp"}, {2323, "telnet"},        {5555, "adb"},
      {7547, "tr-069"},    {37215, "huawei-hg532"}, {52869, "realtek-upnp"}};
  return m;
}

class ExpoManagementPorts final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "EXPO-002",
        "exposure",
        "Management port reachable beyond loopback",
        Severity::high,
        "Telnet, TR-069, ADB and the router-UPnP ports are what Mirai, Satori and Moobot scan "
        "for; reachable from the network they are the way in.",
        "Disable the service or bind it to 127.0.0.1; filter it at the firewall otherwise.",
        {"OWASP-IoT-2018-I2", "OWASP-IoT-2018-I9", "JP-IoT-GL-14"},
        true};
    return i;
  }
  void run(Context& ctx) const override {
    for (const auto& s : ctx.sockets()) {
      if (!s.listening() || s.loopback_only()) continue;
      auto it = management_ports().find(s.local_port);
      if (it == management_ports().end()) continue;
      if (it->second == "upnp-ssdp" ? !s.proto.starts_with("udp") : !s.proto.starts_with("tcp"))
        continue;
      ctx.report(
          std::string(it->second) + " on " + s.local_addr + ":" + std::to_string(s.local_port),
          {{"proto", s.proto},
           {"address", s.local_addr},
           {"port", s.local_port},
           {"service", std::string(it->second)},
           {"pid", s.pid},
           {"process", s.comm}});
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_expo_management_ports() {
  return std::make_unique<ExpoManagementPorts>();
}
}  // namespace iotguard::audit
