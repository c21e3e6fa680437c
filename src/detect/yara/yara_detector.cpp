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

class YaraDetector final : public Detector {
 public:
  YaraDetector(std::shared_ptr<YaraLibrary> lib, Stage<RuleSet> elf, Stage<LazyRuleSet> generic,
               bool generic_is_all, bool elf_has_every_file, std::vector<TargetedSet> compiled,
               std::string hash, int timeout, std::set<std::string, std::less<>> reads)
      : lib_(std::move(lib)),
        elf_(std::move(elf)),
        generic_(std::move(generic)),
        generic_is_all_(generic_is_all),
        elf_has_every_file_(elf_has_every_file),
        compiled_(std::move(compiled)),
        hash_(std::move(hash)),
        timeout_(timeout),
        reads_owner_(reads.contains("owner")),
        reads_filetype_(reads.contains("filetype")),
        depends_on_path_(std::any_of(reads.begin(), reads.end(), [](const std::string& e) {
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

}  // namespace

Result<std::unique_ptr<Detector>> make_yara_detector(const YaraConfig& config, YaraStats* stats) {
  auto lib = std::make_shared<YaraLibrary>();
  if (!lib->ok) return Error{"libyara failed to initialise"};
  auto sources = yara::gather(config.sources);
  if (!sources) return sources.error();

  // The cache key covers libyara's version and every source's path and bytes.
  Sha256 keyhash;
  keyhash.update(YR_VERSION);
  for (const auto& s : *sources) {
    keyhash.update(std::string_view("\0", 1));
    keyhash.update(s.path.string());
    keyhash.update(std::string_view("\0", 1));
    keyhash.update(s.text);
  }
  const std::string key = keyhash.hex();
  YaraStats st;
  st.source_files = sources->size();
  st.content_hash = key;

  std::vector<TargetedSet> compiled;
  std::vector<Source> text;
  std::set<std::string, std::less<>> reads;  // externals some rule reads
  for (auto& s : *sources) {
    if (!s.compiled()) {
      reads.merge(yara::externals_read(s.text));
      text.push_back(std::move(s));
      continue;
    }
    if (!config.allow_compiled)
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

  // Included files are read by libyara and in no key: such sets are compiled
  // every run rather than cached stale, and the fingerprint (the scan
  // cache's key) covers what they compiled to.
  const bool includes =
      std::any_of(text.begin(), text.end(), [](const Source& s) { return s.may_include(); });
  std::string fingerprint = key;
  const fs::path base =
      config.cache_dir.empty() || includes
          ? fs::path()
          : config.cache_dir / fmt::format("yara-{}-t{}", key.substr(0, 24), yara::kReadingVersion);
  Stage<RuleSet> elf_stage;
  Stage<LazyRuleSet> gen_stage;
  bool generic_is_all = false, elf_set_has_all = true;
  if (!text.empty()) {
    // What each file's text says (rule_split.h), read again if the compile
    // below leaves files out or has them share namespaces.
    std::vector<yara::FileReading> files = yara::read_files(text, config.literal_filter);
    const auto sources_of = [&](const std::vector<std::size_t>& idx) {
      std::vector<const Source*> out;
      for (std::size_t i : idx) out.push_back(&text[i]);
      return out;
    };
    const auto cache_file = [&](const std::string& kind, bool rest) {
      if (base.empty()) return fs::path();
      return fs::path(base.string() + "-" + kind + (rest ? "-rest" : "") + ".yarc");
    };

    // ELF objects' sets are made at start: from the cache when it holds
    // them, else compiled. Cached only when nothing was left out or
    // joined, so a cached set is always in the files' own layout.
    yara::Split for_elf = yara::split_for(files, true);
    RulesPtr full, rest;
    if (!base.empty()) {
      full = yara::load_cached(cache_file("elf", false));
      if (full && for_elf.has_rest_set()) rest = yara::load_cached(cache_file("elf", true));
      if (for_elf.has_rest_set() && !rest) full.reset();
    }
    st.from_cache = full != nullptr;
    if (!st.from_cache) {
      auto a = yara::compile_leniently(text);
      if (!a) return Error{"YARA rules do not compile:\n" + a.error().message};
      st.rejected = std::move(a->rejected);
      const bool clean = st.rejected.empty() && !a->joined;
      if (!clean) {
        files = yara::read_files(text, config.literal_filter);
        for_elf = yara::split_for(files, true);
      }
      // The full set compiled above proved every file; ELF objects get the
      // set without the files that cannot match them.
      if (for_elf.all.size() == text.size()) {
        full = std::move(a->rules);
      } else {
        a->rules.reset();
        auto e = yara::compile(sources_of(for_elf.all));
        if (!e) return Error{"YARA rules do not compile:\n" + e.error().message};
        full = std::move(*e);
      }
      if (for_elf.has_rest_set()) {
        auto r = yara::compile(sources_of(for_elf.rest));
        if (!r) return Error{"YARA rules do not compile:\n" + r.error().message};
        rest = std::move(*r);
      }
      if (clean && !base.empty()) {
        std::error_code ec;
        fs::create_directories(config.cache_dir, ec);
        if (!ec) yara::save_cached(full.get(), cache_file("elf", false));
        if (!ec && rest) yara::save_cached(rest.get(), cache_file("elf", true));
      }
    }
    std::size_t never_elf_rules = 0;
    for (const auto& f : files)
      if (f.target.target == yara::Target::never_elf) never_elf_rules += f.target.rules;
    elf_set_has_all = for_elf.all.size() == text.size();
    st.never_elf_rules = never_elf_rules;

    // Each source file's rules carry its own namespace (or the one it
    // shares with the file whose rules it uses), so a file is ELF-only when
    // every rule of its namespace is tagged so, or its conditions say so.
    const auto by_ns = yara::targets_by_namespace(full.get());
    for (std::size_t i = 0; i < text.size(); ++i) {
      auto it = by_ns.find(text[i].ns);
      yara::Target& t = files[i].target.target;
      if (it != by_ns.end() && it->second.elf_only && t == yara::Target::any)
        t = yara::Target::elf_only;  // tagged: the generic sets leave it out
      if (t == yara::Target::elf_only)
        st.elf_only_rules += it != by_ns.end() ? it->second.rules : 0;
    }
    if (includes) fingerprint = yara::serialized_sha256(full.get(), key);

    elf_stage.full = std::make_unique<RuleSet>(std::move(full));
    if (config.literal_filter) {
      // The ELF stage also runs on other objects when there is no generic one.
      elf_stage.filter = yara::filter_for(files, for_elf, true, &st.unfiltered);
      elf_stage.other_filter = yara::filter_for(files, for_elf, false);
      if (rest && (elf_stage.filter || elf_stage.other_filter))
        elf_stage.rest = std::make_unique<RuleSet>(std::move(rest));
      if (elf_stage.filter != nullptr)
        st.filtered_rules = elf_stage.full->size() - (elf_stage.rest ? elf_stage.rest->size() : 0);
      if (!for_elf.rest.empty() && st.unfiltered.empty()) {
        const std::size_t i = for_elf.rest.front();
        st.unfiltered = files[i].own_ns
                            ? files[i].literals.elf.why_not
                            : "rules shared across files (" + text[i].path.string() + ")";
      }
    }
    st.literal_filter = st.filtered_rules > 0 && st.unfiltered.empty();
    st.rules += elf_stage.full->size() + never_elf_rules;

    // No file targets one kind: the generic stage would be the ELF one again.
    const yara::Split for_other = yara::split_for(files, false);
    generic_is_all = for_other.all.size() == text.size() && elf_set_has_all;
    if (!generic_is_all && !for_other.all.empty()) {
      gen_stage.filter = yara::filter_for(files, for_other, false);
      std::vector<Source> rest_sources, all_sources;
      if (gen_stage.filter != nullptr && for_other.has_rest_set()) {
        for (std::size_t i : for_other.rest) rest_sources.push_back(text[i]);
        gen_stage.rest =
            std::make_unique<LazyRuleSet>(std::move(rest_sources), cache_file("generic", true));
      }
      for (std::size_t i : for_other.all) all_sources.push_back(std::move(text[i]));
      gen_stage.full =
          std::make_unique<LazyRuleSet>(std::move(all_sources), cache_file("generic", false));
    }
  }
  if (stats != nullptr) *stats = st;
  return std::unique_ptr<Detector>(std::make_unique<YaraDetector>(
      std::move(lib), std::move(elf_stage), std::move(gen_stage), generic_is_all, elf_set_has_all,
      std::move(compiled), fingerprint, config.timeout_seconds, std::move(reads)));
}

}  // namespace iotguard::detect
