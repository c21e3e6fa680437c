// SPDX-License-Identifier: GPL-2.0-or-later
// Rules are split by target so work is skipped where nothing can match: a
// source file whose every rule is tagged `elf` (or has meta filetype = "elf")
// is ELF-only. ELF objects run the full set; other objects run only the
// generic set, and none at all when every rule is ELF-only. Both sets are
// compiled once and cached as yarac files keyed by the sources' content; the
// generic set only when the first non-ELF object needs it, so a tree of ELF
// files never pays for a second compile.
#include "detect/yara/yara_detector.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <string_view>

#include <malloc.h>
#include <unistd.h>

#include "core/digest.h"
#include "elf/machine.h"

// libyara last: its macros must not reach the C++ headers above.
#include <yara.h>

namespace iotguard::detect {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxStringsPerMatch = 16;
constexpr std::size_t kMaxMatchBytes = 64;

// libyara's global state is reference counted; one guard per detector.
struct YaraLibrary {
  YaraLibrary() { ok = yr_initialize() == ERROR_SUCCESS; }
  ~YaraLibrary() {
    if (ok) yr_finalize();
  }
  bool ok = false;
};

struct RulesDeleter {
  void operator()(YR_RULES* r) const {
    if (r != nullptr) yr_rules_destroy(r);
  }
};
using RulesPtr = std::unique_ptr<YR_RULES, RulesDeleter>;

struct Source {
  fs::path path;
  std::string text;
  std::string ns;  // YARA namespace: the file's stem, made unique among the sources
};

bool is_compiled_rules(const std::string& text) { return text.rfind("YARA", 0) == 0; }

Result<std::string> read_whole(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Error{"cannot read rule file " + p.string()};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

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
  return out;
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
  yr_compiler_define_string_variable(c, "filename", "");
  yr_compiler_define_string_variable(c, "filepath", "");
  yr_compiler_define_string_variable(c, "extension", "");
  yr_compiler_define_string_variable(c, "elf_machine", "");
}

// Rules straight from the compiler keep the compiler's whole arena, grown by
// doubling while it held every compile-time table: about 10 MB of resident
// memory for a 1,000-rule set. Saved and loaded back (in memory, yarac
// format) they take what they need, as rules loaded from the cache do.
RulesPtr compacted(YR_RULES* rules) {
  struct Buffer {
    std::string bytes;
    std::size_t at = 0;
  } buf;
  YR_STREAM out{};
  out.user_data = &buf;
  out.write = [](const void* p, size_t size, size_t count, void* user) -> size_t {
    static_cast<Buffer*>(user)->bytes.append(static_cast<const char*>(p), size * count);
    return count;
  };
  if (yr_rules_save_stream(rules, &out) != ERROR_SUCCESS) return RulesPtr(rules);
  YR_STREAM in{};
  in.user_data = &buf;
  in.read = [](void* p, size_t size, size_t count, void* user) -> size_t {
    auto* b = static_cast<Buffer*>(user);
    if (size == 0) return 0;
    const std::size_t n = std::min(count, (b->bytes.size() - b->at) / size);
    std::memcpy(p, b->bytes.data() + b->at, n * size);
    b->at += n * size;
    return n;
  };
  YR_RULES* loaded = nullptr;
  if (yr_rules_load_stream(&in, &loaded) != ERROR_SUCCESS) return RulesPtr(rules);
  yr_rules_destroy(rules);
  return RulesPtr(loaded);
}

Result<RulesPtr> compile(const std::vector<const Source*>& sources) {
  YR_COMPILER* c = nullptr;
  if (yr_compiler_create(&c) != ERROR_SUCCESS) return Error{"cannot create YARA compiler"};
  CompileErrors errors;
  yr_compiler_set_callback(c, on_compile_message, &errors);
  declare_externals(c);
  for (const Source* s : sources) {
    // The text read (and hashed for the cache key) at start, not the file as
    // it is now; add_file with the file's name so `include` resolves
    // relative to it.
    FILE* fp = ::fmemopen(const_cast<char*>(s->text.data()), s->text.size(), "r");
    if (fp == nullptr) {
      yr_compiler_destroy(c);
      return Error{"cannot read rule file " + s->path.string()};
    }
    yr_compiler_add_file(c, fp, s->ns.c_str(), s->path.c_str());
    std::fclose(fp);
    if (!errors.text.empty()) break;  // libyara refuses further sources after an error
  }
  if (!errors.text.empty()) {
    yr_compiler_destroy(c);
    return Error{"YARA rules do not compile:\n" + errors.text};
  }
  YR_RULES* rules = nullptr;
  const int rc = yr_compiler_get_rules(c, &rules);
  yr_compiler_destroy(c);
  if (rc != ERROR_SUCCESS) return Error{fmt::format("YARA compiler error {}", rc)};
  RulesPtr compact = compacted(rules);
#if defined(__GLIBC__)
  // The compile's scratch is freed by now but stays in the heap; hand it back
  // before the next compile or the scan's mappings.
  malloc_trim(0);
#endif
  return compact;
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

std::size_t count_rules(YR_RULES* rules) {
  if (rules == nullptr) return 0;
  YR_RULES_STATS st{};
  if (yr_rules_get_stats(rules, &st) != ERROR_SUCCESS) return 0;
  return st.num_rules;
}

bool save_atomically(YR_RULES* rules, const fs::path& to) {
  const fs::path tmp = to.string() + ".tmp" + std::to_string(::getpid());
  if (yr_rules_save(rules, tmp.c_str()) != ERROR_SUCCESS) return false;
  std::error_code ec;
  fs::rename(tmp, to, ec);
  return !ec;
}

RulesPtr load(const fs::path& p) {
  std::error_code ec;
  if (!fs::exists(p, ec)) return nullptr;
  YR_RULES* r = nullptr;
  if (yr_rules_load(p.c_str(), &r) != ERROR_SUCCESS) return nullptr;
  return RulesPtr(r);
}

// One compiled set plus a pool of scanners over it (a YR_SCANNER holds
// per-scan state, so each concurrent scan needs its own).
class RuleSet {
 public:
  // The count is taken once: yr_rules_get_stats walks the whole Aho-Corasick
  // table and sorts it, far too slow to call per scanned object.
  explicit RuleSet(RulesPtr rules) : rules_(std::move(rules)), count_(count_rules(rules_.get())) {}
  ~RuleSet() {
    for (YR_SCANNER* s : free_) yr_scanner_destroy(s);
  }
  YR_SCANNER* acquire() {
    {
      std::lock_guard lock(mu_);
      if (!free_.empty()) {
        YR_SCANNER* s = free_.back();
        free_.pop_back();
        return s;
      }
    }
    YR_SCANNER* s = nullptr;
    if (yr_scanner_create(rules_.get(), &s) != ERROR_SUCCESS) return nullptr;
    // libyara's default also calls back once per rule that did not match.
    yr_scanner_set_flags(s, SCAN_FLAGS_REPORT_RULES_MATCHING);
    return s;
  }
  void release(YR_SCANNER* s) {
    std::lock_guard lock(mu_);
    free_.push_back(s);
  }
  [[nodiscard]] bool empty() const { return count_ == 0; }

 private:
  RulesPtr rules_;
  std::size_t count_;
  std::mutex mu_;
  std::vector<YR_SCANNER*> free_;
};

// The generic set, made on first use: loaded from the cache or compiled
// from the generic sources' text (and then cached). If that fails, which
// only a changed `include` can make happen after the full set compiled,
// get() returns null and the caller runs the full set: same matches, slower.
class LazyRuleSet {
 public:
  LazyRuleSet(std::vector<Source> sources, fs::path cache_file)
      : sources_(std::move(sources)), cache_file_(std::move(cache_file)) {}
  RuleSet* get() {
    std::call_once(once_, [this] {
      RulesPtr rules = cache_file_.empty() ? nullptr : load(cache_file_);
      if (!rules) {
        std::vector<const Source*> in;
        for (const auto& s : sources_) in.push_back(&s);
        auto compiled = compile(in);
        if (!compiled) return;
        rules = std::move(*compiled);
        if (!cache_file_.empty()) save_atomically(rules.get(), cache_file_);
      }
      set_ = std::make_unique<RuleSet>(std::move(rules));
    });
    return set_.get();
  }

 private:
  std::once_flag once_;
  std::vector<Source> sources_;
  fs::path cache_file_;
  std::unique_ptr<RuleSet> set_;
};

struct MatchSink {
  const Layer* layer;
  std::vector<Finding>* out;
};

std::string printable(const std::uint8_t* p, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i)
    s += (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '\\') ? std::string(1, static_cast<char>(p[i]))
                                                       : fmt::format("\\x{:02x}", p[i]);
  return s;
}

int on_scan_message(YR_SCAN_CONTEXT* ctx, int message, void* data, void* user) {
  if (message != CALLBACK_MSG_RULE_MATCHING) return CALLBACK_CONTINUE;
  auto* sink = static_cast<MatchSink*>(user);
  const auto* rule = static_cast<const YR_RULE*>(data);
  // No exception may cross libyara's C frames.
  try {
    Finding f = sink->layer->make_finding();
    f.rule = rule->identifier;
    f.severity = Severity::high;
    nlohmann::json meta = nlohmann::json::object();
    const YR_META* m = nullptr;
    yr_rule_metas_foreach(rule, m) {
      const std::string key = m->identifier;
      if (m->type == META_TYPE_STRING)
        meta[key] = std::string(m->string);
      else if (m->type == META_TYPE_BOOLEAN)
        meta[key] = m->integer != 0;
      else
        meta[key] = m->integer;
    }
    if (meta.contains("family") && meta["family"].is_string() &&
        !meta["family"].get<std::string>().empty())
      f.family = meta["family"].get<std::string>();
    if (meta.contains("severity") && meta["severity"].is_string())
      if (auto sev = parse_severity(meta["severity"].get<std::string>())) f.severity = *sev;
    f.title = meta.contains("description") && meta["description"].is_string()
                  ? meta["description"].get<std::string>()
                  : std::string("YARA rule ") + rule->identifier;
    if (meta.contains("reference") && meta["reference"].is_string())
      f.references.push_back(meta["reference"].get<std::string>());
    nlohmann::json tags = nlohmann::json::array();
    const char* tag = nullptr;
    yr_rule_tags_foreach(rule, tag) { tags.push_back(tag); }
    nlohmann::json strings = nlohmann::json::array();
    const YR_STRING* s = nullptr;
    yr_rule_strings_foreach(rule, s) {
      // libyara 4.2 allocates matches from a notebook that does not keep them
      // aligned, so each is copied out instead of read in place (UBSan).
      const void* next = ctx->matches[s->idx].head;
      while (next != nullptr && strings.size() < kMaxStringsPerMatch) {
        YR_MATCH match;
        std::memcpy(&match, next, sizeof match);
        next = match.next;
        if (match.is_private) continue;  // as yr_string_matches_foreach does
        strings.push_back(
            {{"id", s->identifier},
             {"offset", match.base + match.offset},
             {"data", printable(match.data,
                                std::min<std::size_t>(static_cast<std::size_t>(match.data_length),
                                                      kMaxMatchBytes))}});
      }
    }
    f.evidence = {{"engine", "yara"},
                  {"namespace", rule->ns != nullptr ? rule->ns->name : ""},
                  {"tags", tags},
                  {"meta", meta},
                  {"strings", strings}};
    sink->out->push_back(std::move(f));
  } catch (...) {
    return CALLBACK_ERROR;
  }
  return CALLBACK_CONTINUE;
}

class YaraDetector final : public Detector {
 public:
  YaraDetector(std::shared_ptr<YaraLibrary> lib, std::unique_ptr<RuleSet> all,
               std::unique_ptr<LazyRuleSet> generic, std::string hash, int timeout)
      : lib_(std::move(lib)),
        all_(std::move(all)),
        generic_(std::move(generic)),
        hash_(std::move(hash)),
        timeout_(timeout) {}

  ~YaraDetector() override {
    // Scanners and rules must go before yr_finalize.
    all_.reset();
    generic_.reset();
  }

  [[nodiscard]] std::string name() const override { return "yara"; }
  [[nodiscard]] std::string fingerprint() const override { return "yara:" + hash_; }

  std::optional<std::string> analyse(const Layer& layer, std::vector<Finding>& out) override {
    RuleSet* set = all_.get();
    if (layer.kind != Kind::elf) {
      if (!generic_) return std::nullopt;  // every rule is ELF-only
      if (RuleSet* g = generic_->get()) set = g;
    }
    if (set->empty()) return std::nullopt;
    YR_SCANNER* sc = set->acquire();
    if (sc == nullptr) return "cannot create a YARA scanner";
    const fs::path p(layer.path);
    const std::string filename = p.filename().string();
    std::string ext = p.extension().string();
    if (!ext.empty()) ext.erase(0, 1);
    const std::string machine =
        layer.elf != nullptr ? elf::machine_name(layer.elf->machine).name : std::string();
    yr_scanner_define_string_variable(sc, "filename", filename.c_str());
    yr_scanner_define_string_variable(sc, "filepath", layer.path.c_str());
    yr_scanner_define_string_variable(sc, "extension", ext.c_str());
    yr_scanner_define_string_variable(sc, "elf_machine", machine.c_str());
    MatchSink sink{&layer, &out};
    yr_scanner_set_callback(sc, on_scan_message, &sink);
    yr_scanner_set_timeout(sc, timeout_);
    const int rc = yr_scanner_scan_mem(sc, layer.bytes.data(), layer.bytes.size());
    set->release(sc);
    if (rc == ERROR_SUCCESS) return std::nullopt;
    if (rc == ERROR_SCAN_TIMEOUT) return fmt::format("YARA scan timed out after {} s", timeout_);
    if (rc == ERROR_TOO_MANY_MATCHES) return "YARA: too many matches for one string";
    return fmt::format("YARA scan error {}", rc);
  }

 private:
  std::shared_ptr<YaraLibrary> lib_;
  std::unique_ptr<RuleSet> all_;
  std::unique_ptr<LazyRuleSet> generic_;  // null when every rule is ELF-only
  std::string hash_;
  int timeout_;
};

}  // namespace

Result<std::unique_ptr<Detector>> make_yara_detector(const YaraConfig& config, YaraStats* stats) {
  auto lib = std::make_shared<YaraLibrary>();
  if (!lib->ok) return Error{"libyara failed to initialise"};
  auto sources = gather(config.sources);
  if (!sources) return sources.error();
  // Namespaces are stems ("mirai" for rules/mirai.yar); a second file with the
  // same stem gets "mirai~2", so every namespace names exactly one file.
  std::set<std::string> used;
  for (auto& s : *sources) {
    const std::string stem = s.path.stem().string();
    s.ns = stem;
    for (int k = 2; !used.insert(s.ns).second; ++k) s.ns = stem + "~" + std::to_string(k);
  }

  // The cache key covers libyara's version and every source's path and bytes.
  std::string keytext = YR_VERSION;
  for (const auto& s : *sources) keytext += '\0' + s.path.string() + '\0' + s.text;
  const std::string key =
      sha256_hex({reinterpret_cast<const std::uint8_t*>(keytext.data()), keytext.size()});
  YaraStats st;
  st.source_files = sources->size();
  st.content_hash = key;

  RulesPtr all;
  const fs::path base =
      config.cache_dir.empty() ? fs::path() : config.cache_dir / ("yara-" + key.substr(0, 24));
  if (!base.empty()) all = load(base.string() + "-all.yarc");
  st.from_cache = all != nullptr;
  if (!all) {
    for (const auto& s : *sources)
      if (is_compiled_rules(s.text))
        return Error{s.path.string() +
                     ": compiled rules cannot be combined; give rule sources (.yar) instead"};
    std::vector<const Source*> every;
    for (const auto& s : *sources) every.push_back(&s);
    auto a = compile(every);
    if (!a) return a.error();
    all = std::move(*a);
    if (!base.empty()) {
      std::error_code ec;
      fs::create_directories(config.cache_dir, ec);
      if (!ec) save_atomically(all.get(), base.string() + "-all.yarc");
    }
  }
  // Each source file's rules carry its own namespace, so a file is ELF-only
  // when every rule of its namespace is.
  std::map<std::string, std::pair<bool, std::size_t>> by_ns;  // -> (all ELF-only, rules)
  const YR_RULE* rule = nullptr;
  yr_rules_foreach(all.get(), rule) {
    auto& [elf_only, n] = by_ns.emplace(rule->ns->name, std::pair{true, 0}).first->second;
    ++n;
    if (!rule_targets_elf(rule)) elf_only = false;
  }
  std::vector<Source> gen;
  for (auto& s : *sources) {
    auto it = by_ns.find(s.ns);
    if (it == by_ns.end() || !it->second.first)
      gen.push_back(std::move(s));
    else
      st.elf_only_rules += it->second.second;
  }
  st.rules = count_rules(all.get());
  if (stats != nullptr) *stats = st;
  auto all_set = std::make_unique<RuleSet>(std::move(all));
  std::unique_ptr<LazyRuleSet> gen_set;
  if (!gen.empty())
    gen_set = std::make_unique<LazyRuleSet>(
        std::move(gen), base.empty() ? fs::path() : fs::path(base.string() + "-generic.yarc"));
  return std::unique_ptr<Detector>(std::make_unique<YaraDetector>(
      std::move(lib), std::move(all_set), std::move(gen_set), key, config.timeout_seconds));
}

}  // namespace iotguard::detect
