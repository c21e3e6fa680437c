// SPDX-License-Identifier: GPL-2.0-or-later
// The audit library API: run every selected check over a Root. Commands
// (`iotguard audit`, `firmware`, `check`) call this and hand the findings to a
// FindingSink.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/check.h"
#include "audit/root.h"
#include "core/finding.h"

namespace iotguard::audit {

struct AuditReport {
  std::vector<Finding> findings;
  std::vector<std::pair<std::string, std::string>> errors;  // (path, message)
  std::size_t checks_run = 0;
  std::size_t not_applicable = 0;
};

// Called before each check runs: index counts from 0 over the selected checks.
using Progress = std::function<void(const CheckInfo& check, std::size_t index, std::size_t total)>;

AuditReport run(const Root& root, const AuditOptions& opt, const Progress& progress = {});

// True when the check is among opt.only (an exact id or an id prefix), or opt.only is empty.
bool selected(const CheckInfo& info, const std::vector<std::string>& only);

// The registry record `iotguard audit --list --format json` prints.
nlohmann::json info_json(const CheckInfo& info);

}  // namespace iotguard::audit
