// SPDX-License-Identifier: GPL-2.0-or-later
// The detector registry: a new detector is a new folder under detect/ plus one
// block here.
#include <system_error>

#include "detect/anomalies/elf_anomaly_detector.h"
#include "detect/engine.h"
#include "detect/extract/config_aggregator.h"
#include "detect/heuristics/iot_bot.h"

namespace iotguard::detect {
namespace fs = std::filesystem;

Result<std::vector<std::unique_ptr<Detector>>> make_detectors(const EngineConfig& config,
                                                              EngineInfo& info) {
  std::vector<std::unique_ptr<Detector>> d;
  std::error_code ec;

  YaraConfig yc;
  if (config.db_dir && fs::is_directory(*config.db_dir / "rules", ec))
    yc.sources.push_back(*config.db_dir / "rules");
  yc.sources.insert(yc.sources.end(), config.rules.begin(), config.rules.end());
  yc.cache_dir = config.cache_dir;
  yc.timeout_seconds = config.yara_timeout_seconds;
  yc.allow_compiled = config.compiled_rules;
  yc.literal_filter = config.literal_filter;
  if (!yc.sources.empty()) {
    auto y = make_yara_detector(yc, &info.yara);
    if (!y) return y.error();
    d.push_back(std::move(*y));
  }

  std::vector<fs::path> lists;
  if (config.db_dir && fs::is_directory(*config.db_dir / "hashes", ec))
    lists.push_back(*config.db_dir / "hashes");
  lists.insert(lists.end(), config.hashes.begin(), config.hashes.end());
  if (!lists.empty()) {
    auto h = make_hash_detector(lists, &info.hashes);
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
  std::error_code ec;
  if (config.db_dir && fs::is_directory(*config.db_dir / "credentials", ec)) {
    // Malformed lines are skipped here; `db verify` names them.
    auto c = load_credentials(*config.db_dir / "credentials");
    if (!c) return c.error();
    creds = make_credential_set(std::move(c->entries));
  }
  a.push_back(make_config_aggregator(std::move(creds)));
  a.push_back(make_iot_bot_heuristic());
  return a;
}

}  // namespace iotguard::detect
