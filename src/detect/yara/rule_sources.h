// SPDX-License-Identifier: GPL-2.0-or-later
// YARA rule sources as read at start, and the rule sets made from them:
// compiled from text, loaded from yarac output, loaded from and saved to the
// compiled-rule cache. Free of <yara.h> (docs/architecture.md).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

struct YR_RULES;
struct YR_RULE;

namespace iotguard::detect::yara {

struct RulesDeleter {
  void operator()(YR_RULES* r) const;
};
using RulesPtr = std::unique_ptr<YR_RULES, RulesDeleter>;

struct Source {
  std::filesystem::path path;
  std::string text;  // the bytes read at start: compiled and hashed from here
  std::string ns;    // YARA namespace: the file's stem, made unique among the sources
  [[nodiscard]] bool compiled() const;  // yarac output rather than rule text
  // Rule text with an `include` directive. libyara reads included files
  // itself, so their bytes are in no cache key: such sets are not cached.
  [[nodiscard]] bool may_include() const;
  // Whether the text declares a rule of this name (`rule NAME`, maybe
  // private or global). A match inside a comment costs one compile.
  [[nodiscard]] bool defines_rule(std::string_view name) const;
};

// Reads rule files and directories (searched recursively for .yar/.yara);
// a file named directly may be text or yarac output. Namespaces are given.
Result<std::vector<Source>> gather(const std::vector<std::filesystem::path>& inputs);

// Compiles rule text with the scan's external variables declared. A rule
// error is libyara's messages, one "file(line): message" per line.
Result<RulesPtr> compile(const std::vector<const Source*>& sources);

// A rule file left out of a set, with libyara's messages.
struct Rejected {
  std::filesystem::path path;
  std::string message;
};

struct Compiled {
  RulesPtr rules;
  std::vector<Rejected> rejected;
  bool joined = false;  // some files were given another's namespace
};

// Compiles what compiles, as a user pointing at a directory of third-party
// rules wants: a file that uses a rule another file defines (Yara-Rules'
// malware/*.yar lean on 000_common_rules.yar, as they would in yara's one
// namespace) joins that file's namespace, placed after it; a file that still
// fails is left out and named in `rejected`. `sources` is left in the order
// and namespaces compiled. An error only when nothing compiles.
Result<Compiled> compile_leniently(std::vector<Source>& sources);

// Loads yarac output from the bytes read at start.
Result<RulesPtr> load_compiled(const Source& source);

// The compiled-rule cache: null when absent, unreadable, or writable by
// anyone but this user or root; saving is best effort (write to a
// temporary, then rename).
RulesPtr load_cached(const std::filesystem::path& file);
bool save_cached(YR_RULES* rules, const std::filesystem::path& file);

std::size_t count_rules(YR_RULES* rules);

// The external variables a compiled set declares (yarac -d NAME=...).
std::set<std::string, std::less<>> externals_declared(YR_RULES* rules);

// The SHA-256 of salt then the set in yarac format, streamed (empty on
// failure): what a set compiled to, for sets whose text is not all known.
std::string serialized_sha256(YR_RULES* rules, std::string_view salt);

// Per YARA namespace: whether every rule in it is tagged `elf` or has
// meta filetype = "elf", and how many rules it has.
struct NamespaceTargets {
  bool elf_only = true;
  std::size_t rules = 0;
};
std::map<std::string, NamespaceTargets> targets_by_namespace(YR_RULES* rules);

// A rule's meta as a JSON object (identifier -> string, integer or bool) and
// its tags.
nlohmann::json meta_of(const YR_RULE* rule);
std::vector<std::string> tags_of(const YR_RULE* rule);

}  // namespace iotguard::detect::yara
