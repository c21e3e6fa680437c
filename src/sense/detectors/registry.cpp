// SPDX-License-Identifier: GPL-2.0-or-later
// The detector registry: a new detector is a new file plus one line here.
#include "sense/detectors/detector.h"

#include <algorithm>
#include <cctype>

namespace iotguard::sense {

std::unique_ptr<Detector> make_mirai_scan(const Config&);
std::unique_ptr<Detector> make_telnet_bruteforce(const Config&);
std::unique_ptr<Detector> make_post_login_probe(const Config&);
std::unique_ptr<Detector> make_c2_mirai(const Config&);
std::unique_ptr<Detector> make_c2_irc(const Config&);
std::unique_ptr<Detector> make_p2p_dht(const Config&);
std::unique_ptr<Detector> make_flood(const Config&);
std::unique_ptr<Detector> make_espeon_trigger(const Config&);

std::vector<std::unique_ptr<Detector>> make_detectors(const Config& cfg) {
  std::vector<std::unique_ptr<Detector>> d;
  d.push_back(make_mirai_scan(cfg));
  d.push_back(make_telnet_bruteforce(cfg));
  d.push_back(make_post_login_probe(cfg));
  d.push_back(make_c2_mirai(cfg));
  d.push_back(make_c2_irc(cfg));
  d.push_back(make_p2p_dht(cfg));
  d.push_back(make_flood(cfg));
  d.push_back(make_espeon_trigger(cfg));
  return d;
}

bool contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

bool contains_nocase(std::string_view hay, std::string_view needle) {
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         }) != hay.end();
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.starts_with(prefix); }

}  // namespace iotguard::sense
