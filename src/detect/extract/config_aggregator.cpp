// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/extract/config_aggregator.h"

#include <algorithm>

#include "detect/extract/mirai_table.h"
#include "detect/extract/mozi_config.h"
#include "elf/constants.h"

namespace iotguard::detect {
namespace {

// Where the key search is worth its cost without a family verdict: small
// static executables, the shape of nearly every IoT bot (s1).
constexpr std::size_t kSpeculativeMax = 4u << 20;

// Where a compiler puts string literals: allocated data sections (.rodata,
// .rodata.str*, .data). A speculative search reads only these when the file
// has them, skipping code; without section headers (most real bots) it reads
// the whole file.
std::vector<std::pair<std::size_t, std::size_t>> data_sections(const elf::ElfFile& elf) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (const auto& s : elf.sections)
    if (s.type == elf::SHT_PROGBITS && (s.flags & elf::SHF_ALLOC) != 0 &&
        (s.flags & elf::SHF_EXECINSTR) == 0 && s.size != 0)
      out.emplace_back(s.offset, s.size);
  return out;
}

bool any_family(const std::vector<Finding>& fs, const char* family) {
  return std::any_of(fs.begin(), fs.end(), [&](const Finding& f) { return f.family == family; });
}

void attach(std::vector<Finding>& fs, const char* family, const nlohmann::json& config) {
  for (auto& f : fs)
    if (f.family == family || f.rule == "Heur.IoTBot") f.evidence["config"] = config;
}

class ConfigAggregator final : public Aggregator {
 public:
  explicit ConfigAggregator(std::optional<CredentialSet> c) : creds_(std::move(c)) {}
  [[nodiscard]] std::string name() const override { return "config-extract"; }
  [[nodiscard]] std::string fingerprint() const override {
    return "config-extract:1:" + std::to_string(creds_ ? creds_->pairs.size() : 0);
  }

  void aggregate(const Layer& layer, std::vector<Finding>& fs) const override {
    const bool mirai = any_family(fs, "Mirai");
    const bool speculative =
        layer.elf != nullptr && layer.elf->is_static() && layer.bytes.size() <= kSpeculativeMax;
    if (mirai || speculative) {
      MiraiKeySearch opt;
      if (!mirai) opt.ranges = data_sections(*layer.elf);
      if (auto c = extract_mirai(layer.bytes, creds_ ? &*creds_ : nullptr, opt)) {
        const auto j = to_json(*c);
        if (mirai) {
          attach(fs, "Mirai", j);
        } else {
          // An encoded table no rule knows: evidence for the heuristics.
          Finding t = layer.make_finding();
          t.rule = "Trait_XorStringTable";
          t.severity = Severity::info;
          t.title = "single-byte XOR string table holding Mirai plaintexts";
          t.evidence = {{"engine", "extract"},
                        {"tags", {"trait"}},
                        {"meta", {{"trait", "xor_string_table"}, {"weight", 6}}},
                        {"config", j}};
          fs.push_back(std::move(t));
        }
      }
    }
    // Only a Mozi finding carries the decoded config (the heuristics, which
    // could, run after this), so the search waits for one.
    if (any_family(fs, "Mozi"))
      if (auto m = extract_mozi(layer.bytes)) attach(fs, "Mozi", to_json(*m));
  }

 private:
  std::optional<CredentialSet> creds_;
};

}  // namespace

std::unique_ptr<Aggregator> make_config_aggregator(std::optional<CredentialSet> credentials) {
  return std::make_unique<ConfigAggregator>(std::move(credentials));
}

}  // namespace iotguard::detect
