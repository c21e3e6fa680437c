// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/yara/rule_literals.h"

#include <algorithm>
#include <map>
#include <optional>

#include "detect/yara/rule_targets.h"
#include "detect/yara/rule_text.h"

namespace iotguard::detect::yara {
namespace {

using Tokens = std::vector<std::string_view>;

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The longest run; runs shorter than the filter's window are useless.
std::optional<std::string> longest(const std::vector<std::string>& runs) {
  const std::string* best = nullptr;
  for (const auto& r : runs)
    if (best == nullptr || r.size() > best->size()) best = &r;
  if (best == nullptr || best->size() < LiteralFilter::kMinLiteral) return std::nullopt;
  return *best;
}

// "text": its bytes, escapes decoded as YARA 4 does.
std::optional<std::string> text_bytes(std::string_view q) {
  if (q.size() < 2 || q.front() != '"' || q.back() != '"') return std::nullopt;
  q = q.substr(1, q.size() - 2);
  std::string out;
  for (std::size_t i = 0; i < q.size(); ++i) {
    if (q[i] != '\\') {
      out += q[i];
      continue;
    }
    if (++i >= q.size()) return std::nullopt;
    switch (q[i]) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 'x': {
        const int hi = i + 1 < q.size() ? hex_digit(q[i + 1]) : -1;
        const int lo = i + 2 < q.size() ? hex_digit(q[i + 2]) : -1;
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        break;
      }
      default:
        return std::nullopt;
    }
  }
  return out;
}

// {hex}: the fixed-byte runs outside alternatives, jumps and wildcards.
std::optional<std::string> hex_run(std::string_view h) {
  if (h.size() < 2 || h.front() != '{' || h.back() != '}') return std::nullopt;
  h = h.substr(1, h.size() - 2);
  std::vector<std::string> runs(1);
  int depth = 0;
  std::size_t i = 0;
  const auto cut = [&] {
    if (!runs.back().empty()) runs.emplace_back();
  };
  while (i < h.size()) {
    const char c = h[i];
    if (is_space(c)) {
      ++i;
    } else if (c == '/' && i + 1 < h.size() && (h[i + 1] == '/' || h[i + 1] == '*')) {
      const bool line = h[i + 1] == '/';
      const std::size_t e = line ? h.find('\n', i) : h.find("*/", i + 2);
      if (e == std::string_view::npos && !line) return std::nullopt;
      i = e == std::string_view::npos ? h.size() : e + (line ? 1 : 2);
    } else if (c == '(') {
      ++depth, ++i, cut();
    } else if (c == ')') {
      if (--depth < 0) return std::nullopt;
      ++i, cut();
    } else if (c == '[') {  // a jump
      const std::size_t e = h.find(']', i);
      if (e == std::string_view::npos) return std::nullopt;
      i = e + 1, cut();
    } else if (c == '|') {
      ++i, cut();
    } else if (c == '~') {  // YARA 4.3's "not this byte": skip it with its byte
      i += 3, cut();
    } else if (i + 1 < h.size() && (hex_digit(c) >= 0 || c == '?') &&
               (hex_digit(h[i + 1]) >= 0 || h[i + 1] == '?')) {
      if (c == '?' || h[i + 1] == '?' || depth > 0) {
        cut();
      } else {
        runs.back() += static_cast<char>(hex_digit(c) * 16 + hex_digit(h[i + 1]));
      }
      i += 2;
    } else {
      return std::nullopt;
    }
  }
  if (depth != 0) return std::nullopt;
  return longest(runs);
}

// Past the [class] at i: a ']' first (after '^') is a member.
std::size_t past_class(std::string_view b, std::size_t i) {
  std::size_t j = i + 1;
  if (j < b.size() && b[j] == '^') ++j;
  if (j < b.size() && b[j] == ']') ++j;
  while (j < b.size() && b[j] != ']') j += b[j] == '\\' ? 2 : 1;
  return j < b.size() ? j + 1 : std::string_view::npos;
}

// Past the (group) at i, nested groups and classes included.
std::size_t past_group(std::string_view b, std::size_t i) {
  int depth = 0;
  std::size_t j = i;
  while (j < b.size()) {
    if (b[j] == '\\') {
      j += 2;
      continue;
    }
    if (b[j] == '[') {
      j = past_class(b, j);
      if (j == std::string_view::npos) return j;
      continue;
    }
    if (b[j] == '(') ++depth;
    if (b[j] == ')' && --depth == 0) return j + 1;
    ++j;
  }
  return std::string_view::npos;
}

// /regex/: runs of literal characters that every match contains; the regex
// syntax YARA accepts (PCRE-like). Alternation at the top makes none certain.
std::optional<std::string> regex_run(std::string_view r, bool& nocase) {
  const std::size_t close = r.rfind('/');
  if (r.size() < 2 || r.front() != '/' || close == 0) return std::nullopt;
  for (char f : r.substr(close + 1))
    if (f == 'i') nocase = true;
  const std::string_view b = r.substr(1, close - 1);
  std::vector<std::string> runs(1);
  bool last_literal = false;  // the previous atom is the last byte of the current run
  const auto cut = [&] {
    if (!runs.back().empty()) runs.emplace_back();
    last_literal = false;
  };
  std::size_t i = 0;
  while (i < b.size()) {
    const char c = b[i];
    if (c == '|') return std::nullopt;
    if (c == '*' || c == '?' || c == '+' || c == '{') {
      bool keeps = c == '+';  // the atom is there at least once
      std::size_t e = i + 1;
      if (c == '{') {
        e = b.find('}', i);
        if (e == std::string_view::npos) return std::nullopt;
        const std::string_view q = b.substr(i + 1, e - i - 1);
        const std::size_t comma = q.find(',');
        const std::string_view lo = q.substr(0, comma);
        const auto n = lo.empty() ? std::optional<std::uint64_t>(0) : parse_integer(lo);
        if (!n) return std::nullopt;
        keeps = *n >= 1;
        ++e;
      }
      if (last_literal && !keeps) runs.back().pop_back();
      cut();
      if (e < b.size() && b[e] == '?') ++e;  // lazy
      i = e;
      continue;
    }
    if (c == '(' || c == '[') {  // skipped whole: may be optional or varied
      const std::size_t e = c == '(' ? past_group(b, i) : past_class(b, i);
      if (e == std::string_view::npos) return std::nullopt;
      cut();
      i = e;
      continue;
    }
    if (c == '.' || c == '^' || c == '$' || c == ')' || c == ']' || c == '}') {
      if (c == ')') return std::nullopt;
      cut();
      ++i;
      continue;
    }
    char lit = c;
    if (c == '\\') {
      if (i + 1 >= b.size()) return std::nullopt;
      const char e = b[i + 1];
      i += 2;
      if (e == 'x') {
        const int hi = i < b.size() ? hex_digit(b[i]) : -1;
        const int lo = i + 1 < b.size() ? hex_digit(b[i + 1]) : -1;
        if (hi < 0 || lo < 0) return std::nullopt;
        lit = static_cast<char>(hi * 16 + lo);
        i += 2;
      } else if (e == 'n' || e == 't' || e == 'r' || e == 'f' || e == 'a') {
        lit = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == 'f' ? '\f' : '\a';
      } else if (is_word_char(e)) {
        cut();  // \w \d \s \b and the like: classes and assertions
        continue;
      } else {
        lit = e;
      }
    } else {
      ++i;
    }
    runs.back() += lit;
    last_literal = true;
  }
  return longest(runs);
}

std::string widen(const std::string& s) {
  std::string w;
  for (char c : s) w += c, w += '\0';
  return w;
}

using Req = std::optional<std::vector<Literal>>;  // nullopt: needs nothing known

int min_length(const std::vector<Literal>& l) {
  std::size_t m = SIZE_MAX;
  for (const auto& x : l) m = std::min(m, x.bytes.size());
  return static_cast<int>(std::min<std::size_t>(m, 64));
}

// Of two requirements that both hold, the one that filters better: longer
// shortest literal (a longer stride, fewer chance hits), then fewer literals.
Req better(Req a, Req b) {
  if (!a) return b;
  if (!b) return a;
  if (a->empty() || b->empty()) return std::vector<Literal>{};  // one cannot be met
  const int la = min_length(*a), lb = min_length(*b);
  if (la != lb) return la > lb ? a : b;
  return a->size() <= b->size() ? a : b;
}

Req either(Req a, Req b) {
  if (!a || !b) return std::nullopt;
  a->insert(a->end(), b->begin(), b->end());
  return a;
}

struct StringDecl {
  std::string id;  // "$name", or "$" for anonymous
  std::vector<Literal> literals;
};

struct Rule {
  std::vector<StringDecl> strings;
};

class ConditionReader {
 public:
  // `elf`: the reading for ELF objects, else for any other object.
  ConditionReader(const Tokens& t, const Rule& rule,
                  const std::map<std::string, Req, std::less<>>& rules, bool elf)
      : t_(t), rule_(rule), rules_(rules), elf_(elf) {}

  Req read() {
    int depth = 0;
    for (const auto& k : t_) {
      depth += k == "(" ? 1 : k == ")" ? -1 : 0;
      if (depth < 0) return std::nullopt;
    }
    if (depth != 0) return std::nullopt;
    Req r = expr();
    if (i_ != t_.size()) return std::nullopt;  // unbalanced or unread
    return r;
  }

 private:
  [[nodiscard]] std::string_view at(std::size_t k) const { return k < t_.size() ? t_[k] : ""; }

  Req expr() {
    Req r = conj();
    while (at(i_) == "or") {
      ++i_;
      r = either(r, conj());
    }
    return r;
  }
  Req conj() {
    Req r = unary();
    while (at(i_) == "and") {
      ++i_;
      r = better(r, unary());
    }
    return r;
  }
  Req unary() {
    if (at(i_) == "not") {
      ++i_;
      (void)unary();
      return std::nullopt;
    }
    if (at(i_) == "(") {
      const std::size_t close = matching(i_);
      const std::string_view after = at(close + 1);
      if (close < t_.size() && (after == "and" || after == "or" || after == ")" || after.empty())) {
        ++i_;
        Req r = expr();
        if (i_ != close) {  // could not read inside: step over it
          i_ = close + 1;
          return std::nullopt;
        }
        ++i_;
        return r;
      }
    }
    const std::size_t start = i_;
    int depth = 0;
    for (; i_ < t_.size(); ++i_) {
      const auto& k = t_[i_];
      if (k == "(" || k == "[") ++depth;
      if (k == ")" || k == "]") {
        if (depth == 0) break;
        --depth;
      }
      if (depth == 0 && (k == "and" || k == "or")) break;
    }
    return term(Tokens(t_.begin() + static_cast<long>(start), t_.begin() + static_cast<long>(i_)));
  }
  [[nodiscard]] std::size_t matching(std::size_t open) const {
    int depth = 0;
    for (std::size_t k = open; k < t_.size(); ++k) {
      if (t_[k] == "(") ++depth;
      if (t_[k] == ")" && --depth == 0) return k;
    }
    return t_.size();
  }

  [[nodiscard]] const StringDecl* string(std::string_view id) const {
    for (const auto& s : rule_.strings)
      if (s.id == id) return &s;
    return nullptr;
  }
  [[nodiscard]] Req of_string(std::string_view id) const {
    const StringDecl* s = string(id);
    if (s == nullptr || s->literals.empty()) return std::nullopt;
    return s->literals;
  }

  // One term between and/or: what it needs, if anything.
  [[nodiscard]] Req term(const Tokens& t) const {
    if (t.empty()) return std::nullopt;
    const std::string_view h = t[0];
    // A magic test this kind of object fails (rule_targets.h): not met.
    if (magic_test(t) == (elf_ ? Target::never_elf : Target::elf_only))
      return std::vector<Literal>{};
    if (t.size() == 1 && is_word_char(h[0])) {
      auto it = rules_.find(h);
      return it != rules_.end() ? it->second : std::nullopt;
    }
    // $a, $a at N, $a in (R)
    if (h.size() > 1 && h[0] == '$' && h.find('*') == std::string_view::npos &&
        (t.size() == 1 || t[1] == "at" || t[1] == "in"))
      return of_string(h);
    // #a > N and its kin: a count of at least one
    if (t.size() == 3 && (h[0] == '#' || t[2][0] == '#')) {
      const bool left = h[0] == '#';
      const std::string_view count = left ? t[0] : t[2];
      const auto n = parse_integer(left ? t[2] : t[0]);
      std::string_view op = t[1];
      if (!left) {  // N op #a as #a op' N
        op = op == "<" ? ">" : op == "<=" ? ">=" : op == ">" ? "<" : op == ">=" ? "<=" : op;
      }
      if (count.size() > 1 && count[0] == '#' && n) {
        const bool some = (op == ">") || (op == ">=" && *n >= 1) || (op == "==" && *n >= 1) ||
                          (op == "!=" && *n == 0);
        std::string id(count);
        id[0] = '$';
        if (some) return of_string(id);
      }
      return std::nullopt;
    }
    // any|all|N of them|($a, $b*) [at X | in (R)]
    if (t.size() >= 3 && t[1] == "of") {
      std::size_t k = 2;
      std::vector<const StringDecl*> set;
      const auto add = [&](std::string_view pat) {
        if (pat.empty() || pat[0] != '$') return false;
        const bool wild = pat.back() == '*';
        const std::string_view stem = wild ? pat.substr(0, pat.size() - 1) : pat;
        bool any = false;
        for (const auto& s : rule_.strings)
          if (wild ? std::string_view(s.id).starts_with(stem) : s.id == stem)
            set.push_back(&s), any = true;
        return any;
      };
      if (t[k] == "them") {
        for (const auto& s : rule_.strings) set.push_back(&s);
        ++k;
      } else if (t[k] == "(") {
        for (++k; k < t.size() && t[k] != ")"; ++k) {
          if (t[k] == ",") continue;
          if (!add(t[k])) return std::nullopt;
        }
        if (k >= t.size()) return std::nullopt;
        ++k;
      } else {
        return std::nullopt;
      }
      if (k < t.size() && t[k] != "at" && t[k] != "in") return std::nullopt;
      if (set.empty()) return std::nullopt;
      std::size_t unknown = 0;
      for (const auto* s : set) unknown += s->literals.empty() ? 1 : 0;
      if (h == "all") {
        Req best;
        for (const auto* s : set)
          if (!s->literals.empty()) best = better(best, s->literals);
        return best;
      }
      std::uint64_t n = 0;
      if (h == "any") {
        n = 1;
      } else if (auto v = parse_integer(h)) {
        n = *v;
      } else {
        return std::nullopt;  // none, N%, a variable
      }
      if (n == 0 || n <= unknown) return std::nullopt;
      std::vector<Literal> all;
      for (const auto* s : set) all.insert(all.end(), s->literals.begin(), s->literals.end());
      return all;
    }
    return std::nullopt;
  }

  const Tokens& t_;
  const Rule& rule_;
  const std::map<std::string, Req, std::less<>>& rules_;
  bool elf_;
  std::size_t i_ = 0;
};

bool is_section(const Tokens& t, std::size_t k) {
  return k + 1 < t.size() && t[k + 1] == ":" &&
         (t[k] == "meta" || t[k] == "strings" || t[k] == "condition");
}

// xor, xor(K), xor(A-B): the keys YARA tries, or false when unreadable.
bool xor_keys(std::string_view m, unsigned& lo, unsigned& hi) {
  lo = 0, hi = 255;
  if (m == "xor") return true;
  if (!m.starts_with("xor(") || !m.ends_with(")")) return false;
  std::string args;
  for (char c : m.substr(4, m.size() - 5))
    if (!is_space(c)) args += c;
  const std::size_t dash = args.find('-');
  const auto a = parse_integer(args.substr(0, dash));
  const auto b = dash == std::string::npos ? a : parse_integer(args.substr(dash + 1));
  if (!a || !b || *a > *b || *b > 255) return false;
  lo = static_cast<unsigned>(*a), hi = static_cast<unsigned>(*b);
  return true;
}

// base64 / base64("alphabet"): the 64-character alphabet, or empty.
std::string base64_alphabet(std::string_view m) {
  static constexpr std::string_view kDefault =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::size_t open = m.find('(');
  if (open == std::string_view::npos) return std::string(kDefault);
  std::string_view q = m.substr(open + 1);
  while (!q.empty() && (is_space(q.back()) || q.back() == ')')) q.remove_suffix(1);
  while (!q.empty() && is_space(q.front())) q.remove_prefix(1);
  auto a = text_bytes(q);
  return a && a->size() == 64 ? *a : std::string();
}

std::string base64(const std::string& in, const std::string& alphabet) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); i += 3) {
    std::uint32_t v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    if (i + 2 < in.size()) v |= static_cast<unsigned char>(in[i + 2]);
    const std::size_t chars = std::min<std::size_t>(4, in.size() - i + 1);
    for (std::size_t k = 0; k < chars; ++k) out += alphabet[(v >> (18 - 6 * k)) & 63];
  }
  return out;
}

// What every base64 encoding of `s` holds, whatever its alignment in the
// encoded data: for each of the three alignments, the characters of the
// 3-byte groups that lie wholly inside `s` (its first and last four
// characters, which the neighbouring bytes and padding change, dropped).
// YARA searches the three encodings it derives; each holds one of these.
std::vector<std::string> base64_cores(const std::string& s, const std::string& alphabet) {
  std::vector<std::string> out;
  for (std::size_t pad = 0; pad < 3; ++pad) {
    const std::string enc = base64(std::string(pad, '\0') + s, alphabet);
    if (enc.size() <= 8) return {};
    out.push_back(enc.substr(4, enc.size() - 8));
  }
  return out;
}

}  // namespace

std::vector<Literal> string_literals(std::string_view value,
                                     const std::vector<std::string_view>& modifiers) {
  bool wide = false, ascii = false, nocase = false, xored = false;
  bool b64 = false, b64wide = false;
  std::string alphabet;
  unsigned key_lo = 0, key_hi = 0;
  for (const auto& m : modifiers) {
    if (m.starts_with("base64")) {
      (m.starts_with("base64wide") ? b64wide : b64) = true;
      alphabet = base64_alphabet(m);
      if (alphabet.empty()) return {};
    } else if (m == "wide") {
      wide = true;
    } else if (m == "ascii") {
      ascii = true;
    } else if (m == "nocase") {
      nocase = true;
    } else if (m.starts_with("xor")) {
      if (!xor_keys(m, key_lo, key_hi)) return {};
      xored = true;
    } else if (m != "fullword" && m != "private") {
      return {};  // anything unknown: trust nothing
    }
  }
  if (b64 || b64wide) {
    // YARA allows base64 on text strings alone, and with no modifier that
    // changes the plaintext.
    if (value.empty() || value[0] != '"' || wide || ascii || nocase || xored) return {};
    const auto bytes = text_bytes(value);
    if (!bytes) return {};
    const auto cores = base64_cores(*bytes, alphabet);
    std::vector<Literal> out;
    for (const auto& c : cores) {
      if (c.size() < LiteralFilter::kMinLiteral) return {};
      if (b64) out.push_back({c, false});
      if (b64wide) out.push_back({widen(c), false});
    }
    return out;
  }
  std::optional<std::string> bytes;
  if (value.empty()) return {};
  if (value[0] == '"') {
    bytes = text_bytes(value);
    // A text string's literal is all of it: if that is too short, so is it.
    if (bytes && bytes->size() < LiteralFilter::kMinLiteral) bytes.reset();
  } else if (value[0] == '{') {
    if (!modifiers.empty() && !(modifiers.size() == 1 && modifiers[0] == "private")) return {};
    bytes = hex_run(value);
  } else if (value[0] == '/' && !xored) {
    bytes = regex_run(value, nocase);
  }
  if (!bytes || (xored && nocase)) return {};
  std::vector<std::string> forms;
  if (ascii || !wide) forms.push_back(*bytes);
  if (wide) forms.push_back(widen(*bytes));
  std::vector<Literal> out;
  for (const auto& f : forms) {
    if (!xored) {
      out.push_back({f, nocase});
      continue;
    }
    // Every key's image of the (widened) string, as YARA searches it.
    for (unsigned key = key_lo; key <= key_hi; ++key) {
      std::string x = f;
      for (char& c : x) c = static_cast<char>(static_cast<unsigned char>(c) ^ key);
      out.push_back({std::move(x), false});
    }
  }
  return out;
}

FileLiterals file_literals(std::string_view text) {
  FileLiterals out;
  const auto fail = [&](const std::string& why) {
    out.elf = out.other = FileLiterals::Kind{false, {}, why};
    return out;
  };
  Tokens t;
  if (!tokenize(text, t)) return fail("cannot read the file");
  // What each rule needs, per kind of object (a reference needs what the
  // rule it names needs on that kind).
  std::map<std::string, Req, std::less<>> on_elf, on_other;
  std::vector<Literal> elf_all, other_all;
  std::size_t k = 0;
  while (k < t.size()) {
    if (t[k] == "import") {
      k += 2;
      continue;
    }
    if (t[k] == "include") return fail("include");
    bool is_private = false;
    while (t[k] == "private" || t[k] == "global") {
      is_private |= t[k] == "private";
      if (++k >= t.size()) return fail("cannot read the file");
    }
    if (t[k] != "rule" || k + 1 >= t.size()) return fail("cannot read the file");
    const std::string name(t[k + 1]);
    k += 2;
    while (k < t.size() && t[k] != "{") ++k;  // tags
    ++k;
    Rule rule;
    Tokens cond;
    bool has_condition = false;
    while (k < t.size() && t[k] != "}") {
      if (t[k] == "meta" && is_section(t, k)) {
        for (k += 2; k < t.size() && t[k] != "}" && !is_section(t, k);) ++k;
      } else if (t[k] == "strings" && is_section(t, k)) {
        for (k += 2; k < t.size() && t[k] != "}" && !is_section(t, k);) {
          if (t[k][0] != '$' || k + 2 >= t.size() || t[k + 1] != "=")
            return fail("cannot read the strings of " + name);
          StringDecl s{std::string(t[k]), {}};
          const std::string_view value = t[k + 2];
          std::vector<std::string_view> mods;
          for (k += 3; k < t.size() && t[k][0] != '$' && t[k] != "}" && !is_section(t, k); ++k) {
            if (t[k] == "(" && !mods.empty()) {  // xor(1-255), base64("alphabet"): one modifier
              const char* from = mods.back().data();
              while (k + 1 < t.size() && t[k] != ")") ++k;
              mods.back() = std::string_view(
                  from, static_cast<std::size_t>(t[k].data() + t[k].size() - from));
              continue;
            }
            mods.push_back(t[k]);
          }
          s.literals = string_literals(value, mods);
          rule.strings.push_back(std::move(s));
        }
      } else if (t[k] == "condition" && is_section(t, k)) {
        for (k += 2; k < t.size() && t[k] != "}"; ++k) cond.push_back(t[k]);
        has_condition = true;
      } else {
        return fail("cannot read rule " + name);
      }
    }
    if (k >= t.size() || !has_condition || cond.empty()) return fail("cannot read rule " + name);
    ++k;
    ++out.rules;
    Req e = ConditionReader(cond, rule, on_elf, true).read();
    Req o = ConditionReader(cond, rule, on_other, false).read();
    const auto count = [&](FileLiterals::Kind& kind, const Req& r, std::vector<Literal>& all) {
      if (is_private) return;  // a private rule never reports
      if (!r && kind.why_not.empty())
        kind.why_not = "rule " + name + " can match without a string the filter knows";
      if (r) all.insert(all.end(), r->begin(), r->end());
    };
    count(out.elf, e, elf_all);
    count(out.other, o, other_all);
    on_elf[name] = std::move(e);
    on_other[name] = std::move(o);
  }
  for (auto* kind : {&out.elf, &out.other}) {
    kind->filterable = kind->why_not.empty() && out.rules > 0;
    if (out.rules == 0 && kind->why_not.empty()) kind->why_not = "no rules";
  }
  if (out.elf.filterable) out.elf.literals = std::move(elf_all);
  if (out.other.filterable) out.other.literals = std::move(other_all);
  return out;
}

}  // namespace iotguard::detect::yara
