// SPDX-License-Identifier: GPL-2.0-or-later
// Rules are split by target so work is skipped where nothing can match: a
// source file whose every rule is tagged `elf` (or has meta filetype = "elf"),
// or whose every condition requires "\x7fELF", is ELF-only; one whose every
// condition requires other first bytes (rule_targets.h) is never-ELF. ELF
// objects run every file but the never-ELF ones; other objects run the
// generic set (every file but the ELF-only ones), and none at all when every
// rule is ELF-only. Both sets are compiled once and cached as yarac files
// keyed by the sources' content; the generic set only when the first non-ELF
// object needs it, so a tree of ELF files never pays for a second compile. A
// yarac file given as a source cannot be merged with others: it is a set of
// its own, skipped on non-ELF objects when all of its rules are ELF-only.
#include "detect/yara/yara_detector.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <span>
#include <string_view>

#include <sys/stat.h>

#include "core/digest.h"
#include "detect/yara/externals.h"
#include "detect/yara/literal_filter.h"
#include "detect/yara/rule_sources.h"
#include "detect/yara/rule_split.h"
#include "detect/yara/rule_targets.h"
#include "elf/machine.h"

// libyara last: its macros must not reach the C++ headers above.
#include <yara.h>

namespace iotguard::detect {
namespace fs = std::filesystem;
using yara::RulesPtr;
using yara::Source;

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

// One compiled set plus a pool of scanners over it (a YR_SCANNER holds
// per-scan state, so each concurrent scan needs its own).
class RuleSet {
 public:
  // The count is taken once: yr_rules_get_stats walks the whole Aho-Corasick
  // table and sorts it, far too slow to call per scanned object.
  explicit RuleSet(RulesPtr rules)
      : rules_(std::move(rules)), count_(yara::count_rules(rules_.get())) {}
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
  [[nodiscard]] std::size_t size() const { return count_; }

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
      RulesPtr rules = cache_file_.empty() ? nullptr : yara::load_cached(cache_file_);
      if (!rules) {
        std::vector<const Source*> in;
        for (const auto& s : sources_) in.push_back(&s);
        auto compiled = yara::compile(in);
        if (!compiled) return;
        rules = std::move(*compiled);
        if (!cache_file_.empty()) yara::save_cached(rules.get(), cache_file_);
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

// What one kind of object runs. Without a literal filter, the full set.
// With one, an object holding none of its literals cannot match a rule of
// the files it vouches for, so it runs only `rest`, the other files' rules
// (nothing when there are none); one holding any runs the full set, in one
// pass. Set is RuleSet, or LazyRuleSet for the generic stage.
//
// A filter whose literals are common (public sets need "/bin/sh" or
// "version") passes nearly every object and only adds its pass: once it has
// passed nine in ten of the first 256 objects it saw, it is no longer asked.
template <class Set>
struct Stage {
  std::unique_ptr<Set> full, rest;
  std::unique_ptr<yara::LiteralFilter> filter;        // on its own kind of object
  std::unique_ptr<yara::LiteralFilter> other_filter;  // the ELF stage's on other objects
  struct Use {
    std::atomic<std::uint32_t> asked{0}, passed{0};
    std::atomic<bool> off{false};
  };
  std::unique_ptr<Use> use = std::make_unique<Use>(), other_use = std::make_unique<Use>();

  [[nodiscard]] bool needs_full(std::span<const std::uint8_t> data, bool other) const {
    const auto& f = other ? other_filter : filter;
    Use& u = other ? *other_use : *use;
    if (f == nullptr || u.off.load(std::memory_order_relaxed)) return true;
    const bool pass = f->any_in(data);
    const std::uint32_t asked = u.asked.fetch_add(1, std::memory_order_relaxed) + 1;
    const std::uint32_t passed =
        u.passed.fetch_add(pass ? 1 : 0, std::memory_order_relaxed) + (pass ? 1 : 0);
    if (asked == kTrial && passed * 10 > asked * 9) u.off.store(true, std::memory_order_relaxed);
    return pass;
  }
  static constexpr std::uint32_t kTrial = 256;
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
    nlohmann::json meta = yara::meta_of(rule);
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
    nlohmann::json tags = yara::tags_of(rule);
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

// A set with the objects it runs on.
struct TargetedSet {
  std::unique_ptr<RuleSet> set;
  bool elf_only = false;
};

// What the rule text compiled to: the two stages and how they share work.
struct TextStages {
  Stage<RuleSet> elf;              // what ELF objects run; none when every source is yarac output
  Stage<LazyRuleSet> generic;      // what others run; none when every rule is ELF-only
  bool generic_is_all = false;     // or when none is: elf runs on everything
  bool elf_has_every_file = true;  // no file was left out of elf as never ELF
};

struct YaraDetectorOptions {
  std::string fingerprint;                   // changes whenever a verdict could
  int timeout_seconds = 60;                  // per object
  std::set<std::string, std::less<>> reads;  // external variables some rule reads
};

class YaraDetector final : public Detector {
 public:
  YaraDetector(std::shared_ptr<YaraLibrary> lib, TextStages text, std::vector<TargetedSet> compiled,
               const YaraDetectorOptions& o)
      : lib_(std::move(lib)),
        elf_(std::move(text.elf)),
        generic_(std::move(text.generic)),
        generic_is_all_(text.generic_is_all),
        elf_has_every_file_(text.elf_has_every_file),
        compiled_(std::move(compiled)),
        hash_(o.fingerprint),
        timeout_(o.timeout_seconds),
        reads_owner_(o.reads.contains("owner")),
        reads_filetype_(o.reads.contains("filetype")),
        depends_on_path_(std::any_of(o.reads.begin(), o.reads.end(), [](const std::string& e) {
          return yara::depends_on_path(e);
        })) {}

  ~YaraDetector() override {
    // Scanners and rules must go before yr_finalize.
    elf_ = {};
    generic_ = {};
    compiled_.clear();
  }

  [[nodiscard]] std::string name() const override { return "yara"; }
  [[nodiscard]] std::string fingerprint() const override { return "yara:" + hash_; }
  [[nodiscard]] bool depends_on_path() const override { return depends_on_path_; }

  std::optional<std::string> analyse(const Layer& layer, std::vector<Finding>& out) override {
    std::optional<std::string> error;
    RuleSet* set = nullptr;
    const bool other = layer.kind != Kind::elf;
    // The ELF stage, also for other objects when no file targets one kind.
    const auto elf_stage = [&] {
      return elf_.needs_full(layer.bytes, other) ? elf_.full.get() : elf_.rest.get();
    };
    if (elf_.full && (!other || generic_is_all_)) {
      set = elf_stage();
    } else if (elf_.full && generic_.full) {  // else every rule is ELF-only
      auto* lazy =
          generic_.needs_full(layer.bytes, false) ? generic_.full.get() : generic_.rest.get();
      if (lazy != nullptr) {
        set = lazy->get();
        // The ELF stage holds every rule the generic one does unless files
        // were left out of it as never ELF.
        if (set == nullptr && elf_has_every_file_)
          set = elf_stage();
        else if (set == nullptr)
          error = "the YARA rules for non-ELF objects no longer compile";
      }
    }
    if (set != nullptr) error = scan(*set, layer, out);
    for (const auto& c : compiled_) {
      if (c.elf_only && layer.kind != Kind::elf) continue;
      if (auto e = scan(*c.set, layer, out); e && !error) error = e;
    }
    return error;
  }

 private:
  std::optional<std::string> scan(RuleSet& set, const Layer& layer, std::vector<Finding>& out) {
    if (set.empty()) return std::nullopt;
    YR_SCANNER* sc = set.acquire();
    if (sc == nullptr) return "cannot create a YARA scanner";
    const fs::path p(layer.path);
    const std::string filename = p.filename().string();
    std::string ext = p.extension().string();
    if (!ext.empty()) ext.erase(0, 1);
    const std::string machine =
        layer.elf != nullptr ? elf::machine_name(layer.elf->machine).name : std::string();
    // A stat (or a magic lookup) per object only when some rule reads it.
    std::string owner;
    struct stat st {};
    if (reads_owner_ && ::lstat(layer.path.c_str(), &st) == 0) owner = yara::owner_name(st.st_uid);
    // Rules compiled elsewhere (yarac) may not declare these; libyara then
    // refuses the definition, which is fine.
    yr_scanner_define_string_variable(sc, "filename", filename.c_str());
    yr_scanner_define_string_variable(sc, "filepath", layer.path.c_str());
    yr_scanner_define_string_variable(sc, "extension", ext.c_str());
    const std::string type = reads_filetype_ ? std::string(yara::file_type(layer.bytes)) : "";
    yr_scanner_define_string_variable(sc, "filetype", type.c_str());
    yr_scanner_define_string_variable(sc, "owner", owner.c_str());
    yr_scanner_define_string_variable(sc, "elf_machine", machine.c_str());
    MatchSink sink{&layer, &out};
    yr_scanner_set_callback(sc, on_scan_message, &sink);
    yr_scanner_set_timeout(sc, timeout_);
    const int rc = yr_scanner_scan_mem(sc, layer.bytes.data(), layer.bytes.size());
    set.release(sc);
    if (rc == ERROR_SUCCESS) return std::nullopt;
    if (rc == ERROR_SCAN_TIMEOUT) return fmt::format("YARA scan timed out after {} s", timeout_);
    if (rc == ERROR_TOO_MANY_MATCHES) return "YARA: too many matches for one string";
    return fmt::format("YARA scan error {}", rc);
  }

  std::shared_ptr<YaraLibrary> lib_;
  Stage<RuleSet> elf_;              // what ELF objects run; none when every source is yarac output
  Stage<LazyRuleSet> generic_;      // what others run; none when every rule is ELF-only
  bool generic_is_all_ = false;     // or when none is: elf_ runs on everything
  bool elf_has_every_file_ = true;  // no file was left out of elf_ as never ELF
  std::vector<TargetedSet> compiled_;  // one per yarac file given
  std::string hash_;
  int timeout_;
  bool reads_owner_;
  bool reads_filetype_;
  bool depends_on_path_;
};

// The cache key covers libyara's version and every source's path and bytes.
std::string cache_key(const std::vector<Source>& sources) {
  Sha256 keyhash;
  keyhash.update(YR_VERSION);
  for (const auto& s : sources) {
    keyhash.update(std::string_view("\0", 1));
    keyhash.update(s.path.string());
    keyhash.update(std::string_view("\0", 1));
    keyhash.update(s.text);
  }
  return keyhash.hex();
}

// Takes the yarac files out of `sources` and loads each as a set of its own;
// what is left is rule text. `reads` gathers the external variables the
// text's conditions read and the compiled sets declare.
Result<std::vector<TargetedSet>> load_compiled_sets(std::vector<Source>& sources,
                                                    bool allow_compiled,
                                                    std::set<std::string, std::less<>>& reads,
                                                    YaraStats& st) {
  std::vector<TargetedSet> compiled;
  std::vector<Source> text;
  for (auto& s : sources) {
    if (!s.compiled()) {
      reads.merge(yara::externals_read(s.text));
      text.push_back(std::move(s));
      continue;
    }
    if (!allow_compiled)
      return Error{s.path.string() +
                   ": compiled YARA rules; load them with -C (--compiled-rules), and only from a "
                   "source you trust: libyara does not check compiled rules, and crafted ones can "
                   "run code"};
    auto rules = yara::load_compiled(s);
    if (!rules) return rules.error();
    // What a compiled set's rules read is not known; what it declares is.
    reads.merge(yara::externals_declared(rules->get()));
    bool elf_only = true;
    for (const auto& [ns, t] : yara::targets_by_namespace(rules->get())) elf_only &= t.elf_only;
    auto set = std::make_unique<RuleSet>(std::move(*rules));
    st.rules += set->size();
    if (elf_only) st.elf_only_rules += set->size();
    compiled.push_back({std::move(set), elf_only});
  }
  sources = std::move(text);
  return compiled;
}

// The rule text and what was read from it, shared by the steps that build
// the two stages.
struct TextRules {
  std::vector<Source> text;
  bool literal_filter = true;
  bool includes = false;  // some file has an `include`: nothing is cached
  fs::path cache_dir;     // where cache files go; their names start with cache_base
  fs::path cache_base;    // empty: nothing cached
  // What each file's text says (rule_split.h), read again if the compile
  // leaves files out or has them share namespaces.
  std::vector<yara::FileReading> files;
  yara::Split for_elf;

  [[nodiscard]] fs::path cache_file(const std::string& kind, bool rest) const {
    if (cache_base.empty()) return {};
    return fs::path(cache_base.string() + "-" + kind + (rest ? "-rest" : "") + ".yarc");
  }
  [[nodiscard]] std::vector<const Source*> sources_of(const std::vector<std::size_t>& idx) const {
    std::vector<const Source*> out;
    for (std::size_t i : idx) out.push_back(&text[i]);
    return out;
  }
};

struct ElfSets {
  RulesPtr full, rest;
};

// The ELF stage's sets from the cache, when it holds both the stage needs.
ElfSets load_cached_elf_sets(const TextRules& t) {
  ElfSets sets;
  if (t.cache_base.empty()) return sets;
  sets.full = yara::load_cached(t.cache_file("elf", false));
  if (sets.full && t.for_elf.has_rest_set())
    sets.rest = yara::load_cached(t.cache_file("elf", true));
  if (t.for_elf.has_rest_set() && !sets.rest) sets.full.reset();
  return sets;
}

// Compiles the ELF stage's sets, leaving out files that do not compile
// (st.rejected). Cached only when nothing was left out or joined, so a
// cached set is always in the files' own layout.
Result<ElfSets> compile_elf_sets(TextRules& t, YaraStats& st) {
  auto a = yara::compile_leniently(t.text);
  if (!a) return Error{"YARA rules do not compile:\n" + a.error().message};
  st.rejected = std::move(a->rejected);
  const bool clean = st.rejected.empty() && !a->joined;
  if (!clean) {
    t.files = yara::read_files(t.text, t.literal_filter);
    t.for_elf = yara::split_for(t.files, true);
  }
  ElfSets sets;
  // The full set compiled above proved every file; ELF objects get the
  // set without the files that cannot match them.
  if (t.for_elf.all.size() == t.text.size()) {
    sets.full = std::move(a->rules);
  } else {
    a->rules.reset();
    auto e = yara::compile(t.sources_of(t.for_elf.all));
    if (!e) return Error{"YARA rules do not compile:\n" + e.error().message};
    sets.full = std::move(*e);
  }
  if (t.for_elf.has_rest_set()) {
    auto r = yara::compile(t.sources_of(t.for_elf.rest));
    if (!r) return Error{"YARA rules do not compile:\n" + r.error().message};
    sets.rest = std::move(*r);
  }
  if (clean && !t.cache_base.empty()) {
    std::error_code ec;
    fs::create_directories(t.cache_dir, ec);
    if (!ec) yara::save_cached(sets.full.get(), t.cache_file("elf", false));
    if (!ec && sets.rest) yara::save_cached(sets.rest.get(), t.cache_file("elf", true));
  }
  return sets;
}

// ELF objects' sets are made at start: from the cache when it holds them,
// else compiled.
Result<ElfSets> load_or_compile_elf_sets(TextRules& t, YaraStats& st) {
  ElfSets sets = load_cached_elf_sets(t);
  st.from_cache = sets.full != nullptr;
  if (st.from_cache) return sets;
  return compile_elf_sets(t, st);
}

// Each source file's rules carry its own namespace (or the one it shares
// with the file whose rules it uses), so a file is ELF-only when every rule
// of its namespace is tagged so, or its conditions say so. Tagged files
// become ELF-only here: the generic sets leave them out.
void mark_elf_only_files(TextRules& t, YR_RULES* full, YaraStats& st) {
  const auto by_ns = yara::targets_by_namespace(full);
  for (std::size_t i = 0; i < t.text.size(); ++i) {
    auto it = by_ns.find(t.text[i].ns);
    yara::Target& target = t.files[i].target.target;
    if (it != by_ns.end() && it->second.elf_only && target == yara::Target::any)
      target = yara::Target::elf_only;
    if (target == yara::Target::elf_only)
      st.elf_only_rules += it != by_ns.end() ? it->second.rules : 0;
  }
}

// The ELF stage: its full set and, beside a literal filter, the rest set of
// the files the filter does not vouch for.
Stage<RuleSet> make_elf_stage(const TextRules& t, ElfSets sets, YaraStats& st) {
  Stage<RuleSet> stage;
  stage.full = std::make_unique<RuleSet>(std::move(sets.full));
  if (t.literal_filter) {
    // The ELF stage also runs on other objects when there is no generic one.
    stage.filter = yara::filter_for(t.files, t.for_elf, true, &st.unfiltered);
    stage.other_filter = yara::filter_for(t.files, t.for_elf, false);
    if (sets.rest && (stage.filter || stage.other_filter))
      stage.rest = std::make_unique<RuleSet>(std::move(sets.rest));
    if (stage.filter != nullptr)
      st.filtered_rules = stage.full->size() - (stage.rest ? stage.rest->size() : 0);
    if (!t.for_elf.rest.empty() && st.unfiltered.empty()) {
      const std::size_t i = t.for_elf.rest.front();
      st.unfiltered = t.files[i].own_ns
                          ? t.files[i].literals.elf.why_not
                          : "rules shared across files (" + t.text[i].path.string() + ")";
    }
  }
  st.literal_filter = st.filtered_rules > 0 && st.unfiltered.empty();
  return stage;
}

// The generic stage, compiled (or loaded) when the first non-ELF object
// needs it; `text` gives up its sources to it.
Stage<LazyRuleSet> make_generic_stage(TextRules& t, const yara::Split& for_other) {
  Stage<LazyRuleSet> stage;
  stage.filter = yara::filter_for(t.files, for_other, false);
  std::vector<Source> rest_sources, all_sources;
  if (stage.filter != nullptr && for_other.has_rest_set()) {
    for (std::size_t i : for_other.rest) rest_sources.push_back(t.text[i]);
    stage.rest =
        std::make_unique<LazyRuleSet>(std::move(rest_sources), t.cache_file("generic", true));
  }
  for (std::size_t i : for_other.all) all_sources.push_back(std::move(t.text[i]));
  stage.full =
      std::make_unique<LazyRuleSet>(std::move(all_sources), t.cache_file("generic", false));
  return stage;
}

// Both stages from the rule text. Included files are read by libyara and in
// no key: such sets are compiled every run rather than cached stale, and the
// fingerprint (the scan cache's key) covers what they compiled to.
Result<TextStages> build_text_stages(TextRules& t, const std::string& key, YaraStats& st,
                                     std::string& fingerprint) {
  TextStages stages;
  t.files = yara::read_files(t.text, t.literal_filter);
  t.for_elf = yara::split_for(t.files, true);
  auto sets = load_or_compile_elf_sets(t, st);
  if (!sets) return sets.error();
  std::size_t never_elf_rules = 0;
  for (const auto& f : t.files)
    if (f.target.target == yara::Target::never_elf) never_elf_rules += f.target.rules;
  stages.elf_has_every_file = t.for_elf.all.size() == t.text.size();
  st.never_elf_rules = never_elf_rules;
  mark_elf_only_files(t, sets->full.get(), st);
  if (t.includes) fingerprint = yara::serialized_sha256(sets->full.get(), key);

  stages.elf = make_elf_stage(t, std::move(*sets), st);
  st.rules += stages.elf.full->size() + never_elf_rules;

  // No file targets one kind: the generic stage would be the ELF one again.
  const yara::Split for_other = yara::split_for(t.files, false);
  stages.generic_is_all = for_other.all.size() == t.text.size() && stages.elf_has_every_file;
  if (!stages.generic_is_all && !for_other.all.empty())
    stages.generic = make_generic_stage(t, for_other);
  return stages;
}

}  // namespace

Result<std::unique_ptr<Detector>> make_yara_detector(const YaraConfig& config, YaraStats* stats) {
  auto lib = std::make_shared<YaraLibrary>();
  if (!lib->ok) return Error{"libyara failed to initialise"};
  auto sources = yara::gather(config.sources);
  if (!sources) return sources.error();
  const std::string key = cache_key(*sources);
  YaraStats st;
  st.source_files = sources->size();
  st.content_hash = key;

  YaraDetectorOptions opt;
  opt.timeout_seconds = config.timeout_seconds;
  opt.fingerprint = key;
  auto compiled = load_compiled_sets(*sources, config.allow_compiled, opt.reads, st);
  if (!compiled) return compiled.error();

  TextStages stages;
  if (!sources->empty()) {
    TextRules t;
    t.text = std::move(*sources);
    t.literal_filter = config.literal_filter;
    t.cache_dir = config.cache_dir;
    t.includes =
        std::any_of(t.text.begin(), t.text.end(), [](const Source& s) { return s.may_include(); });
    if (!config.cache_dir.empty() && !t.includes)
      t.cache_base =
          config.cache_dir / fmt::format("yara-{}-t{}", key.substr(0, 24), yara::kReadingVersion);
    auto built = build_text_stages(t, key, st, opt.fingerprint);
    if (!built) return built.error();
    stages = std::move(*built);
  }
  if (stats != nullptr) *stats = st;
  return std::unique_ptr<Detector>(
      std::make_unique<YaraDetector>(std::move(lib), std::move(stages), std::move(*compiled), opt));
}

}  // namespace iotguard::detect
