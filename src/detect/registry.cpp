// SPDX-License-Identifier: GPL-2.0-or-later
// The detector registry: a new detector is a new folder under detect/ plus one
// block here.
#include "detect/anomalies/elf_anomaly_detector.h"
#include "detect/engine.h"
#include "detect/extract/config_aggregator.h"
#include "detect/heuristics/iot_bot.h"

namespace iotguard::detect {

namespace {

YaraConfig yara_config(const EngineConfig& config) {
  YaraConfig yc;
  yc.sources = config.rules;
  yc.cache_dir = config.cache_dir;
  yc.timeout_seconds = config.yara_timeout_seconds;
  yc.allow_compiled = config.compiled_rules;
  yc.literal_filter = config.literal_filter;
  return yc;
}

}  // namespace

Result<std::vector<std::unique_ptr<Detector>>> make_detectors(const EngineConfig& config,
                                                              EngineInfo& info) {
  std::vector<std::unique_ptr<Detector>> d;
  if (!config.rules.empty()) {
    auto y = make_yara_detector(yara_config(config), &info.yara);
    if (!y) return y.error();
    d.push_back(std::move(*y));
  }
  if (!config.hashes.empty()) {
    auto h = make_hash_detector(config.hashes, &info.hashes);
    if (!h) return h.error();
    d.push_back(std::move(*h));
  }
  if (config.elf_anomalies) d.push_back(make_elf_anomaly_detector());
  return d;
}

// Order matters: extractors add traits the heuristics then weigh.
Result<std::vector<std::unique_ptr<Aggregator>>> make_aggregators(const EngineConfig& config,
                                                                  EngineInfo& info) {
  (void)info;
  std::vector<std::unique_ptr<Aggregator>> a;
  std::optional<CredentialSet> creds;
  if (config.credentials_dir) {
    // Malformed lines are skipped here; `db verify` names them.
    auto c = load_credentials(*config.credentials_dir);
    if (!c) return c.error();
    creds = make_credential_set(std::move(c->entries));
  }
  a.push_back(make_config_aggregator(std::move(creds)));
  a.push_back(make_iot_bot_heuristic());
  return a;
}

}  // namespace iotguard::detect
