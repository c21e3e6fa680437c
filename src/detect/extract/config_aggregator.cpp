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
      if (auto c = extract_mirai(layer.bytes, creds_ ? &*creds_ : nullptr)) {
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
    if (layer.kind == Kind::elf || any_family(fs, "Mozi"))
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
