// SPDX-License-Identifier: GPL-2.0-or-later
// Telnet brute force: Mirai runs 128 parallel sessions with 10 tries per host
// and Gafgyt walks a user x password list (threats.md §2.3, §3). From the
// wire that is many failed logins or many short sessions from one source,
// and cleartext user/password pairs from the default-credential dictionary.
// The login dialogue is read from the server's prompts ("login:",
// "Password:") and the client's next line; only dictionary passwords are
// ever copied into evidence.
#include <string>

#include "sense/detectors/detector.h"
#include "sense/lru_table.h"

namespace iotguard::sense {
namespace {

const RuleInfo kBrute{"Sense.Telnet.BruteForce",
                      nullptr,
                      Severity::high,
                      0.8,
                      "Telnet brute force (many failed logins or short sessions)",
                      "targets",
                      "threats.md 2.3, 3 (Mirai and Gafgyt scanners)"};
const RuleInfo kDict{"Sense.Telnet.DefaultCredentials",
                     nullptr,
                     Severity::high,
                     0.9,
                     "Telnet login attempts with default IoT credentials",
                     "targets",
                     "threats.md 2.2, 3 (credential tables)"};

struct BruteState {
  std::int64_t first_us = 0;
  std::uint32_t sessions = 0, short_sessions = 0, attempts = 0, failures = 0, dict_hits = 0;
};

std::string_view rtrim(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ends_with_nocase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && contains_nocase(s.substr(s.size() - suffix.size()), suffix);
}

bool is_failure(std::string_view line) {
  return contains_nocase(line, "incorrect") || contains_nocase(line, "login failed") ||
         contains_nocase(line, "authentication failed") || contains_nocase(line, "access denied");
}

class TelnetBruteforce final : public Detector {
 public:
  explicit TelnetBruteforce(const Config& cfg) : hosts_(cfg.max_hosts) {}
  [[nodiscard]] const char* name() const override { return "telnet_bruteforce"; }
  [[nodiscard]] std::uint64_t evictions() const override { return hosts_.evictions(); }

  void on_line(const Packet& p, Flow& f, Direction d, std::string_view line, bool complete,
               Context& c) override {
    if (!c.telnet_port(f.sport)) return;
    if (d == kToClient) {
      const auto t = rtrim(line);
      if (ends_with_nocase(t, "login:") || ends_with_nocase(t, "username:") ||
          ends_with_nocase(t, "user:"))
        f.expect = TelnetExpect::user;
      else if (ends_with_nocase(t, "password:"))
        f.expect = TelnetExpect::password;
      if (complete && is_failure(line)) {
        ++f.failures;
        BruteState& s = state(f, p);
        ++s.failures;
        judge(p, f, s, c);
      }
      return;
    }
    if (!complete) return;
    ++f.client_lines;
    if (f.expect == TelnetExpect::user) {
      f.user_len = static_cast<std::uint8_t>(std::min(line.size(), f.user.size()));
      std::copy_n(line.begin(), f.user_len, f.user.begin());
    } else if (f.expect == TelnetExpect::password) {
      ++f.attempts;
      BruteState& s = state(f, p);
      ++s.attempts;
      const std::string_view user(f.user.data(), f.user_len);
      if (const std::string* src = c.creds.match(user, line)) {
        ++s.dict_hits;
        if (static_cast<double>(s.dict_hits) >= c.cfg.t.dictionary_hits) {
          Alert* a = c.alerts.raise(kDict, f.client, p.ts_us);
          if (a) {
            if (a->events == 1) {
              a->first_us = s.first_us;
              a->events = s.dict_hits;
            }
            a->add_peer(f.server);
            a->add_port(f.sport);
            a->add_sample(std::string(user) + ":" + std::string(line) + " (" + *src + ")");
            a->counts["dictionary_attempts"] = s.dict_hits;
            a->counts["login_attempts"] = s.attempts;
          }
        }
      }
      judge(p, f, s, c);
    }
    f.expect = TelnetExpect::none;
  }

  void on_close(const Packet& p, Flow& f, Context& c) override {
    // Only sessions in which both sides spoke: a port scan's SYN/RST is no login.
    if (!c.telnet_port(f.sport) || f.dir[kToServer].inspected == 0 ||
        f.dir[kToClient].inspected == 0)
      return;
    BruteState& s = state(f, p);
    ++s.sessions;
    if (static_cast<double>(p.ts_us - f.first_us) < c.cfg.t.short_session_seconds * 1e6)
      ++s.short_sessions;
    judge(p, f, s, c);
  }

 private:
  BruteState& state(const Flow& f, const Packet& p) {
    bool created = false;
    BruteState& s = hosts_.get(f.client, &created);
    if (created) s.first_us = f.first_us < p.ts_us ? f.first_us : p.ts_us;
    return s;
  }

  void judge(const Packet& p, const Flow& f, const BruteState& s, Context& c) {
    if (static_cast<double>(s.failures) < c.cfg.t.bruteforce_failures &&
        static_cast<double>(s.short_sessions) < c.cfg.t.bruteforce_short_sessions)
      return;
    Alert* a = c.alerts.raise(kBrute, f.client, p.ts_us);
    if (!a) return;
    if (a->events == 1) a->first_us = s.first_us;
    a->add_peer(f.server);
    a->add_port(f.sport);
    a->counts["failed_logins"] = s.failures;
    a->counts["login_attempts"] = s.attempts;
    a->counts["sessions"] = s.sessions;
    a->counts["short_sessions"] = s.short_sessions;
  }

  LruTable<IpAddr, BruteState, IpAddrHash> hosts_;
};

}  // namespace

std::unique_ptr<Detector> make_telnet_bruteforce(const Config& cfg) {
  return std::make_unique<TelnetBruteforce>(cfg);
}

}  // namespace iotguard::sense
