// SPDX-License-Identifier: GPL-2.0-or-later
// What bots type once a telnet login works (threats.md §2.3, §2.8, §3):
//  - Mirai: `/bin/busybox MIRAI`, the loader's `/bin/busybox ECCHI`, and
//    variants' random upper-case applet names; the reply
//    `<NAME>: applet not found` proves the login worked.
//  - Gafgyt: `/bin/busybox;echo -e '\147\141\171\146\147\164'` (octal "gayfgt").
//  - Mirai loader: the `.nippon` writable-directory test and `dvrHelper`.
//  - Downloads: `wget|tftp|curl ... <name>.<arch>` and `GET /bins/<name>.<arch>`.
// Lines come from the first inspect_bytes of each client stream.
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "core/obfuscated.h"
#include "sense/detectors/detector.h"

namespace iotguard::sense {
namespace {

const RuleInfo kMirai{"Sense.Telnet.MiraiCommands",
                      "Mirai",
                      Severity::critical,
                      0.9,
                      "Mirai bot or loader commands after a telnet login",
                      "targets",
                      "threats.md 2.3, 2.8 (ET 2023016/2023019/2023304)"};
const RuleInfo kGafgyt{"Sense.Telnet.GafgytCommands",
                       "Gafgyt",
                       Severity::critical,
                       0.9,
                       "Gafgyt 'gayfgt' busybox echo probe after a telnet login",
                       "targets",
                       "threats.md 3 (Bashlite scanner)"};
const RuleInfo kDownload{
    "Sense.Telnet.BotDownload",
    nullptr,
    Severity::critical,
    0.85,
    "Bot binary download for an IoT architecture (wget/tftp .../bins/*.<arch>)",
    "servers",
    "threats.md 2.3 (Mirai loader), 2.8 (Mirai_1_May17)"};
const RuleInfo kAnswered{"Sense.Telnet.ProbeAnswered",
                         nullptr,
                         Severity::critical,
                         0.9,
                         "Device answered a bot's busybox probe: the bot's login worked",
                         "bots",
                         "threats.md 2.3, 3"};

constexpr std::array<std::string_view, 27> kArchs = {
    "x86",  "x86_64",  "i486",   "i586",   "i686",   "arm",  "arm4",   "arm5",    "arm6",
    "arm7", "armv4l",  "armv5l", "armv6l", "armv7l", "mips", "mipsel", "mpsl",    "mips64",
    "ppc",  "powerpc", "spc",    "sparc",  "m68k",   "sh4",  "arc",    "aarch64", "i386"};

// The bots' own words, obfuscated (core/obfuscated.h): in clear they make
// IoTGuard's binary match the Gafgyt and Mirai rules.
constexpr auto kMarkers =
    obfuscate("gayfgt", "\\147\\141\\171\\146\\147\\164", ".nippon", "dvrHelper");

struct Markers {
  std::string gayfgt, gayfgt_octal, nippon, dvr_helper;
};

const Markers& markers() {
  static const Markers m = [] {
    auto w = kMarkers.decode();
    return Markers{w[0], w[1], w[2], w[3]};
  }();
  return m;
}

// True when some token of the line ends in ".<arch>".
bool has_arch_suffix(std::string_view line) {
  for (std::size_t dot = line.find('.'); dot != std::string_view::npos;
       dot = line.find('.', dot + 1)) {
    std::size_t end = dot + 1;
    while (end < line.size() &&
           (std::isalnum(static_cast<unsigned char>(line[end])) || line[end] == '_'))
      ++end;
    const auto word = line.substr(dot + 1, end - dot - 1);
    for (auto a : kArchs)
      if (word == a) return true;
  }
  return false;
}

// The word after "/bin/busybox " when it is all upper case (never a real applet).
std::string_view upper_applet(std::string_view line) {
  const auto at = line.find("/bin/busybox ");
  if (at == std::string_view::npos) return {};
  std::size_t b = at + 13;
  while (b < line.size() && line[b] == ' ') ++b;
  std::size_t e = b;
  while (e < line.size() && std::isupper(static_cast<unsigned char>(line[e]))) ++e;
  if (e - b < 3 || (e < line.size() && std::isalnum(static_cast<unsigned char>(line[e]))))
    return {};
  return line.substr(b, e - b);
}

class PostLoginProbe final : public Detector {
 public:
  [[nodiscard]] const char* name() const override { return "post_login_probe"; }

  void on_line(const Packet& p, Flow& f, Direction d, std::string_view line, bool complete,
               Context& c) override {
    if (!complete) return;
    if (d == kToClient) {
      // "MIRAI: applet not found" from the device; the shell's echo of the
      // command line itself contains "/bin/busybox", the answer does not.
      const bool applet = contains(line, ": applet not found") && !contains(line, "/bin/busybox");
      const bool gayfgt = contains(line, markers().gayfgt) && !contains(line, "echo");
      if (!applet && !gayfgt) return;
      if (applet) {
        const auto name = line.substr(0, line.find(':'));
        bool upper = name.size() >= 3;
        for (char ch : name) upper = upper && std::isupper(static_cast<unsigned char>(ch));
        if (!upper) return;
      }
      Alert* a = c.alerts.raise(kAnswered, f.server, p.ts_us);
      if (!a) return;
      a->add_peer(f.client);
      a->add_port(f.sport);
      a->add_sample(line);
      return;
    }
    std::string_view step;
    const RuleInfo* rule = nullptr;
    if (const auto app = upper_applet(line); !app.empty()) {
      rule = &kMirai;
      step = "busybox_probe";
    } else if (contains(line, markers().gayfgt_octal) || contains(line, markers().gayfgt)) {
      rule = &kGafgyt;
      step = "gayfgt_echo";
    } else if ((contains(line, "wget ") || contains(line, "tftp ") || contains(line, "curl ") ||
                (starts_with(line, "GET ") && contains(line, "/bins/"))) &&
               has_arch_suffix(line)) {
      rule = &kDownload;
      step = "download";
    } else if (contains(line, markers().nippon)) {
      rule = &kMirai;
      step = "loader_nippon";
    } else if (contains(line, markers().dvr_helper)) {
      rule = &kMirai;
      step = "loader_dvrhelper";
    }
    if (!rule) return;
    Alert* a = c.alerts.raise(*rule, f.client, p.ts_us);
    if (!a) return;
    a->add_peer(f.server);
    a->add_port(f.sport);
    a->add_sample(line);
    a->counts[std::string(step)] += 1;
  }
};

}  // namespace

std::unique_ptr<Detector> make_post_login_probe(const Config&) {
  return std::make_unique<PostLoginProbe>();
}

}  // namespace iotguard::sense
