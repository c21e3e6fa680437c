// SPDX-License-Identifier: GPL-2.0-or-later
// `iotguard unpack FILE -o OUT`: restore the ELF inside a UPX-packed file,
// including files whose UPX headers were tampered with (docs/upx.md).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "cli/command.h"
#include "core/mapped_file.h"
#include "elf/reader.h"
#include "report/output_format.h"
#include "unpack/upx/upx.h"

namespace iotguard::cli {
namespace {

class UnpackCommand final : public Command {
 public:
  [[nodiscard]] const char* name() const override { return "unpack"; }
  [[nodiscard]] const char* summary() const override {
    return "Restore the ELF inside a UPX-packed file, even with tampered UPX headers";
  }

  void configure(CLI::App& sub) override {
    sub.add_option("file", file_, "UPX-packed ELF file")->required()->check(CLI::ExistingFile);
    sub.add_option("-o,--output", out_, "Where to write the restored ELF")->required();
    sub.add_flag("--force", force_, "Overwrite OUT if it exists");
    sub.add_option("--max-output", limits_.max_output, "Largest restored ELF in bytes")
        ->capture_default_str();
    sub.footer(
        "Examples:\n"
        "  iotguard unpack sample.arm7 -o sample.arm7.unpacked\n"
        "  iotguard unpack --format json mozi.m -o /tmp/mozi.elf | jq .tampering\n"
        "Exit codes: 0 unpacked and written, 1 not UPX-packed (nothing written),\n"
        "2 error (unreadable, corrupt packed data, over a limit, OUT exists without --force).");
  }

  int run(const GlobalOptions& g) override {
    auto fail = [&](const std::string& msg) {
      if (g.format == report::Format::json)
        report::write_json_line(stdout, {{"type", "error"}, {"path", file_}, {"message", msg}});
      else
        std::fprintf(stderr, "%s: ERROR: %s\n", file_.c_str(), msg.c_str());
      return kExitError;
    };
    auto file = MappedFile::open(file_);
    if (!file) return fail(file.error().message);
    auto elf = elf::read(file->bytes());
    if (!elf) return fail(elf.error().message);
    if (!unpack::upx::recognise(file->bytes(), *elf)) {
      if (g.format == report::Format::json)
        report::write_json_line(stdout, {{"type", "unpack"}, {"path", file_}, {"packed", false}});
      else
        std::printf("%s: not UPX-packed\n", file_.c_str());
      return kExitFound;
    }
    std::error_code ec;
    if (!force_ && std::filesystem::exists(out_, ec))
      return fail(fmt::format("{} exists (use --force to overwrite)", out_));
    auto u = unpack::upx::unpack(file->bytes(), limits_);
    if (!u) return fail(u.error().message);
    {
      std::ofstream os(out_, std::ios::binary | std::ios::trunc);
      os.write(reinterpret_cast<const char*>(u->elf.data()),
               static_cast<std::streamsize>(u->elf.size()));
      if (!os) return fail(fmt::format("cannot write {}", out_));
    }
    const auto& r = u->info;
    if (g.format == report::Format::json) {
      report::write_json_line(stdout, {{"type", "unpack"},
                                       {"path", file_},
                                       {"packed", true},
                                       {"output", out_},
                                       {"format", r.format},
                                       {"method", r.method},
                                       {"filter", r.filter},
                                       {"original_size", r.original_size},
                                       {"gaps_restored", u->gaps_restored},
                                       {"stub_entry", r.stub_entry},
                                       {"tampering", r.tampering},
                                       {"tamper_ids", r.tamper_ids}});
    } else {
      std::printf("%s: UPX %s %s -> %s (%llu bytes)\n", file_.c_str(), r.format.c_str(),
                  r.method.c_str(), out_.c_str(), static_cast<unsigned long long>(u->elf.size()));
      for (const auto& t : r.tampering) std::printf("  tampered: %s\n", t.c_str());
      if (!u->gaps_restored)
        std::printf("  note: bytes outside PT_LOAD (section headers) were not restored\n");
    }
    return kExitClean;
  }

 private:
  std::string file_, out_;
  bool force_ = false;
  unpack::upx::Limits limits_;
};

}  // namespace

std::unique_ptr<Command> make_unpack_command() { return std::make_unique<UnpackCommand>(); }

}  // namespace iotguard::cli
