// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/heuristics/iot_bot.h"

#include <fmt/format.h>

#include <algorithm>

#include "elf/constants.h"

namespace iotguard::detect {
namespace {

bool is_trait(const Finding& f) {
  if (!f.evidence.contains("tags") || !f.evidence["tags"].is_array()) return false;
  const auto& t = f.evidence["tags"];
  return std::find(t.begin(), t.end(), "trait") != t.end();
}

struct Trait {
  std::string id;
  int weight;
};

class IotBotHeuristic final : public Aggregator {
 public:
  explicit IotBotHeuristic(int threshold) : threshold_(threshold) {}
  [[nodiscard]] std::string name() const override { return "heuristics"; }
  [[nodiscard]] std::string fingerprint() const override {
    return fmt::format("heur-iotbot:2:{}", threshold_);
  }

  void aggregate(const Layer& layer, std::vector<Finding>& fs) const override {
    std::vector<Trait> traits;
    nlohmann::json config;
    for (const auto& f : fs) {
      if (!is_trait(f)) continue;
      const auto& meta = f.evidence.value("meta", nlohmann::json::object());
      traits.push_back({meta.value("trait", f.rule), meta.value("weight", 1)});
      if (f.evidence.contains("config")) config = f.evidence["config"];
    }
    fs.erase(std::remove_if(fs.begin(), fs.end(), is_trait), fs.end());
    const elf::ElfFile* e = layer.elf;
    if (e == nullptr || (e->type != elf::ET_EXEC && e->type != elf::ET_DYN)) return;
    // Structure (shared/threats.md s1, s11): bots ship static, stripped, often
    // without section headers, often UPX-packed with altered headers.
    if (e->is_static()) traits.push_back({"static", 2});
    if (e->is_stripped()) traits.push_back({"stripped", 1});
    if (e->has_anomaly("no_section_headers") || e->has_anomaly("section_table_outside_file"))
      traits.push_back({"no_section_headers", 2});
    const bool tampered = std::any_of(
        fs.begin(), fs.end(), [](const Finding& f) { return f.rule == "Packer.UPX.Tampered"; });
    if (tampered)
      traits.push_back({"tampered_upx", 4});
    else if (e->has_anomaly("upx_like"))
      traits.push_back({"upx_layout", 1});
    if (layer.depth > 0) traits.push_back({"unpacked_layer", 1});

    int score = 0;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& t : traits) {
      score += t.weight;
      list.push_back({{"trait", t.id}, {"weight", t.weight}});
    }
    // Structure alone never makes a verdict: at least one behavioural trait.
    const bool behaviour = std::any_of(traits.begin(), traits.end(), [](const Trait& t) {
      return t.id != "static" && t.id != "stripped" && t.id != "no_section_headers" &&
             t.id != "upx_layout" && t.id != "unpacked_layer";
    });
    if (!behaviour) return;
    // A named family says more than a score: the heuristic is for the unknown.
    const bool named = std::any_of(fs.begin(), fs.end(), [](const Finding& f) {
      return f.family.has_value() && f.severity >= Severity::medium;
    });
    if (named) return;
    Finding h = layer.make_finding();
    h.evidence = {
        {"engine", "heuristics"}, {"score", score}, {"threshold", threshold_}, {"traits", list}};
    if (!config.is_null()) h.evidence["config"] = config;
    if (score >= threshold_) {
      h.rule = "Heur.IoTBot";
      h.severity = Severity::medium;
      h.confidence = std::min(1.0, static_cast<double>(score) / (2.0 * threshold_));
      h.title = fmt::format("ELF with the traits of an IoT bot (score {} of threshold {})", score,
                            threshold_);
    } else {
      h.rule = "Heur.IoTBot.Traits";
      h.severity = Severity::info;
      h.confidence = static_cast<double>(score) / (2.0 * threshold_);
      h.title = fmt::format("some IoT-bot traits (score {} below threshold {})", score, threshold_);
    }
    fs.push_back(std::move(h));
  }

 private:
  int threshold_;
};

}  // namespace

std::unique_ptr<Aggregator> make_iot_bot_heuristic(int threshold) {
  return std::make_unique<IotBotHeuristic>(threshold);
}

}  // namespace iotguard::detect
