// SPDX-License-Identifier: GPL-2.0-or-later
// A small text file read from the root (a script, a unit, a crontab) and the
// helpers checks use to walk its lines.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace iotguard::audit {

class Root;

struct TextFile {
  std::string path;  // inside the root, e.g. "/etc/inittab"
  std::string kind;  // inittab, inetd, xinetd, init-script, rc, systemd, cron, default, uci, config
  std::string text;
};

// Calls fn(line_number, line) for each line, without the newline; stops when fn returns false.
void for_each_line(std::string_view text,
                   const std::function<bool(std::size_t, std::string_view)>& fn);
std::string_view trim(std::string_view s);
// ASCII lower case, for case-insensitive config keywords.
std::string lower(std::string_view s);
// A line that is only a shell/config comment ("#", ";") or blank.
bool is_comment(std::string_view line);
// Whitespace-separated words of a line.
std::vector<std::string_view> words(std::string_view line);
// True when word w appears as a command word in a shell line: at the start, or
// after /, whitespace, ;, &, |, (, `, quotes.
bool has_command(std::string_view line, std::string_view w);

}  // namespace iotguard::audit
