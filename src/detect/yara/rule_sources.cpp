// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/yara/rule_sources.h"

#include "core/digest.h"
#include "detect/yara/externals.h"
#include "detect/yara/rule_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>

#include <fcntl.h>
#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

// libyara last: its macros must not reach the C++ headers above.
#include <yara.h>

namespace iotguard::detect::yara {
namespace fs = std::filesystem;

void RulesDeleter::operator()(YR_RULES* r) const {
  if (r != nullptr) yr_rules_destroy(r);
}

// yarac output starts with the arena file magic.
bool Source::compiled() const { return text.rfind("YARA", 0) == 0; }

bool Source::may_include() const {
  // `include`, then blanks and a quote, as libyara's lexer wants it; not in
  // comments or strings (signature-base has both).
  bool found = false;
  for_each_word(text, [&](const Word& w) {
    if (found || w.text != "include") return;
    std::size_t i = w.end;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    found = i > w.end && i < text.size() && text[i] == '"';
  });
  return found;
}

namespace {

Result<std::string> read_whole(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Error{"cannot read rule file " + p.string()};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// yarac bytes in memory as a libyara stream to load from.
struct View {
  std::string_view bytes;
  std::size_t at = 0;
};

// Returns libyara's error code.
int load_from(std::string_view bytes, RulesPtr& out) {
  View v{bytes};
  YR_STREAM in{};
  in.user_data = &v;
  in.read = [](void* p, size_t size, size_t count, void* user) -> size_t {
    auto* view = static_cast<View*>(user);
    if (size == 0) return 0;
    const std::size_t n = std::min(count, (view->bytes.size() - view->at) / size);
    std::memcpy(p, view->bytes.data() + view->at, n * size);
    view->at += n * size;
    return n;
  };
  YR_RULES* rules = nullptr;
  const int rc = yr_rules_load_stream(&in, &rules);
  if (rc == ERROR_SUCCESS) out.reset(rules);
  return rc;
}

struct CompileErrors {
  std::string text;
};

void on_compile_message(int level, const char* file, int line, const YR_RULE*, const char* msg,
                        void* user) {
  auto* e = static_cast<CompileErrors*>(user);
  if (level != YARA_ERROR_LEVEL_ERROR) return;  // warnings are the rule author's business
  e->text += fmt::format("{}({}): {}\n", file ? file : "<rules>", line, msg);
}

void declare_externals(YR_COMPILER* c) {
  for (std::string_view name : kExternals)
    yr_compiler_define_string_variable(c, std::string(name).c_str(), "");
}

// yarac bytes in 1 MB chunks, each freed once libyara has read it back: a
// compaction then holds at most one serialized copy beside the two sets, and
// never a string's doubled capacity (with 6,000 rules, 40 MB of peak).
class Chunks {
 public:
  void write(const char* p, std::size_t n) {
    while (n > 0) {
      if (parts_.empty() || parts_.back().size() == kChunk) {
        parts_.emplace_back();
        parts_.back().reserve(kChunk);
      }
      std::string& b = parts_.back();
      const std::size_t k = std::min(n, kChunk - b.size());
      b.append(p, k);
      p += k;
      n -= k;
    }
  }
  std::size_t read(char* p, std::size_t n) {
    std::size_t done = 0;
    while (done < n && !parts_.empty()) {
      const std::string& b = parts_.front();
      const std::size_t k = std::min(n - done, b.size() - at_);
      std::memcpy(p + done, b.data() + at_, k);
      done += k;
      at_ += k;
      if (at_ == b.size()) {
        parts_.pop_front();
        at_ = 0;
      }
    }
    return done;
  }

 private:
  static constexpr std::size_t kChunk = std::size_t{1} << 20;
  std::deque<std::string> parts_;
  std::size_t at_ = 0;
};

// Rules straight from the compiler keep the compiler's whole arena, grown by
// doubling while it held every compile-time table: about 10 MB of resident
// memory for a 1,000-rule set. Saved and loaded back (in memory, yarac
// format) they take what they need, as rules loaded from the cache do.
RulesPtr compacted(YR_RULES* rules) {
  Chunks bytes;
  YR_STREAM out{};
  out.user_data = &bytes;
  out.write = [](const void* p, size_t size, size_t count, void* user) -> size_t {
    static_cast<Chunks*>(user)->write(static_cast<const char*>(p), size * count);
    return count;
  };
  if (yr_rules_save_stream(rules, &out) != ERROR_SUCCESS) return RulesPtr(rules);
  YR_STREAM in{};
  in.user_data = &bytes;
  in.read = [](void* p, size_t size, size_t count, void* user) -> size_t {
    if (size == 0) return 0;
    return static_cast<Chunks*>(user)->read(static_cast<char*>(p), size * count) / size;
  };
  YR_RULES* loaded = nullptr;
  if (yr_rules_load_stream(&in, &loaded) != ERROR_SUCCESS) return RulesPtr(rules);
  yr_rules_destroy(rules);
  return RulesPtr(loaded);
}

bool rule_targets_elf(const YR_RULE* rule) {
  const char* tag = nullptr;
  yr_rule_tags_foreach(rule, tag) {
    if (std::string_view(tag) == "elf") return true;
  }
  const YR_META* meta = nullptr;
  yr_rule_metas_foreach(rule, meta) {
    if (meta->type == META_TYPE_STRING && std::string_view(meta->identifier) == "filetype" &&
        std::string_view(meta->string) == "elf")
      return true;
  }
  return false;
}

}  // namespace

Result<std::vector<Source>> gather(const std::vector<fs::path>& inputs) {
  std::vector<Source> out;
  for (const auto& in : inputs) {
    std::error_code ec;
    std::vector<fs::path> files;
    if (fs::is_directory(in, ec)) {
      for (auto it = fs::recursive_directory_iterator(in, ec); !ec && it != fs::end(it);
           it.increment(ec)) {
        const auto ext = it->path().extension();
        if (it->is_regular_file(ec) && (ext == ".yar" || ext == ".yara"))
          files.push_back(it->path());
      }
      std::sort(files.begin(), files.end());
    } else if (fs::is_regular_file(in, ec)) {
      files.push_back(in);
    } else {
      return Error{"rules path not found: " + in.string()};
    }
    for (auto& f : files) {
      auto text = read_whole(f);
      if (!text) return text.error();
      out.push_back({f, std::move(*text), {}});
    }
  }
  // Namespaces are stems ("mirai" for rules/mirai.yar); a second file with the
  // same stem gets "mirai~2", so every namespace names exactly one file.
  std::set<std::string> used;
  for (auto& s : out) {
    const std::string stem = s.path.stem().string();
    s.ns = stem;
    for (int k = 2; !used.insert(s.ns).second; ++k) s.ns = stem + "~" + std::to_string(k);
  }
  return out;
}

namespace {

// One compile of sources in order. libyara takes no source after one with
// an error, so a failure names the first failing source and its messages.
struct Attempt {
  RulesPtr rules;
  std::size_t failed = 0;  // index into sources, when !rules
  std::string messages;    // "file(line): message" lines, no trailing newline
};

Attempt attempt(const std::vector<const Source*>& sources) {
  Attempt out;
  YR_COMPILER* c = nullptr;
  if (yr_compiler_create(&c) != ERROR_SUCCESS) {
    out.messages = "cannot create YARA compiler";
    out.failed = sources.size();
    return out;
  }
  CompileErrors errors;
  yr_compiler_set_callback(c, on_compile_message, &errors);
  declare_externals(c);
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const Source* s = sources[i];
    // The text read (and hashed for the cache key) at start, not the file as
    // it is now; add_file with the file's name so `include` resolves
    // relative to it.
    FILE* fp = ::fmemopen(const_cast<char*>(s->text.data()), s->text.size(), "r");
    if (fp == nullptr) errors.text = "cannot read rule file " + s->path.string() + "\n";
    if (fp != nullptr) {
      yr_compiler_add_file(c, fp, s->ns.c_str(), s->path.c_str());
      std::fclose(fp);
    }
    if (!errors.text.empty()) {
      yr_compiler_destroy(c);
      errors.text.pop_back();  // the last message's newline
      out.failed = i;
      out.messages = std::move(errors.text);
      return out;
    }
  }
  YR_RULES* rules = nullptr;
  const int rc = yr_compiler_get_rules(c, &rules);
  yr_compiler_destroy(c);
  if (rc != ERROR_SUCCESS) {
    out.failed = sources.size();
    out.messages = fmt::format("YARA compiler error {}", rc);
    return out;
  }
  out.rules = compacted(rules);
#if defined(__GLIBC__)
  // The compile's scratch is freed by now but stays in the heap; hand it back
  // before the next compile or the scan's mappings.
  malloc_trim(0);
#endif
  return out;
}

// The names libyara reported as undefined, in its message's words.
std::vector<std::string> undefined_names(std::string_view messages) {
  std::vector<std::string> out;
  constexpr std::string_view kLead = "undefined identifier \"";
  for (std::size_t at = messages.find(kLead); at != std::string_view::npos;
       at = messages.find(kLead, at + 1)) {
    const std::size_t from = at + kLead.size();
    const std::size_t to = messages.find('"', from);
    if (to == std::string_view::npos) break;
    out.emplace_back(messages.substr(from, to - from));
  }
  return out;
}

}  // namespace

bool Source::defines_rule(std::string_view name) const {
  // The word after `rule` (comments between are skipped, as libyara does).
  bool found = false;
  std::string_view previous;
  for_each_word(text, [&](const Word& w) {
    found |= previous == "rule" && w.text == name;
    previous = w.text;
  });
  return found;
}

Result<RulesPtr> compile(const std::vector<const Source*>& sources) {
  Attempt a = attempt(sources);
  if (!a.rules) return Error{a.messages};
  return std::move(a.rules);
}

Result<Compiled> compile_leniently(std::vector<Source>& sources) {
  Compiled out;
  // Every round joins two namespaces or drops a source, so this bounds it.
  for (std::size_t round = 0, limit = 2 * sources.size() + 2; round < limit; ++round) {
    if (sources.empty()) break;
    std::vector<const Source*> in;
    for (const auto& s : sources) in.push_back(&s);
    Attempt a = attempt(in);
    if (a.rules) {
      out.rules = std::move(a.rules);
      return out;
    }
    if (a.failed >= sources.size()) return Error{a.messages};
    // A rule another file defines: that file's namespace, and its place
    // before this one, as one namespace on yara's command line would give.
    bool joined = false;
    for (const std::string& name : undefined_names(a.messages)) {
      for (std::size_t j = 0; j < sources.size() && !joined; ++j) {
        if (j == a.failed || sources[j].ns == sources[a.failed].ns) continue;
        if (!sources[j].defines_rule(name)) continue;
        const std::string from = sources[a.failed].ns;
        for (auto& s : sources)
          if (s.ns == from) s.ns = sources[j].ns;
        if (j > a.failed) {
          Source definer = std::move(sources[j]);
          sources.erase(sources.begin() + static_cast<long>(j));
          sources.insert(sources.begin() + static_cast<long>(a.failed), std::move(definer));
        }
        joined = true;
      }
      if (joined) break;
    }
    out.joined |= joined;
    if (joined) continue;
    out.rejected.push_back({sources[a.failed].path, std::move(a.messages)});
    sources.erase(sources.begin() + static_cast<long>(a.failed));
  }
  if (out.rejected.empty()) return Error{"YARA rules do not compile"};
  std::string all;
  for (const auto& r : out.rejected) all += (all.empty() ? "" : "\n") + r.message;
  return Error{all};
}

Result<RulesPtr> load_compiled(const Source& source) {
  RulesPtr rules;
  const int rc = load_from(source.text, rules);
  if (rc == ERROR_SUCCESS) return rules;
  if (rc == ERROR_UNSUPPORTED_FILE_VERSION)
    return Error{
        fmt::format("{}: compiled by another YARA version; compile it with yarac {} or "
                    "give the rule source",
                    source.path.string(), YR_VERSION)};
  return Error{fmt::format("{}: not a compiled YARA rule file libyara can load (error {})",
                           source.path.string(), rc)};
}

RulesPtr load_cached(const fs::path& file) {
  // Compiled rules can run code (yara -C), so a cache file is used only if
  // no one but this user or root could have written it; checked on the
  // descriptor that is then read, so it cannot be swapped in between.
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return nullptr;
  struct stat st {};
  const bool trusted = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
                       (st.st_uid == ::geteuid() || st.st_uid == 0) &&
                       (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
  FILE* fp = trusted ? ::fdopen(fd, "rb") : nullptr;
  if (fp == nullptr) {
    ::close(fd);
    return nullptr;
  }
  YR_STREAM in{};
  in.user_data = fp;
  in.read = [](void* p, size_t size, size_t count, void* user) -> size_t {
    return std::fread(p, size, count, static_cast<FILE*>(user));
  };
  YR_RULES* r = nullptr;
  const int rc = yr_rules_load_stream(&in, &r);
  std::fclose(fp);
  return rc == ERROR_SUCCESS ? RulesPtr(r) : nullptr;
}

bool save_cached(YR_RULES* rules, const fs::path& file) {
  // 0644 whatever the umask adds, or load_cached would not trust it.
  const fs::path tmp = file.string() + ".tmp" + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  FILE* fp = fd < 0 ? nullptr : ::fdopen(fd, "wb");
  if (fp == nullptr) {
    if (fd >= 0) ::close(fd);
    return false;
  }
  YR_STREAM out{};
  out.user_data = fp;
  out.write = [](const void* p, size_t size, size_t count, void* user) -> size_t {
    return std::fwrite(p, size, count, static_cast<FILE*>(user));
  };
  const bool written =
      ::fchmod(fd, 0644) == 0 && yr_rules_save_stream(rules, &out) == ERROR_SUCCESS;
  bool ok = std::fclose(fp) == 0 && written;
  std::error_code ec;
  if (ok) {
    fs::rename(tmp, file, ec);
    ok = !ec;
  }
  if (!ok) fs::remove(tmp, ec);
  return ok;
}

std::string serialized_sha256(YR_RULES* rules, std::string_view salt) {
  Sha256 hash;
  hash.update(salt);
  YR_STREAM out{};
  out.user_data = &hash;
  out.write = [](const void* p, size_t size, size_t count, void* user) -> size_t {
    static_cast<Sha256*>(user)->update({static_cast<const char*>(p), size * count});
    return count;
  };
  if (yr_rules_save_stream(rules, &out) != ERROR_SUCCESS) return {};
  return hash.hex();
}

std::set<std::string, std::less<>> externals_declared(YR_RULES* rules) {
  std::set<std::string, std::less<>> out;
  for (const YR_EXTERNAL_VARIABLE* e = rules->ext_vars_table; !EXTERNAL_VARIABLE_IS_NULL(e); ++e)
    if (e->identifier != nullptr) out.emplace(e->identifier);
  return out;
}

std::size_t count_rules(YR_RULES* rules) {
  if (rules == nullptr) return 0;
  YR_RULES_STATS st{};
  if (yr_rules_get_stats(rules, &st) != ERROR_SUCCESS) return 0;
  return st.num_rules;
}

std::map<std::string, NamespaceTargets> targets_by_namespace(YR_RULES* rules) {
  std::map<std::string, NamespaceTargets> out;
  const YR_RULE* rule = nullptr;
  yr_rules_foreach(rules, rule) {
    auto& t = out[rule->ns->name];
    ++t.rules;
    if (!rule_targets_elf(rule)) t.elf_only = false;
  }
  return out;
}

nlohmann::json meta_of(const YR_RULE* rule) {
  nlohmann::json meta = nlohmann::json::object();
  const YR_META* m = nullptr;
  yr_rule_metas_foreach(rule, m) {
    if (m->type == META_TYPE_STRING)
      meta[m->identifier] = std::string(m->string);
    else if (m->type == META_TYPE_BOOLEAN)
      meta[m->identifier] = m->integer != 0;
    else
      meta[m->identifier] = m->integer;
  }
  return meta;
}

std::vector<std::string> tags_of(const YR_RULE* rule) {
  std::vector<std::string> tags;
  const char* tag = nullptr;
  yr_rule_tags_foreach(rule, tag) { tags.emplace_back(tag); }
  return tags;
}

}  // namespace iotguard::detect::yara
