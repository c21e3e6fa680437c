// SPDX-License-Identifier: GPL-2.0-or-later
#include "signatures/learn/rule_writer.h"

#include <fmt/format.h>

namespace iotguard::signatures::learn {

std::string yara_identifier(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (ok)
      out.push_back(c);
    else if (!out.empty() && out.back() != '_')
      out.push_back('_');
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out.insert(0, "F");
  return out;
}

std::string yara_text_literal(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c > 0x7e) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out + "\"";
}

std::string write_rule(const RuleSpec& r) {
  std::string out = "rule " + r.name;
  if (!r.tags.empty()) {
    out += " :";
    for (const auto& t : r.tags) out += " " + t;
  }
  out += "\n{\n";
  if (!r.meta.empty()) out += "  meta:\n";
  for (const auto& [k, v] : r.meta) out += fmt::format("    {} = {}\n", k, yara_text_literal(v));
  out += "  strings:\n";
  std::size_t i = 0;
  for (const auto& c : r.strings) {
    ++i;
    switch (c.kind) {
      case CandidateKind::ascii:
        out += fmt::format("    $s{} = {}\n", i, yara_text_literal(c.text));
        break;
      case CandidateKind::wide:
        out += fmt::format("    $w{} = {} wide\n", i, yara_text_literal(c.text));
        break;
      case CandidateKind::xor1:
        // Any single-byte key: forks re-key the table, the text stays.
        out += fmt::format("    $x{} = {} xor(0x01-0xff)\n", i, yara_text_literal(c.text));
        break;
      case CandidateKind::xor4: {
        std::string hex;
        for (std::size_t j = 0; j < c.text.size(); ++j)
          hex += fmt::format(
              "{}{:02X}", j ? " " : "",
              static_cast<unsigned>(static_cast<unsigned char>(c.text[j]) ^ c.key[j % 4]));
        out += fmt::format("    $k{} = {{ {} }}  // {}\n", i, hex,
                           yara_text_literal(c.text).substr(0, 60));
        break;
      }
    }
  }
  out += "  condition:\n    ";
  if (r.elf_only) out += "uint32(0) == 0x464c457f and ";
  if (r.max_filesize > 0) out += fmt::format("filesize < {} and ", r.max_filesize);
  out += r.threshold <= 1 ? "any of them\n" : fmt::format("{} of them\n", r.threshold);
  out += "}\n";
  return out;
}

}  // namespace iotguard::signatures::learn
