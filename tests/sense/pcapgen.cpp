// SPDX-License-Identifier: GPL-2.0-or-later
// sense_pcapgen SCENARIO OUT.pcap | sense_pcapgen mixed OUT.pcap MEGABYTES | sense_pcapgen --list
#include <cstdio>
#include <cstdlib>
#include <string>

#include "scenarios.h"

int main(int argc, char** argv) {
  using namespace iotguard::testing;
  if (argc == 2 && std::string(argv[1]) == "--list") {
    for (const auto& n : scenario_names()) std::printf("%s\n", n.c_str());
    return 0;
  }
  if (argc == 4 && std::string(argv[1]) == "mixed") {
    const auto mb = std::strtoull(argv[3], nullptr, 10);
    const auto n = write_mixed(argv[2], mb * 1000000ULL);
    std::printf("%llu bytes\n", static_cast<unsigned long long>(n));
    return 0;
  }
  if (argc == 3 && write_scenario(argv[1], argv[2])) return 0;
  std::fprintf(stderr, "usage: sense_pcapgen SCENARIO OUT | mixed OUT MEGABYTES | --list\n");
  return 2;
}
