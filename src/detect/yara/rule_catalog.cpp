// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/yara/rule_catalog.h"

#include <fmt/format.h>

#include <cstdio>

// libyara last: its macros must not reach the C++ headers above.
#include <yara.h>

namespace iotguard::detect {
namespace fs = std::filesystem;

namespace {

void on_message(int level, const char* file, int line, const YR_RULE*, const char* msg,
                void* user) {
  if (level != YARA_ERROR_LEVEL_ERROR) return;
  auto* text = static_cast<std::string*>(user);
  *text += fmt::format("{}({}): {}\n", file != nullptr ? file : "<rules>", line, msg);
}

RuleFileCatalog catalog_one(const fs::path& path) {
  RuleFileCatalog out;
  out.path = path;
  YR_COMPILER* c = nullptr;
  if (yr_compiler_create(&c) != ERROR_SUCCESS) {
    out.error = "cannot create a YARA compiler";
    return out;
  }
  std::string errors;
  yr_compiler_set_callback(c, on_message, &errors);
  // The same external variables the scan defines (yara_detector.cpp).
  for (const char* v : {"filename", "filepath", "extension", "elf_machine"})
    yr_compiler_define_string_variable(c, v, "");
  FILE* fp = std::fopen(path.c_str(), "r");
  if (fp == nullptr) {
    yr_compiler_destroy(c);
    out.error = "cannot open " + path.string();
    return out;
  }
  const std::string ns = path.stem().string();
  yr_compiler_add_file(c, fp, ns.c_str(), path.c_str());
  std::fclose(fp);
  YR_RULES* rules = nullptr;
  if (errors.empty() && yr_compiler_get_rules(c, &rules) != ERROR_SUCCESS)
    errors = "YARA compiler could not produce rules\n";
  yr_compiler_destroy(c);
  if (!errors.empty()) {
    errors.pop_back();
    out.error = errors;
    return out;
  }
  const YR_RULE* rule = nullptr;
  yr_rules_foreach(rules, rule) {
    RuleInfo r;
    r.name = rule->identifier;
    r.ns = rule->ns != nullptr ? rule->ns->name : "";
    const char* tag = nullptr;
    yr_rule_tags_foreach(rule, tag) { r.tags.emplace_back(tag); }
    const YR_META* m = nullptr;
    yr_rule_metas_foreach(rule, m) {
      if (m->type == META_TYPE_STRING)
        r.meta[m->identifier] = std::string(m->string);
      else if (m->type == META_TYPE_BOOLEAN)
        r.meta[m->identifier] = m->integer != 0;
      else
        r.meta[m->identifier] = m->integer;
    }
    out.rules.push_back(std::move(r));
  }
  yr_rules_destroy(rules);
  return out;
}

}  // namespace

std::vector<RuleFileCatalog> catalog_rule_files(const std::vector<fs::path>& files) {
  std::vector<RuleFileCatalog> out;
  if (yr_initialize() != ERROR_SUCCESS) {
    for (const auto& f : files) out.push_back({f, "libyara failed to initialise", {}});
    return out;
  }
  for (const auto& f : files) out.push_back(catalog_one(f));
  yr_finalize();
  return out;
}

}  // namespace iotguard::detect
