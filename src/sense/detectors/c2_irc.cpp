// SPDX-License-Identifier: GPL-2.0-or-later
// IRC-style C2 of Gafgyt/Bashlite and Tsunami/Kaiten (threats.md §3, §4).
//  - Gafgyt: the CNC sends "!* <VERB>" lines (UDP, TCP, SCANNER, KILLATTK,
//    LOLNOGTFO, ...); the bot registers with "BUILD <arch>" and reports
//    cracked logins as "REPORT ip:user:pass".
//  - Tsunami: the bot logs in with "USER x localhost localhost :"; commands
//    arrive as PRIVMSG verbs (TSUNAMI, PAN, UDP, KILLALL, ...); replies carry
//    "Tsunami heading for", "Panning", "Kaiten wa goraku", "[STD]Hitting".
// Ordinary IRC has PRIVMSG too, so a verb counts only on a flow whose client
// sent Tsunami's fixed USER line.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "core/obfuscated.h"

#include "sense/detectors/detector.h"

namespace iotguard::sense {
namespace {

const RuleInfo kGafgyt{"Sense.C2.Gafgyt",
                       "Gafgyt",
                       Severity::critical,
                       0.85,
                       "Gafgyt/Bashlite C2 command channel",
                       "c2",
                       "threats.md 3 (Bashlite client.c)"};
const RuleInfo kTsunami{"Sense.C2.Tsunami",
                        "Tsunami",
                        Severity::critical,
                        0.85,
                        "Tsunami/Kaiten IRC C2 commands",
                        "c2",
                        "threats.md 4 (Tsunami/Kaiten)"};

constexpr std::uint8_t kBuild = 1, kTsunamiUser = 2;

// Obfuscated (core/obfuscated.h): in clear, the verbs and replies make
// IoTGuard's own binary match the Gafgyt and Tsunami rules.
constexpr auto kGafgytVerbs =
    obfuscate("PING", "GETLOCALIP", "SCANNER", "EMAIL", "HOLD", "JUNK", "UDP", "TCP", "KILLATTK",
              "LOLNOGTFO", "SH", "DUP", "HTTPFLOOD");
constexpr auto kTsunamiVerbs = obfuscate("TSUNAMI", "PAN", "UDP", "UNKNOWN", "SPOOFS", "GETSPOOFS",
                                         "KILLALL", "DISABLE", "ENABLE", "SH", "NICK");
constexpr auto kTsunamiReplies =
    obfuscate("Tsunami heading for", "Kaiten wa goraku", "[STD]Hitting", ":Panning");

using Words = std::vector<std::string>;

struct Vocabulary {
  Words gafgyt = kGafgytVerbs.decode();
  Words tsunami = kTsunamiVerbs.decode();
  Words replies = kTsunamiReplies.decode();
};

const Vocabulary& vocabulary() {
  static const Vocabulary v;
  return v;
}

std::string_view first_word(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return s.substr(0, s.find(' '));
}

bool contains_any(std::string_view line, const Words& set) {
  return std::any_of(set.begin(), set.end(),
                     [&](const std::string& v) { return contains(line, v); });
}

bool in(std::string_view w, const Words& set) {
  return std::any_of(set.begin(), set.end(), [&](const std::string& v) { return w == v; });
}

// The verb of a PRIVMSG text: its first word, or the second after "!*",
// "!nick" or a bare nick (Kaiten addresses bots by nick).
bool tsunami_command(std::string_view line) {
  const auto at = line.find("PRIVMSG ");
  if (at == std::string_view::npos) return false;
  const auto colon = line.find(" :", at);
  if (colon == std::string_view::npos) return false;
  std::string_view text = line.substr(colon + 2);
  const Words& verbs = vocabulary().tsunami;
  auto w1 = first_word(text);
  if (in(w1, verbs)) return true;
  text.remove_prefix(std::min(text.size(), text.find(w1) + w1.size()));
  return in(first_word(text), verbs);
}

class C2Irc final : public Detector {
 public:
  [[nodiscard]] const char* name() const override { return "c2_irc"; }

  void on_line(const Packet& p, Flow& f, Direction d, std::string_view line, bool complete,
               Context& c) override {
    if (!complete) return;
    if (d == kToServer) {
      if (starts_with(line, "BUILD ")) {
        f.irc_flags |= kBuild;
        pending_ = std::string(line.substr(0, 60));
      } else if (starts_with(line, "USER ") && contains(line, " localhost localhost :")) {
        f.irc_flags |= kTsunamiUser;
      } else if (starts_with(line, "REPORT ") && std::count(line.begin(), line.end(), ':') >= 2) {
        report(kGafgyt, p, f, line, c, "reports");
      } else if (starts_with(line, "NOTICE ") && contains_any(line, vocabulary().replies)) {
        report(kTsunami, p, f, line, c, "replies");
      }
      return;
    }
    if (starts_with(line, "!* ") && in(first_word(line.substr(3)), vocabulary().gafgyt)) {
      Alert* a = report(kGafgyt, p, f, line, c, "commands");
      if (a && (f.irc_flags & kBuild) && !pending_.empty()) a->add_sample(pending_);
    } else if ((f.irc_flags & kTsunamiUser) && tsunami_command(line)) {
      report(kTsunami, p, f, line, c, "commands");
    }
  }

 private:
  Alert* report(const RuleInfo& r, const Packet& p, const Flow& f, std::string_view line,
                Context& c, const char* what) {
    Alert* a = c.alerts.raise(r, f.client, p.ts_us);
    if (!a) return nullptr;
    a->add_peer(f.server);
    a->add_port(f.sport);
    a->add_sample(line);
    a->counts[what] += 1;
    return a;
  }
  std::string pending_;  // the last "BUILD" line, shown with the first command
};

}  // namespace

std::unique_ptr<Detector> make_c2_irc(const Config&) { return std::make_unique<C2Irc>(); }

}  // namespace iotguard::sense
