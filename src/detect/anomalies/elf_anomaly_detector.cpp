// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/anomalies/elf_anomaly_detector.h"

#include <fmt/format.h>

namespace iotguard::detect {
namespace {

// "no_section_headers" -> "NoSectionHeaders"
std::string camel(const std::string& id) {
  std::string out;
  bool up = true;
  for (char c : id) {
    if (c == '_') {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

class ElfAnomalyDetector final : public Detector {
 public:
  [[nodiscard]] std::string name() const override { return "elf-anomalies"; }
  [[nodiscard]] std::string fingerprint() const override { return "elf-anomalies:1"; }

  std::optional<std::string> analyse(const Layer& layer, std::vector<Finding>& out) override {
    if (layer.elf == nullptr) return std::nullopt;
    for (const auto& a : layer.elf->anomalies) {
      Finding f = layer.make_finding();
      f.rule = "ELF.Anomaly." + camel(a.id);
      f.severity = Severity::low;
      f.confidence = 0.5;
      f.title = a.detail;
      f.evidence = {{"engine", "elf"}, {"anomaly", a.id}};
      out.push_back(std::move(f));
    }
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<Detector> make_elf_anomaly_detector() {
  return std::make_unique<ElfAnomalyDetector>();
}

}  // namespace iotguard::detect
