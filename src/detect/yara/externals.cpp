// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/yara/externals.h"

#include "detect/yara/rule_text.h"

#include <pwd.h>

#include <algorithm>
#include <cerrno>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace iotguard::detect::yara {

bool depends_on_path(std::string_view external) {
  return external == "filename" || external == "filepath" || external == "extension" ||
         external == "owner";
}

std::set<std::string, std::less<>> externals_read(std::string_view t) {
  std::set<std::string, std::less<>> out;
  bool in_meta = false;  // meta keys are free names: `filename = "x.exe"` reads nothing
  for_each_word(t, [&](const Word& w) {
    std::size_t k = w.end;
    while (k < t.size() && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r' || t[k] == '\n')) ++k;
    const bool section = k < t.size() && t[k] == ':';
    if (section && w.text == "meta") {
      in_meta = true;
    } else if (section && (w.text == "strings" || w.text == "condition")) {
      in_meta = false;
    } else if (!in_meta && w.before != '$' && w.before != '#' && w.before != '@' &&
               w.before != '!' && w.before != '.' &&
               std::find(kExternals.begin(), kExternals.end(), w.text) != kExternals.end()) {
      out.emplace(w.text);
    }
  });
  return out;
}

namespace {

struct Magic {
  std::size_t at;
  std::string_view bytes;
  std::string_view name;
};

using namespace std::string_view_literals;

// Longer magics before their prefixes ("#!/" before "#!", "<%@" before "<%").
constexpr Magic kMagics[] = {
    {0,
     "\x7f"
     "ELF"sv,
     "ELF"},
    {0, "MZ"sv, "EXE"},
    {0, "\xfe\xed\xfa\xce"sv, "MACH-O"},
    {0, "\xfe\xed\xfa\xcf"sv, "MACH-O"},
    {0, "\xce\xfa\xed\xfe"sv, "MACH-O"},
    {0, "\xcf\xfa\xed\xfe"sv, "MACH-O"},
    {0, "#!/"sv, "UNIX SCRIPT"},
    {0, "#!"sv, "Script"},
    {0, "<?php"sv, "PHP"},
    {0, "<?xml"sv, "XML"},
    {0, "<%@"sv, "ASP"},
    {0, "<%"sv, "JSP"},
    {0, "<html"sv, "HTML"},
    {0, "<HTML"sv, "HTML"},
    {0, "\x1f\x8b\x08"sv, "GZIP"},
    {0, "BZh"sv, "BZip2"},
    {0, "PK\x03\x04"sv, "ZIP"},
    {0, "7z\xbc\xaf\x27\x1c"sv, "7Zip"},
    {0, "Rar!\x1a\x07"sv, "RAR"},
    {0, "%PDF"sv, "PDF"},
    {0, "{\\rt"sv, "RTF"},
    {0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"sv, "OLE"},
    {0, "MDMP"sv, "MDMP"},
    {0, "\xd4\xc3\xb2\xa1"sv, "WINPCAP"},
    {0, "\xa1\xb2\xc3\xd4"sv, "LIBPCAP"},
    {257, "ustar"sv, "TAR"},
};

}  // namespace

std::string_view file_type(Bytes bytes) {
  for (const Magic& m : kMagics) {
    if (bytes.size() < m.at + m.bytes.size()) continue;
    if (std::equal(m.bytes.begin(), m.bytes.end(), bytes.begin() + static_cast<long>(m.at),
                   [](char a, std::uint8_t b) { return static_cast<std::uint8_t>(a) == b; }))
      return m.name;
  }
  return "UNKNOWN";
}

std::string owner_name(uid_t uid) {
  static std::mutex mu;
  static std::unordered_map<uid_t, std::string> names;
  {
    std::lock_guard lock(mu);
    if (auto it = names.find(uid); it != names.end()) return it->second;
  }
  std::string name = std::to_string(uid);
  std::vector<char> buf(16384);
  passwd pw{};
  passwd* found = nullptr;
  // A directory service can hold entries larger than the first buffer.
  int rc = 0;
  while ((rc = ::getpwuid_r(uid, &pw, buf.data(), buf.size(), &found)) == ERANGE &&
         buf.size() < (std::size_t{1} << 20))
    buf.resize(buf.size() * 4);
  if (rc == 0 && found != nullptr && found->pw_name != nullptr) name = found->pw_name;
  std::lock_guard lock(mu);
  return names.emplace(uid, std::move(name)).first->second;
}

}  // namespace iotguard::detect::yara
