// SPDX-License-Identifier: GPL-2.0-or-later
// `iotguard info FILE...`: what an ELF file is, for people and for tools.
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/command.h"
#include "core/digest.h"
#include "core/mapped_file.h"
#include "detect/credentials.h"
#include "detect/extract/mirai_table.h"
#include "detect/extract/mozi_config.h"
#include "elf/reader.h"
#include "report/elf_info.h"
#include "signatures/pattern_file.h"

namespace iotguard::cli {
namespace {

class InfoCommand final : public Command {
 public:
  [[nodiscard]] const char* name() const override { return "info"; }
  [[nodiscard]] const char* summary() const override {
    return "Describe ELF files: architecture, ABI, linking, segments, sections, anomalies, hashes";
  }

  void configure(CLI::App& sub) override {
    sub.add_option("files", files_, "ELF files to describe")->required();
    sub.add_flag("--symbols", opt_.symbols, "List symbol names (text output)");
    sub.add_flag("!--no-sections", opt_.sections, "Leave the section list out of text output");
    sub.add_option("--db", db_, "Pattern-file directory (for the credential dictionaries)");
    sub.footer(
        "Examples:\n"
        "  iotguard info /bin/busybox\n"
        "  iotguard info --format json sample.arm7 | jq '{machine, abi, anomalies}'\n"
        "  iotguard info --symbols --no-sections ./a.out\n"
        "Exit codes: 0 every file described, 2 a file could not be read or is not ELF.");
  }

  int run(const GlobalOptions& g) override {
    // Credentials only sharpen the Mirai decoder; info works without them.
    if (auto pf = signatures::PatternFile::find(db_)) {
      if (auto c = load_credentials(pf->credentials_dir()))
        creds_ = detect::make_credential_set(std::move(c->entries));
    }
    int rc = kExitClean;
    std::size_t described = 0, errors = 0;
    for (const auto& path : files_) {
      auto err = describe(path, g);
      if (err) {
        ++errors;
        rc = kExitError;
        if (g.format == report::Format::json)
          report::write_json_line(stdout, {{"type", "error"}, {"path", path}, {"message", *err}});
        else
          std::fprintf(stderr, "%s: ERROR: %s\n", path.c_str(), err->c_str());
      } else {
        ++described;
      }
    }
    if (g.format == report::Format::json)
      report::write_json_line(stdout,
                              {{"type", "summary"}, {"files", described}, {"errors", errors}});
    return rc;
  }

 private:
  std::optional<std::string> describe(const std::string& path, const GlobalOptions& g) {
    auto file = MappedFile::open(path);
    if (!file) return file.error().message;
    auto elf = elf::read(file->bytes());
    if (!elf) return elf.error().message;
    const Digests d = compute_digests(file->bytes());
    // Decoded family configurations, when the file carries one.
    nlohmann::json configs = nlohmann::json::array();
    if (auto m = detect::extract_mirai(file->bytes(), creds_ ? &*creds_ : nullptr))
      configs.push_back(detect::to_json(*m));
    if (auto m = detect::extract_mozi(file->bytes())) configs.push_back(detect::to_json(*m));
    if (g.format == report::Format::json) {
      auto j = report::elf_info_json(path, *elf, d);
      j["configs"] = configs;
      report::write_json_line(stdout, j);
    } else {
      std::string text = report::elf_info_text(path, *elf, d, opt_);
      for (const auto& c : configs) text += report::config_text(c);
      std::fputs(text.c_str(), stdout);
    }
    return std::nullopt;
  }

  std::vector<std::string> files_;
  report::InfoOptions opt_;
  std::optional<std::string> db_;
  std::optional<detect::CredentialSet> creds_;
};

}  // namespace

std::unique_ptr<Command> make_info_command() { return std::make_unique<InfoCommand>(); }

}  // namespace iotguard::cli
