// SPDX-License-Identifier: GPL-2.0-or-later
// The detection engine: identify an object, run every detector on it, unpack
// the layers it carries and run the detectors again on each (bounded depth).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/byte_view.h"
#include "core/finding.h"
#include "core/result.h"
#include "detect/aggregator.h"
#include "detect/detector.h"
#include "detect/hashes/hash_list.h"
#include "detect/yara/yara_detector.h"
#include "unpack/layer_unpacker.h"

namespace iotguard::detect {

struct EngineConfig {
  // YARA sources and hash lists: the pattern file's (signatures::PatternFile
  // puts them first), then --rules and --hashes.
  std::vector<std::filesystem::path> rules;
  std::vector<std::filesystem::path> hashes;
  // The pattern file's default-credential dictionaries, for the Mirai decoder.
  std::optional<std::filesystem::path> credentials_dir;
  std::string pattern_file_version = "none";  // reported in summaries
  std::filesystem::path cache_dir;            // compiled-rule cache; empty = none
  int yara_timeout_seconds = 60;
  bool compiled_rules = false;  // --compiled-rules: yarac files among `rules` (YaraConfig)
  bool literal_filter = true;   // YaraConfig::literal_filter
  bool elf_anomalies = true;
  int max_depth = 3;  // unpacked layers below a file
};

struct EngineInfo {
  YaraStats yara;
  HashListStats hashes;
  std::string pattern_file_version;  // EngineConfig's
  std::string fingerprint;           // changes whenever any verdict could change
  // Some detector's verdicts depend on an object's name, path or owner, not
  // only its bytes: equal contents are not one verdict (Detector).
  bool depends_on_path = false;
  std::vector<std::string> detectors;
};

struct Analysis {
  std::vector<Finding> findings;
  std::vector<std::string> errors;  // this object could not be fully examined
  std::string kind;                 // "elf", "script", "other"
  std::string sha256;               // of the file, when known or some detector needed it
};

class Engine {
 public:
  static Result<std::unique_ptr<Engine>> create(const EngineConfig& config);

  // Thread-safe. sha256: the digest of bytes when the caller has it already;
  // otherwise it is computed only if a detector needs it.
  [[nodiscard]] Analysis analyse(Bytes bytes, const std::string& path,
                                 std::optional<std::string> sha256 = std::nullopt) const;
  [[nodiscard]] const EngineInfo& info() const { return info_; }

 private:
  void analyse_layer(Layer& layer, Analysis& out) const;

  EngineConfig config_;
  EngineInfo info_;
  std::vector<std::unique_ptr<Detector>> detectors_;
  std::vector<std::unique_ptr<Aggregator>> aggregators_;
  std::vector<std::unique_ptr<unpack::LayerUnpacker>> unpackers_;
};

// The detector registry (detect/registry.cpp): one line per detector.
Result<std::vector<std::unique_ptr<Detector>>> make_detectors(const EngineConfig& config,
                                                              EngineInfo& info);

// The aggregator registry (detect/registry.cpp): run after the detectors.
Result<std::vector<std::unique_ptr<Aggregator>>> make_aggregators(const EngineConfig& config,
                                                                  EngineInfo& info);

}  // namespace iotguard::detect
