// SPDX-License-Identifier: GPL-2.0-or-later
#include "signatures/learn/learner.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <fstream>
#include <functional>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "detect/engine.h"
#include "signatures/learn/rule_writer.h"
#include "signatures/learn/samples.h"
#include "signatures/learn/strings.h"

namespace iotguard::signatures::learn {
namespace fs = std::filesystem;
namespace {

using Id = std::uint32_t;

struct Sample {
  SampleInfo info;
  int family = -1;  // index into Model::families
  std::string label_variant;
  int arch = 0;         // index into Model::arches
  std::vector<Id> ids;  // sorted
  std::uint64_t largest_layer = 0;
};

struct Model {
  std::vector<Candidate> cands;
  std::unordered_map<std::string, Id> by_identity;
  std::vector<std::string> families, arches;
  std::vector<std::size_t> family_size;
  std::vector<Sample> samples;
  // Per candidate: (family, samples holding it) pairs.
  std::vector<std::vector<std::pair<int, std::uint32_t>>> fam_counts;
};

struct Labels {
  std::unordered_map<std::string, std::pair<std::string, std::string>> by_sha;  // family, variant
};

Result<Labels> read_labels(const fs::path& p) {
  std::ifstream in(p);
  if (!in) return Error{p.string() + ": cannot read"};
  Labels l;
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    const auto t1 = line.find('\t');
    if (t1 == std::string::npos)
      return Error{fmt::format("{}:{}: expected sha256<TAB>family", p.string(), n)};
    const auto t2 = line.find('\t', t1 + 1);
    std::string sha = line.substr(0, t1);
    std::string fam =
        line.substr(t1 + 1, t2 == std::string::npos ? std::string::npos : t2 - t1 - 1);
    std::string var = t2 == std::string::npos ? "" : line.substr(t2 + 1);
    if (const auto t3 = var.find('\t'); t3 != std::string::npos) var.resize(t3);
    std::transform(sha.begin(), sha.end(), sha.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (sha.size() != 64 || fam.empty())
      return Error{fmt::format("{}:{}: expected sha256<TAB>family", p.string(), n)};
    l.by_sha[sha] = {fam, var};
  }
  return l;
}

int index_of(std::vector<std::string>& v, const std::string& s) {
  auto it = std::find(v.begin(), v.end(), s);
  if (it != v.end()) return static_cast<int>(it - v.begin());
  v.push_back(s);
  return static_cast<int>(v.size() - 1);
}

// How much a string is worth in a rule, before counting who holds it.
double quality(const Candidate& c, int arch_spread) {
  double q = 1.0;
  if (c.kind == CandidateKind::xor1 || c.kind == CandidateKind::xor4) q *= 2.0;
  q *= 1.0 + 0.3 * std::min(arch_spread - 1, 5);
  q *= std::min(1.5, 0.5 + static_cast<double>(c.text.size()) / 32.0);
  return q;
}

// Strings another family holds about as often are the toolchain's, not the
// family's: uClibc and musl text is in every static build of every family.
bool family_specific(const Model& m, Id id, int fam) {
  if (m.families.size() < 2) return true;
  std::uint32_t own = 0, total = 0;
  int others = 0;
  for (const auto& [f, n] : m.fam_counts[id]) {
    total += n;
    if (f == fam) {
      own = n;
      continue;
    }
    const double share = static_cast<double>(n) / static_cast<double>(m.family_size[f]);
    if (n >= 2 && share >= 0.05) ++others;
  }
  return others <= 2 && own * 2 >= total;
}

bool contains_text(const Candidate& outer, const Candidate& inner) {
  return outer.text.find(inner.text) != std::string::npos;
}

void count(Model& m) {
  m.family_size.assign(m.families.size(), 0);
  m.fam_counts.assign(m.cands.size(), {});
  for (const auto& s : m.samples) {
    ++m.family_size[s.family];
    for (Id id : s.ids) {
      auto& v = m.fam_counts[id];
      auto it =
          std::find_if(v.begin(), v.end(), [&](const auto& p) { return p.first == s.family; });
      if (it == v.end())
        v.push_back({s.family, 1});
      else
        ++it->second;
    }
  }
}

// Runs the engine over every sample of the model (the file and its UPX
// layers, as a scan would) and hands each one's findings to `use`, one call
// at a time.
void scan_model(const Model& m, const LearnOptions& o, const detect::Engine& engine,
                std::vector<std::string>& errors,
                const std::function<void(std::size_t, const std::vector<Finding>&)>& use) {
  std::unordered_map<std::string, std::size_t> by_sha;
  for (std::size_t i = 0; i < m.samples.size(); ++i) by_sha[m.samples[i].info.sha256] = i;
  std::mutex mu;
  for_each_sample(
      o.inputs, {}, o.threads,
      [&](const SampleInfo& info, const std::vector<Bytes>& layers) {
        auto it = by_sha.find(info.sha256);
        if (it == by_sha.end()) return;
        const auto a = engine.analyse(layers.front(), info.name, info.sha256);
        std::lock_guard lock(mu);
        use(it->second, a.findings);
      },
      errors);
}

// Counting by identity misses a string that another sample holds inside a
// longer one, and YARA matches it there: rules would match other families
// (or goodware-like text) the counts never saw. So the strings worth a rule
// (per family, the most shared) are counted again the way a scan finds
// them: compiled as one rule each and run by the scan engine over every
// sample, UPX layers included. Only those strings are kept.
std::optional<Error> measure_pool(Model& m, const LearnOptions& o,
                                  std::vector<std::string>& errors) {
  // Each sample's most shared strings, so small variants of a large family
  // keep theirs too.
  constexpr std::size_t kPerSample = 16, kHiddenPerSample = 16;
  std::vector<char> in_pool(m.cands.size(), 0);
  std::unordered_map<std::uint64_t, bool> specific;  // (id, family) -> family_specific
  for (const auto& smp : m.samples) {
    const int f = smp.family;
    if (m.family_size[f] < o.min_samples) continue;
    std::vector<std::pair<double, Id>> ranked;
    for (Id id : smp.ids) {
      std::uint32_t own = 0;
      for (const auto& [g, n] : m.fam_counts[id])
        if (g == f) own = n;
      if (own < o.min_samples) continue;
      const std::uint64_t key = (std::uint64_t{id} << 16) | static_cast<std::uint64_t>(f);
      auto it = specific.find(key);
      if (it == specific.end()) it = specific.emplace(key, family_specific(m, id, f)).first;
      if (!it->second) continue;
      ranked.push_back({own * quality(m.cands[id], 1), id});
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::size_t plain = 0, hidden = 0;
    for (const auto& [score, id] : ranked) {
      const bool h = m.cands[id].kind == CandidateKind::xor1;
      if (h ? hidden >= kHiddenPerSample : plain >= kPerSample) continue;
      (h ? hidden : plain)++;
      in_pool[id] = 1;
    }
  }
  std::vector<Id> pool;
  for (Id id = 0; id < m.cands.size(); ++id)
    if (in_pool[id]) pool.push_back(id);
  for (auto& s : m.samples) s.ids.clear();
  if (!pool.empty()) {
    const fs::path file = o.output.string() + ".pool.yar";
    {
      std::ofstream out(file, std::ios::trunc);
      for (Id id : pool) {
        RuleSpec r;
        r.name = fmt::format("c{}", id);
        r.strings = {m.cands[id]};
        out << write_rule(r);
      }
      if (!out) return Error{file.string() + ": cannot write"};
    }
    detect::EngineConfig ec;
    ec.rules = {file};
    ec.elf_anomalies = false;
    auto engine = detect::Engine::create(ec);
    std::error_code rm;
    fs::remove(file, rm);
    if (!engine) return Error{"candidate strings do not compile: " + engine.error().message};
    scan_model(m, o, **engine, errors, [&](std::size_t i, const std::vector<Finding>& found) {
      std::vector<Id> ids;
      for (const auto& f : found)
        if (f.rule.size() > 1 && f.rule[0] == 'c')
          ids.push_back(static_cast<Id>(std::stoul(f.rule.substr(1))));
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      m.samples[i].ids = std::move(ids);
    });
  }
  count(m);
  return std::nullopt;
}

struct Built {
  RuleSpec spec;
  LearnedRule info;
};

class FamilyLearner {
 public:
  FamilyLearner(const Model& m, int fam, const LearnOptions& o, const GoodwareIndex* gw)
      : m_(m), fam_(fam), o_(o), gw_(gw) {
    for (std::size_t i = 0; i < m.samples.size(); ++i)
      if (m.samples[i].family == fam) members_.push_back(i);
  }

  std::vector<Built> run() {
    std::vector<Built> out;
    std::set<std::size_t> uncovered(members_.begin(), members_.end());
    std::unordered_set<Id> used_seeds;
    for (int round = 0; round < 64 && out.size() < o_.max_rules_per_family; ++round) {
      if (uncovered.size() < o_.min_samples) break;
      // Seed: the string most uncovered samples share.
      std::unordered_map<Id, std::uint32_t> cnt;
      for (std::size_t s : uncovered)
        for (Id id : m_.samples[s].ids) ++cnt[id];
      Id seed = 0;
      double best = 0;
      std::uint32_t best_n = 0;
      for (const auto& [id, n] : cnt) {
        if (n < o_.min_samples || used_seeds.contains(id) || !allowed(id)) continue;
        const double score = n * quality(m_.cands[id], 1);
        if (score > best || (score == best && id < seed)) best = score, seed = id, best_n = n;
      }
      if (best_n < o_.min_samples) break;
      used_seeds.insert(seed);
      std::vector<std::size_t> cluster;
      for (std::size_t s : uncovered)
        if (has(s, seed)) cluster.push_back(s);
      auto built = build(cluster, seed);
      if (!built) continue;
      std::size_t fresh = 0;
      for (std::size_t s : built->second)
        if (uncovered.erase(s)) ++fresh;
      if (fresh < o_.min_samples) continue;
      built->first.info.variant = variant_name(built->second, out.size() + 1);
      out.push_back(std::move(built->first));
    }
    return out;
  }

 private:
  [[nodiscard]] bool has(std::size_t s, Id id) const {
    const auto& v = m_.samples[s].ids;
    return std::binary_search(v.begin(), v.end(), id);
  }

  bool allowed(Id id) {
    auto it = allowed_.find(id);
    if (it != allowed_.end()) return it->second;
    bool ok = family_specific(m_, id, fam_);
    // A hidden string is matched under every single-byte key: none of its
    // printable images may be goodware text either.
    const Candidate& c = m_.cands[id];
    if (ok && gw_ != nullptr && c.kind == CandidateKind::xor1) {
      for (int k = 1; k < 256 && ok; ++k) {
        std::string img = c.text;
        bool printable = true;
        for (char& ch : img) {
          ch = static_cast<char>(static_cast<unsigned char>(ch) ^ k);
          printable &= is_printable(static_cast<std::uint8_t>(ch));
        }
        if (printable && gw_->may_contain(img)) ok = false;
      }
    }
    allowed_[id] = ok;
    return ok;
  }

  // The rule for one cluster, and every family sample it would match.
  std::optional<std::pair<Built, std::vector<std::size_t>>> build(
      const std::vector<std::size_t>& cluster, Id seed) {
    std::unordered_map<Id, std::pair<std::uint32_t, std::uint64_t>> cnt;  // samples, arch mask
    for (std::size_t s : cluster)
      for (Id id : m_.samples[s].ids) {
        auto& e = cnt[id];
        ++e.first;
        e.second |= std::uint64_t{1} << (m_.samples[s].arch % 64);
      }
    const auto need = static_cast<std::uint32_t>(std::max<double>(
        static_cast<double>(o_.min_samples), std::ceil(0.3 * static_cast<double>(cluster.size()))));
    std::vector<std::pair<double, Id>> ranked;
    for (const auto& [id, e] : cnt) {
      if (e.first < need || !allowed(id)) continue;
      const int spread = std::popcount(e.second);
      ranked.push_back({e.first * quality(m_.cands[id], spread), id});
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<Id> chosen{seed};
    for (const auto& [score, id] : ranked) {
      if (chosen.size() >= o_.max_strings) break;
      if (id == seed) continue;
      const Candidate& c = m_.cands[id];
      bool dup = false;
      for (Id k : chosen) dup |= contains_text(m_.cands[k], c) || contains_text(c, m_.cands[k]);
      if (!dup) chosen.push_back(id);
    }
    const Candidate& s0 = m_.cands[seed];
    const bool strong_alone = s0.text.size() >= 16 || s0.kind != CandidateKind::ascii;
    if (chosen.size() < 2 && !strong_alone) return std::nullopt;

    // N of them: nearly all of the cluster, never fewer than two strings when
    // there are two, and not more than 40 % of them, so builds that drop a
    // few strings still match.
    std::vector<std::size_t> hits;
    for (std::size_t s : cluster) {
      std::size_t h = 0;
      for (Id id : chosen) h += has(s, id);
      hits.push_back(h);
    }
    std::sort(hits.begin(), hits.end());
    const auto q = static_cast<std::size_t>(
        std::floor((1.0 - o_.cluster_recall) * static_cast<double>(hits.size())));
    const std::size_t n95 = hits[std::min(q, hits.size() - 1)];
    const std::size_t cap = std::max<std::size_t>(
        2, static_cast<std::size_t>(std::ceil(0.4 * static_cast<double>(chosen.size()))));
    std::size_t threshold = std::min(n95, cap);
    threshold = std::max<std::size_t>(threshold, chosen.size() >= 2 ? 2 : 1);

    std::vector<std::size_t> matched;
    std::uint64_t largest = 0;
    std::set<std::string> arches;
    for (std::size_t s : members_) {
      std::size_t h = 0;
      for (Id id : chosen) h += has(s, id);
      if (h < threshold) continue;
      matched.push_back(s);
      largest = std::max(largest, m_.samples[s].largest_layer);
      arches.insert(m_.arches[m_.samples[s].arch]);
    }
    Built b;
    for (Id id : chosen) b.spec.strings.push_back(m_.cands[id]);
    b.spec.threshold = threshold;
    b.spec.elf_only = true;
    // Room for builds with more code around the same strings.
    b.spec.max_filesize = std::max<std::uint64_t>(4 * largest, 4ull << 20);
    b.info.family = m_.families[fam_];
    b.info.strings = chosen.size();
    b.info.threshold = threshold;
    b.info.family_samples = members_.size();
    b.info.arches.assign(arches.begin(), arches.end());
    return std::make_pair(std::move(b), std::move(matched));
  }

  std::string variant_name(const std::vector<std::size_t>& matched, std::size_t n) const {
    std::map<std::string, std::size_t> votes;
    for (std::size_t s : matched)
      if (!m_.samples[s].label_variant.empty()) ++votes[m_.samples[s].label_variant];
    std::string best;
    std::size_t most = 0;
    for (const auto& [v, k] : votes)
      if (k > most) most = k, best = v;
    if (!best.empty() && most * 2 > matched.size()) return best;
    return fmt::format("v{}", n);
  }

  const Model& m_;
  int fam_;
  const LearnOptions& o_;
  const GoodwareIndex* gw_;
  std::vector<std::size_t> members_;
  std::unordered_map<Id, bool> allowed_;
};

std::string iso_date() {
  const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace

Result<LearnReport> learn(const LearnOptions& o) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto say = [&](const std::string& s) {
    if (o.progress) o.progress(s);
  };
  if (o.family.has_value() == o.labels.has_value())
    return Error{"give either --family NAME or --labels FILE"};
  std::optional<Labels> labels;
  if (o.labels) {
    auto l = read_labels(*o.labels);
    if (!l) return l.error();
    labels = std::move(*l);
  }
  std::optional<GoodwareIndex> gw;
  if (o.goodware) {
    auto g = GoodwareIndex::load(*o.goodware);
    if (!g) return g.error();
    gw = std::move(*g);
  }

  Model m;
  LearnReport rep;
  std::mutex mu;
  std::size_t seen = 0;
  say("reading samples");
  for_each_sample(
      o.inputs, {}, o.threads,
      [&](const SampleInfo& info, const std::vector<Bytes>& layers) {
        std::string fam, variant;
        if (labels) {
          auto it = labels->by_sha.find(info.sha256);
          if (it == labels->by_sha.end()) return;
          fam = it->second.first;
          variant = it->second.second;
        } else {
          fam = *o.family;
        }
        auto cands = extract_candidates(layers, gw ? &*gw : nullptr, o.candidates);
        std::uint64_t largest = 0;
        for (Bytes l : layers) largest = std::max<std::uint64_t>(largest, l.size());
        std::lock_guard lock(mu);
        Sample s;
        s.info = info;
        s.family = index_of(m.families, fam);
        s.label_variant = variant;
        s.arch = index_of(m.arches, info.arch.empty() ? "unknown" : info.arch);
        s.largest_layer = largest;
        for (auto& c : cands) {
          auto [it, fresh] =
              m.by_identity.try_emplace(c.identity(), static_cast<Id>(m.cands.size()));
          if (fresh) m.cands.push_back(std::move(c));
          s.ids.push_back(it->second);
        }
        std::sort(s.ids.begin(), s.ids.end());
        s.ids.erase(std::unique(s.ids.begin(), s.ids.end()), s.ids.end());
        m.samples.push_back(std::move(s));
        if (++seen % 100 == 0) say(fmt::format("read {} samples", seen));
      },
      rep.errors);
  // Threads finish in any order: the model is sorted so runs are repeatable.
  std::sort(m.samples.begin(), m.samples.end(),
            [](const Sample& a, const Sample& b) { return a.info.sha256 < b.info.sha256; });
  m.samples.erase(
      std::unique(m.samples.begin(), m.samples.end(),
                  [](const Sample& a, const Sample& b) { return a.info.sha256 == b.info.sha256; }),
      m.samples.end());
  rep.samples = m.samples.size();
  if (m.samples.empty()) return Error{"no ELF samples found in the given paths (or none labelled)"};

  // Candidate ids were handed out in thread order: renumber by text so the
  // choice between equal scores does not depend on timing.
  {
    // by_identity holds each candidate's identity once: sort those, not
    // identities rebuilt in every comparison.
    std::vector<std::pair<std::string_view, Id>> keyed;
    keyed.reserve(m.by_identity.size());
    for (const auto& [identity, id] : m.by_identity) keyed.push_back({identity, id});
    std::sort(keyed.begin(), keyed.end());
    std::vector<Id> order;
    order.reserve(keyed.size());
    for (const auto& k : keyed) order.push_back(k.second);
    std::vector<Id> renum(order.size());
    std::vector<Candidate> sorted;
    sorted.reserve(order.size());
    for (Id i = 0; i < order.size(); ++i) {
      renum[order[i]] = i;
      sorted.push_back(std::move(m.cands[order[i]]));
    }
    m.cands.swap(sorted);
    m.by_identity.clear();  // it named the old ids; interning is over
    for (auto& s : m.samples) {
      for (Id& id : s.ids) id = renum[id];
      std::sort(s.ids.begin(), s.ids.end());
    }
  }
  count(m);
  say(fmt::format("{} samples, {} families, {} distinct candidate strings", m.samples.size(),
                  m.families.size(), m.cands.size()));
  if (auto e = measure_pool(m, o, rep.errors); e) return *e;
  say(fmt::format("{} candidate strings counted where they really occur", m.cands.size()));

  // Families in name order, each learnt on its own.
  std::vector<int> fam_order(m.families.size());
  for (std::size_t i = 0; i < fam_order.size(); ++i) fam_order[i] = static_cast<int>(i);
  std::sort(fam_order.begin(), fam_order.end(),
            [&](int a, int b) { return m.families[a] < m.families[b]; });
  std::vector<Built> all;
  std::set<std::string> names;
  for (int f : fam_order) {
    rep.family_samples[m.families[f]] = m.family_size[f];
    if (m.family_size[f] < o.min_samples) continue;
    FamilyLearner fl(m, f, o, gw ? &*gw : nullptr);
    auto rules = fl.run();
    std::size_t n = 0;
    for (auto& b : rules) {
      ++n;
      std::string name =
          fmt::format("{}_{}_{}", yara_identifier(o.prefix), yara_identifier(m.families[f]), n);
      while (names.contains(name)) name += "_";
      names.insert(name);
      b.spec.name = name;
      b.info.name = name;
      all.push_back(std::move(b));
    }
    say(fmt::format("{}: {} samples, {} rules", m.families[f], m.family_size[f], rules.size()));
  }

  // Meta: what a finding shows, and where the rule came from.
  std::map<std::string, std::vector<std::string>> shas;  // family -> sample sha256
  for (const auto& s : m.samples) shas[m.families[s.family]].push_back(s.info.sha256);
  for (auto& b : all) {
    const auto& fam = b.info.family;
    const std::string desc =
        o.description.empty()
            ? fmt::format(
                  "{} malware ({} strings learnt from samples, variant {}): remove the "
                  "file, find how it arrived (default passwords, exposed telnet/SSH) "
                  "and change the device's credentials",
                  fam, b.info.strings, b.info.variant)
            : o.description;
    b.spec.tags = {"elf", "learned"};
    b.spec.meta = {{"family", fam},
                   {"variant", b.info.variant},
                   {"severity", o.severity},
                   {"description", desc}};
    if (!o.reference.empty()) b.spec.meta.push_back({"reference", o.reference});
    b.spec.meta.push_back({"generated_by", "iotguard db learn"});
    b.spec.meta.push_back(
        {"generated_from",
         fmt::format("{} samples of {}, {} of {} strings required, CPUs: {}", b.info.family_samples,
                     fam, b.info.threshold, b.info.strings, fmt::join(b.info.arches, ", "))});
    b.spec.meta.push_back({"date", iso_date()});
    const auto& v = shas[fam];
    for (std::size_t i = 0; i < v.size() && i < 3; ++i)
      b.spec.meta.push_back({fmt::format("sample_{}", i + 1), v[i]});
  }

  // Write, compile and measure with the scan engine itself.
  {
    std::ofstream out(o.output, std::ios::trunc);
    if (!out) return Error{o.output.string() + ": cannot write"};
    out << "// SPDX-License-Identifier: GPL-2.0-or-later\n"
        << "// Written by `iotguard db learn` (docs/signatures.md, \"The signature lab\").\n\n";
    for (const auto& b : all) out << write_rule(b.spec) << "\n";
    if (!out) return Error{o.output.string() + ": write failed"};
  }
  rep.rules.reserve(all.size());
  for (auto& b : all) rep.rules.push_back(b.info);
  if (all.empty()) {
    for (const auto& s : m.samples)
      rep.uncovered.push_back(s.info.sha256 + " " + m.families[s.family] + " " + s.info.name);
    rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return rep;
  }
  say("checking the rules with the scan engine");
  detect::EngineConfig ec;
  ec.rules = {o.output};
  ec.elf_anomalies = false;
  auto engine = detect::Engine::create(ec);
  if (!engine) return Error{"the learnt rules do not compile: " + engine.error().message};
  std::unordered_map<std::string, std::size_t> rule_index;
  for (std::size_t i = 0; i < rep.rules.size(); ++i) rule_index[rep.rules[i].name] = i;
  std::vector<char> covered(m.samples.size(), 0);
  std::vector<std::string> errs;
  scan_model(m, o, **engine, errs, [&](std::size_t i, const std::vector<Finding>& found) {
    std::set<std::size_t> rules;
    for (const auto& f : found)
      if (auto r = rule_index.find(f.rule); r != rule_index.end()) rules.insert(r->second);
    const Sample& s = m.samples[i];
    if (covered[i]) return;  // the same bytes met twice
    bool own = false;
    for (std::size_t r : rules) {
      if (rep.rules[r].family == m.families[s.family]) {
        ++rep.rules[r].covered;
        own = true;
      } else {
        ++rep.rules[r].other_hits;
      }
    }
    covered[i] = own ? 1 : 2;
  });
  for (std::size_t i = 0; i < m.samples.size(); ++i) {
    const auto& s = m.samples[i];
    if (covered[i] == 1) {
      ++rep.covered;
      ++rep.family_covered[m.families[s.family]];
    } else {
      rep.uncovered.push_back(s.info.sha256 + " " + m.families[s.family] + " " + s.info.name);
    }
  }
  rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return rep;
}

}  // namespace iotguard::signatures::learn
