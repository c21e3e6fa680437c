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
#include "detect/yara/rule_literals.h"
#include "detect/yara/rule_sources.h"
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
  // Set, per kind of object, when every rule that can report on it needs
  // one of a few literals.
  void set_filters(std::unique_ptr<yara::LiteralFilter> on_elf,
                   std::unique_ptr<yara::LiteralFilter> on_other) {
    on_elf_ = std::move(on_elf);
    on_other_ = std::move(on_other);
  }
  // False when no rule of the set can match `data` (no literal present).
  [[nodiscard]] bool may_match(std::span<const std::uint8_t> data, bool elf) const {
    const auto& f = elf ? on_elf_ : on_other_;
    return f == nullptr || f->any_in(data);
  }

 private:
  RulesPtr rules_;
  std::size_t count_;
  std::unique_ptr<yara::LiteralFilter> on_elf_, on_other_;
  std::mutex mu_;
  std::vector<YR_SCANNER*> free_;
};

// The generic set, made on first use: loaded from the cache or compiled
// from the generic sources' text (and then cached). If that fails, which
// only a changed `include` can make happen after the full set compiled,
// get() returns null and the caller runs the full set: same matches, slower.
class LazyRuleSet {
 public:
  LazyRuleSet(std::vector<Source> sources, fs::path cache_file,
              std::unique_ptr<yara::LiteralFilter> filter)
      : sources_(std::move(sources)),
        cache_file_(std::move(cache_file)),
        filter_(std::move(filter)) {}
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
      set_->set_filters(nullptr, std::move(filter_));  // non-ELF objects only
    });
    return set_.get();
  }

 private:
  std::once_flag once_;
  std::vector<Source> sources_;
  fs::path cache_file_;
  std::unique_ptr<yara::LiteralFilter> filter_;
  std::unique_ptr<RuleSet> set_;
};

// The literal pre-filter for a set made of these files' rules, or null when
// some file has a rule that can match without a literal known to be there.
std::unique_ptr<yara::LiteralFilter> literal_filter(
    const std::vector<const yara::FileLiterals*>& files, bool elf, std::string* why_not = nullptr) {
  std::vector<yara::Literal> all;
  for (const auto* file : files) {
    const auto* f = elf ? &file->elf : &file->other;
    if (!f->filterable) {
      if (why_not != nullptr) *why_not = f->why_not;
      return nullptr;
    }
    all.insert(all.end(), f->literals.begin(), f->literals.end());
  }
  // Each xor string brings 256; past this the tables outgrow the caches
  // and libyara's own automaton is the better filter.
  if (all.size() > yara::LiteralFilter::kMaxLiterals) {
    if (why_not != nullptr)
      *why_not = fmt::format("more than {} literals", yara::LiteralFilter::kMaxLiterals);
    return nullptr;
  }
  return std::make_unique<yara::LiteralFilter>(all);
}

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
  YaraDetector(std::shared_ptr<YaraLibrary> lib, std::vector<std::unique_ptr<RuleSet>> elf,
               std::vector<std::unique_ptr<LazyRuleSet>> generic, bool generic_is_all,
               bool elf_has_every_file, std::vector<TargetedSet> compiled, std::string hash,
               int timeout, std::set<std::string, std::less<>> reads)
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
    elf_.clear();
    generic_.clear();
    compiled_.clear();
  }

  [[nodiscard]] std::string name() const override { return "yara"; }
  [[nodiscard]] std::string fingerprint() const override { return "yara:" + hash_; }
  [[nodiscard]] bool depends_on_path() const override { return depends_on_path_; }

  std::optional<std::string> analyse(const Layer& layer, std::vector<Finding>& out) override {
    std::optional<std::string> error;
    // The parts of what this object runs (a filtered part and the rest).
    std::vector<RuleSet*> sets;
    for (const auto& p : elf_) sets.push_back(p.get());
    if (!elf_.empty() && layer.kind != Kind::elf && !generic_is_all_) {
      // Every rule is ELF-only unless there is a generic set.
      std::vector<RuleSet*> generic;
      for (const auto& g : generic_)
        if (RuleSet* set = g->get()) generic.push_back(set);
      if (generic.size() == generic_.size()) {
        sets = std::move(generic);
      } else if (!elf_has_every_file_) {
        // elf_ holds every rule the generic set does unless files were
        // left out of it as never ELF.
        sets.clear();
        error = "the YARA rules for non-ELF objects no longer compile";
      }
    }
    for (RuleSet* set : sets)
      if (auto e = scan(*set, layer, out); e && !error) error = e;
    for (const auto& c : compiled_) {
      if (c.elf_only && layer.kind != Kind::elf) continue;
      if (auto e = scan(*c.set, layer, out); e && !error) error = e;
    }
    return error;
  }

 private:
  std::optional<std::string> scan(RuleSet& set, const Layer& layer, std::vector<Finding>& out) {
    if (set.empty() || !set.may_match(layer.bytes, layer.kind == Kind::elf)) return std::nullopt;
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
  // What ELF objects run: the files every rule of which needs a literal
  // (filtered), then the rest; empty when every source is yarac output.
  std::vector<std::unique_ptr<RuleSet>> elf_;
  std::vector<std::unique_ptr<LazyRuleSet>> generic_;  // likewise; empty when all is ELF-only
  bool generic_is_all_ = false;                        // or when none is: elf_ runs on everything
  bool elf_has_every_file_ = true;                     // no file was left out of elf_ as never ELF
  std::vector<TargetedSet> compiled_;                  // one per yarac file given
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
  std::vector<std::unique_ptr<RuleSet>> elf_sets;
  std::vector<std::unique_ptr<LazyRuleSet>> gen_sets;
  bool generic_is_all = false, elf_set_has_all = true;
  if (!text.empty()) {
    // What each file's text says: its target (rule_targets.h) and the
    // literals its rules need (rule_literals.h), for files with a namespace
    // of their own: a file that shares one uses or lends rules across
    // files, and moves with its partners, unfiltered.
    std::vector<yara::FileTarget> targets;
    std::vector<yara::FileLiterals> literals;
    std::vector<bool> own_ns;
    const auto read_text = [&] {
      std::map<std::string, std::size_t> files_per_ns;
      for (const auto& s : text) ++files_per_ns[s.ns];
      targets.clear(), literals.clear(), own_ns.clear();
      for (const auto& s : text) {
        own_ns.push_back(files_per_ns[s.ns] == 1);
        targets.push_back(own_ns.back() ? yara::file_target(s.text) : yara::FileTarget{});
        literals.push_back(config.literal_filter && own_ns.back() ? yara::file_literals(s.text)
                                                                  : yara::FileLiterals{});
      }
    };
    // Each kind of object runs its files in up to two sets: those whose
    // every reporting rule needs a literal, behind the literal filter, and
    // the rest. Split by file, each in its own namespace, the two match
    // what the files compiled together would.
    struct Split {
      std::vector<std::size_t> filtered, rest;
      [[nodiscard]] std::vector<std::vector<std::size_t>> parts() const {
        std::vector<std::vector<std::size_t>> out;
        for (const auto* p : {&filtered, &rest})
          if (!p->empty()) out.push_back(*p);
        return out;
      }
    };
    const auto split = [&](bool elf) {
      Split out;
      for (std::size_t i = 0; i < text.size(); ++i) {
        const bool runs = elf ? targets[i].target != yara::Target::never_elf
                              : targets[i].target != yara::Target::elf_only;
        if (!runs) continue;
        const auto& kind = elf ? literals[i].elf : literals[i].other;
        (kind.filterable ? out.filtered : out.rest).push_back(i);
      }
      return out;
    };
    const auto sources_of = [&](const std::vector<std::size_t>& idx) {
      std::vector<const Source*> out;
      for (std::size_t i : idx) out.push_back(&text[i]);
      return out;
    };
    const auto cache_file = [&](const std::string& kind, std::size_t part, std::size_t parts) {
      if (base.empty()) return fs::path();
      return fs::path(base.string() + "-" + kind + (parts > 1 && part == 1 ? "-rest" : "") +
                      ".yarc");
    };

    // ELF objects' sets are made at start: from the cache when it holds
    // them, else compiled. Cached only when nothing was left out or
    // joined, so a cached set is always in the files' own layout.
    read_text();
    Split for_elf = split(true);
    std::vector<RulesPtr> elf_parts;
    if (!base.empty()) {
      const auto parts = for_elf.parts();
      for (std::size_t k = 0; k < parts.size(); ++k)
        if (auto r = yara::load_cached(cache_file("elf", k, parts.size())))
          elf_parts.push_back(std::move(r));
      if (elf_parts.size() != parts.size()) elf_parts.clear();
    }
    st.from_cache = !elf_parts.empty();
    if (!st.from_cache) {
      auto a = yara::compile_leniently(text);
      if (!a) return Error{"YARA rules do not compile:\n" + a.error().message};
      st.rejected = std::move(a->rejected);
      const bool clean = st.rejected.empty() && !a->joined;
      if (!clean) {
        read_text();  // files were left out or now share namespaces
        for_elf = split(true);
      }
      const auto parts = for_elf.parts();
      if (parts.size() == 1 && parts[0].size() == text.size()) {
        elf_parts.push_back(std::move(a->rules));  // the full set compiled above is it
      } else {
        // The full set compiled above proved every file.
        a->rules.reset();
        for (const auto& part : parts) {
          auto e = yara::compile(sources_of(part));
          if (!e) return Error{"YARA rules do not compile:\n" + e.error().message};
          elf_parts.push_back(std::move(*e));
        }
      }
      if (clean && !base.empty()) {
        std::error_code ec;
        fs::create_directories(config.cache_dir, ec);
        for (std::size_t k = 0; k < elf_parts.size() && !ec; ++k)
          yara::save_cached(elf_parts[k].get(), cache_file("elf", k, elf_parts.size()));
      }
    }
    std::size_t never_elf_rules = 0;
    for (const auto& t : targets)
      if (t.target == yara::Target::never_elf) never_elf_rules += t.rules;
    elf_set_has_all = for_elf.filtered.size() + for_elf.rest.size() == text.size();
    st.never_elf_rules = never_elf_rules;

    // Each source file's rules carry its own namespace (or the one it
    // shares with the file whose rules it uses), so a file is ELF-only when
    // every rule of its namespace is tagged so, or its conditions say so.
    std::map<std::string, yara::NamespaceTargets> by_ns;
    for (const auto& r : elf_parts) by_ns.merge(yara::targets_by_namespace(r.get()));
    for (std::size_t i = 0; i < text.size(); ++i) {
      auto it = by_ns.find(text[i].ns);
      if (it != by_ns.end() && it->second.elf_only && targets[i].target == yara::Target::any)
        targets[i].target = yara::Target::elf_only;  // tagged: the generic sets leave it out
      if (targets[i].target == yara::Target::elf_only)
        st.elf_only_rules += it != by_ns.end() ? it->second.rules : 0;
    }
    const Split for_other = split(false);

    if (includes) {
      std::string fp = key;
      for (const auto& r : elf_parts) fp = yara::serialized_sha256(r.get(), fp);
      fingerprint = fp;
    }
    const auto filter_of = [&](const std::vector<std::size_t>& part, bool filtered, bool elf,
                               std::string* why_not) -> std::unique_ptr<yara::LiteralFilter> {
      if (!config.literal_filter || !filtered) return nullptr;
      std::vector<const yara::FileLiterals*> l;
      for (std::size_t i : part) l.push_back(&literals[i]);
      return literal_filter(l, elf, why_not);
    };
    const auto elf_split = for_elf.parts();
    for (std::size_t k = 0; k < elf_parts.size(); ++k) {
      auto set = std::make_unique<RuleSet>(std::move(elf_parts[k]));
      const bool filtered = k == 0 && !for_elf.filtered.empty();
      std::string why;
      // ELF sets also run on other objects when there is no generic set.
      set->set_filters(filter_of(elf_split[k], filtered, true, &why),
                       filter_of(elf_split[k], filtered, false, nullptr));
      if (filtered && why.empty()) st.filtered_rules += set->size();
      if (!why.empty()) st.unfiltered = why;
      st.rules += set->size();
      elf_sets.push_back(std::move(set));
    }
    if (config.literal_filter && !for_elf.rest.empty() && st.unfiltered.empty()) {
      const auto& l = literals[for_elf.rest.front()];
      st.unfiltered =
          own_ns[for_elf.rest.front()]
              ? l.elf.why_not
              : "rules shared across files (" + text[for_elf.rest.front()].path.string() + ")";
    }
    st.literal_filter = st.filtered_rules > 0 && st.unfiltered.empty();
    st.rules += never_elf_rules;

    // No file targets one kind: the generic sets would be these again.
    generic_is_all =
        for_other.filtered.size() + for_other.rest.size() == text.size() && elf_set_has_all;
    if (!generic_is_all) {
      const auto parts = for_other.parts();
      std::vector<std::vector<Source>> part_sources(parts.size());
      for (std::size_t k = 0; k < parts.size(); ++k) {
        const bool filtered = k == 0 && !for_other.filtered.empty();
        for (std::size_t i : parts[k]) part_sources[k].push_back(std::move(text[i]));
        gen_sets.push_back(std::make_unique<LazyRuleSet>(
            std::move(part_sources[k]), cache_file("generic", k, parts.size()),
            filter_of(parts[k], filtered, false, nullptr)));
      }
    }
  }
  if (stats != nullptr) *stats = st;
  return std::unique_ptr<Detector>(std::make_unique<YaraDetector>(
      std::move(lib), std::move(elf_sets), std::move(gen_sets), generic_is_all, elf_set_has_all,
      std::move(compiled), fingerprint, config.timeout_seconds, std::move(reads)));
}

}  // namespace iotguard::detect
