// SPDX-License-Identifier: GPL-2.0-or-later
#include "signatures/learn/candidates.h"

#include <algorithm>
#include <set>

#include "elf/reader.h"
#include "signatures/learn/strings.h"

namespace iotguard::signatures::learn {

namespace {

// Where a layer keeps toolchain text rather than the program's own.
struct ToolchainText {
  // Symbol tables, compiler notes and debug info name the toolchain and the
  // program's functions, not the family: unstripped builds of any program
  // carry such text ("atoi@@GLIBC_2.2.5", "GCC: (Ubuntu 7.3.0...)", uClibc's
  // "__GI_*"), and stripped builds of the same family do not.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> sections;
  // A build whose section headers were cut off keeps the tables they
  // described after its last segment (the overlay).
  std::pair<std::uint64_t, std::uint64_t> overlay{0, 0};
};

ToolchainText toolchain_text_of(Bytes layer) {
  ToolchainText out;
  auto f = elf::read(layer);
  if (!f) return out;
  if (f->sections.empty() && f->overlay_size > 0)
    out.overlay = {f->overlay_offset, f->overlay_offset + f->overlay_size};
  for (const auto& s : f->sections) {
    const std::string_view n = s.name;
    const bool tool = n == ".symtab" || n == ".strtab" || n == ".dynstr" || n == ".dynsym" ||
                      n == ".comment" || n == ".shstrtab" || n.starts_with(".debug") ||
                      n.starts_with(".gnu.version") || n.starts_with(".note") ||
                      n.starts_with(".stab");
    if (tool && s.type != 8 /* SHT_NOBITS */ && s.size > 0)
      out.sections.push_back({s.offset, s.offset + s.size});
  }
  return out;
}

// A symbol name: one C identifier (with the '.' and '@' of local and
// versioned symbols), no spaces or punctuation a message would have.
bool symbol_like(std::string_view s) {
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '@' || c == '$';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string Candidate::identity() const {
  std::string id(1, static_cast<char>('0' + static_cast<int>(kind)));
  if (kind == CandidateKind::xor4) id.append(reinterpret_cast<const char*>(key.data()), key.size());
  id += text;
  return id;
}

// Toolchain text that survives where section headers are gone: mangled and
// versioned symbol names, compiler identification, libc internals.
bool toolchain_text(std::string_view s) {
  return s.starts_with("_Z") || s.starts_with("__GI_") || s.starts_with("_IO_") ||
         s.starts_with("GCC: (") || s.find("@@GLIBC") != std::string_view::npos ||
         s.find("@GLIBC_") != std::string_view::npos || s.starts_with("libc/sysdeps/");
}

bool worth_keying(std::string_view s) {
  if (toolchain_text(s) || !has_word(s)) return false;
  std::size_t alnum = 0, letters = 0, run = 0, best = 0, distinct = 0, most = 0;
  std::array<std::size_t, 256> freq{};
  for (unsigned char c : s) {
    distinct += freq[c] == 0;
    most = std::max(most, ++freq[c]);
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (alpha || (c >= '0' && c <= '9')) ++alnum;
    if (alpha) ++letters;
    run = alpha ? run + 1 : 0;
    best = std::max(best, run);
  }
  // Padding ("AAAAAAAA"), numbers, punctuation runs and XOR-ed zero fill
  // ("bbbbbbibbbcbbb") are no signature.
  return distinct >= 4 && letters >= 3 && best >= 3 && alnum * 10 >= s.size() * 4 &&
         most * 10 <= s.size() * 4;
}

std::vector<Candidate> extract_candidates(const std::vector<Bytes>& layers,
                                          const GoodwareIndex* goodware,
                                          const CandidateOptions& o) {
  std::set<std::string> seen;
  std::vector<Candidate> out;
  const auto add = [&](Candidate c) {
    if (out.size() >= o.max_per_sample) return;
    if (c.text.size() > o.max_len) c.text.resize(o.max_len);
    if (!worth_keying(c.text)) return;
    for (const auto& r : o.rejected)
      if (c.text.find(r) != std::string::npos) return;
    // Plaintext that clean programs hold is no signature; hidden text is
    // matched in its encoded form, which they do not hold.
    if ((c.kind == CandidateKind::ascii || c.kind == CandidateKind::wide) && goodware != nullptr &&
        goodware->may_contain(c.text))
      return;
    if (seen.insert(c.identity()).second) out.push_back(std::move(c));
  };
  for (Bytes layer : layers) {
    const auto tool = toolchain_text_of(layer);
    const auto& overlay = tool.overlay;
    const auto in_skip = [&](std::size_t off) {
      for (const auto& [a, b] : tool.sections)
        if (off >= a && off < b) return true;
      return false;
    };
    XorOptions xo = o.xor_options;
    xo.min_len = o.min_len;
    const auto hidden = find_xor_strings(layer, xo);
    // The encoded bytes of a hidden string are often printable too (Mirai's
    // 0x22): as plaintext they only fit one key, so the decoded form is kept.
    std::set<std::string> encoded;
    for (const auto& x : hidden) {
      std::string e = x.text;
      for (std::size_t i = 0; i < e.size(); ++i) e[i] = static_cast<char>(e[i] ^ x.key[i % 4]);
      encoded.insert(e);
      encoded.insert(e + static_cast<char>(x.key[e.size() % 4]));  // with the encoded NUL
    }
    std::string joined;  // every encoded form, NUL-separated, when small enough to search
    for (const auto& e : encoded) joined += e + '\0';
    if (joined.size() > (64u << 10)) joined.clear();
    for (const auto& x : hidden)
      if (!in_skip(x.offset))
        add({x.single_byte ? CandidateKind::xor1 : CandidateKind::xor4, x.text,
             x.single_byte ? std::array<std::uint8_t, 4>{} : x.key});
    for_each_string(layer, o.min_len, [&](std::string_view text, std::size_t at, StringForm form) {
      if (in_skip(at)) return;
      if (at >= overlay.first && at < overlay.second && symbol_like(text)) return;
      if (!encoded.empty() && encoded.contains(std::string(text))) return;
      // Pieces of encoded text split by an encoded byte that is not printable.
      if (!joined.empty() && joined.find(text) != std::string::npos) return;
      add({form == StringForm::wide ? CandidateKind::wide : CandidateKind::ascii,
           std::string(text),
           {}});
    });
  }
  return out;
}

}  // namespace iotguard::signatures::learn
