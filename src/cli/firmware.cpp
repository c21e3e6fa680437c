// SPDX-License-Identifier: GPL-2.0-or-later
// `iotguard firmware IMAGE`: carve and extract a firmware image into a
// private tree (docs/firmware.md), print the layer tree and the extraction
// findings. The scan and audit --root passes over the tree plug in at the
// marked hook below.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <string>

#include <fmt/format.h>

#include "audit/run.h"
#include "cli/command.h"
#include "cli/scan_setup.h"
#include "cli/version.h"
#include "report/finding_sink.h"
#include "scan/scanner.h"
#include "unpack/containment/private_dir.h"
#include "unpack/firmware.h"

namespace iotguard::cli {
namespace {

// Findings about files of the extracted tree name them by the image and the
// layer they came from ("fw.bin > uimage@0x0 > squashfs(xz)@0x40 > /bin/httpd"),
// never by the private temporary path they were extracted to.
class LayerPathSink final : public report::FindingSink {
 public:
  LayerPathSink(report::FindingSink& inner, const unpack::ExtractReport& rep)
      : inner_(inner), image_(rep.image), root_(rep.output_root) {
    for (const auto& L : rep.layers)
      if (!L.output.empty())
        layers_.push_back({(std::filesystem::path(root_) / L.output).string(), L.chain});
    // Deepest layer first, so the longest output prefix wins.
    std::sort(layers_.begin(), layers_.end(),
              [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  }
  void finding(const Finding& f) override {
    Finding g = f;
    auto chain = rebase(f.path);
    std::vector<std::string> links = chain;
    for (std::size_t i = 1; i < f.object.links.size(); ++i) links.push_back(f.object.links[i]);
    g.path = image_;
    g.object.links = links;
    inner_.finding(g);
  }
  void error(const std::string& p, const std::string& m) override { inner_.error(label(p), m); }
  void skipped(const std::string& p, const std::string& r) override { inner_.skipped(label(p), r); }
  void clean(const std::string& p) override { inner_.clean(label(p)); }
  void finish(const report::Summary& s) override { inner_.finish(s); }

 private:
  std::vector<std::string> rebase(const std::string& path) const {
    for (const auto& [dir, chain] : layers_) {
      if (path == dir) return {image_, chain};
      if (path.rfind(dir + "/", 0) == 0) return {image_, chain, path.substr(dir.size())};
    }
    if (path.rfind(root_, 0) == 0) return {image_, path.substr(root_.size())};
    return {path};
  }
  std::string label(const std::string& p) const {
    std::string out;
    for (const auto& l : rebase(p)) out += (out.empty() ? "" : " > ") + l;
    return out;
  }
  report::FindingSink& inner_;
  std::string image_, root_;
  std::vector<std::pair<std::string, std::string>> layers_;
};

std::string human_bytes(std::uint64_t n) {
  if (n < 1024) return fmt::format("{} B", n);
  if (n < (1U << 20)) return fmt::format("{:.1f} KiB", static_cast<double>(n) / 1024.0);
  if (n < (1U << 30)) return fmt::format("{:.1f} MiB", static_cast<double>(n) / 1048576.0);
  return fmt::format("{:.2f} GiB", static_cast<double>(n) / 1073741824.0);
}

class FirmwareCommand final : public Command {
 public:
  [[nodiscard]] const char* name() const override { return "firmware"; }
  [[nodiscard]] const char* summary() const override {
    return "Unpack a firmware image (uImage, TRX, SquashFS, cpio, tar, zip, gzip/xz/lzma/bzip2) "
           "into a contained tree, then scan and audit what is inside";
  }

  void configure(CLI::App& sub) override {
    sub.add_option("image", image_, "Firmware image file")->required()->check(CLI::ExistingFile);
    sub.add_option("-o,--output", out_dir_,
                   "Extract into DIR (created, must be empty) and keep it");
    sub.add_flag("--keep", keep_, "Keep the private temporary tree and print its path");
    sub.add_option("--max-size", limits_.max_total_bytes, "Most bytes written, all layers")
        ->transform(CLI::AsSizeValue(false))
        ->capture_default_str();
    sub.add_option("--max-files", limits_.max_files, "Most entries created")->capture_default_str();
    sub.add_option("--max-depth", limits_.max_depth, "Most nested layers")->capture_default_str();
    sub.add_option("--max-ratio", limits_.max_ratio, "Highest output:input ratio per layer")
        ->capture_default_str();
    sub.add_option("--extract-timeout", limits_.max_seconds, "Seconds before extraction stops")
        ->capture_default_str();
    sub.add_flag("--extract-only", extract_only_, "Extract and list layers; do not scan or audit");
    engine_.add_options(sub);
    sub.add_flag("-q,--quiet", quiet_, "Text: findings and summary only, no layer tree");
    sub.footer(
        "Examples:\n"
        "  iotguard firmware router.bin\n"
        "  iotguard firmware -o /tmp/fw router.bin && ls /tmp/fw\n"
        "  iotguard firmware --format json --max-size 256M camera.img | jq "
        "'select(.type==\"layer\")'\n"
        "Exit codes: 0 nothing to report, 1 findings (detections, audit weaknesses, refused\n"
        "entries, limits), 2 the image could not be read or the output directory not used.");
  }

  int run(const GlobalOptions& g) override {
    const auto t0 = std::chrono::steady_clock::now();
    install_interrupt_handler();
    limits_.cancel = &interrupt_flag();

    unpack::PrivateDir tmp;
    std::filesystem::path out = out_dir_;
    if (out.empty()) {
      auto d = unpack::PrivateDir::create();
      if (!d) return fail(g, d.error().message);
      tmp = std::move(*d);
      out = tmp.path() / "tree";
      if (keep_) tmp.keep();
    }
    const bool kept = !out_dir_.empty() || keep_;

    unpack::ProgressFn progress;
    if (g.format == report::Format::text && !quiet_ && report::is_tty(stderr)) {
      progress = [](const unpack::ExtractProgress& p) {
        std::fprintf(stderr, "\r\033[K%s: %llu files, %s", p.chain.c_str(),
                     static_cast<unsigned long long>(p.files), human_bytes(p.bytes).c_str());
      };
    }
    auto rep = unpack::extract_firmware(image_, out, limits_, progress);
    if (progress) std::fputs("\r\033[K", stderr);
    if (!rep) return fail(g, rep.error().message);

    report::SinkOptions so;
    so.quiet = quiet_;
    so.only_findings = true;  // the tree has thousands of clean files: list findings only
    so.tool_version = IOTGUARD_VERSION;
    auto sink = report::make_sink(g.format, stdout, so);
    print_layers(*rep, g, kept);

    std::size_t reported = 0;
    // Errors inside the image are reported per object; only an image that
    // cannot be read fails the run (returned above).
    report::RunOutcome outcome;
    for (const auto& f : rep->findings) {
      sink->finding(f);
      ++reported;
      outcome.finding(f.severity, report::kWeaknessThreshold);
    }

    // Scan (and audit, below) the extracted tree into the same sink: one report.
    scan::ScanStats st;
    std::size_t errors = 0, audited = 0;
    if (!extract_only_ && !rep->interrupted) {
      auto engine = engine_.build();
      if (!engine) return fail(g, engine.error().message);
      errors += report_rejected_rules(**engine, *sink);
      LayerPathSink rebased(*sink, *rep);
      scan::ScanOptions opt;
      opt.cache_file = std::nullopt;  // a temporary tree: nothing to find again next time
      opt.min_severity = engine_.min_severity();
      opt.progress = g.format == report::Format::text && !quiet_ && report::is_tty(stderr);
      st = scan::run_scan(**engine, {rep->output_root}, opt, rebased, interrupt_flag());
      reported += st.findings;
      errors += st.errors;
      outcome.found = outcome.found || st.outcome().found;

      // audit --root over every layer that holds a root filesystem.
      audit::AuditOptions aopt;
      if (auto pf = engine_.pattern_file()) pf->configure(aopt);
      aopt.report_not_applicable = false;  // live-only checks mean nothing in an image
      for (const std::size_t li : unpack::root_filesystem_layers(*rep)) {
        const auto dir = std::filesystem::path(rep->output_root) / rep->layers[li].output;
        auto root = audit::Root::open(dir.string(), audit::RootKind::firmware);
        if (!root) {
          rebased.error(dir.string(), root.error().message);
          ++errors;
          continue;
        }
        // The modes extraction could not keep (setuid bits, device nodes), for HARD-002/003.
        aopt.image_modes.clear();
        for (const auto& m : rep->recorded_modes)
          if (m.layer == static_cast<int>(li))
            aopt.image_modes.push_back({"/" + m.path, m.mode, m.uid});
        auto ar = audit::run(*root, aopt);
        for (const auto& f : ar.findings) {
          if (f.severity < engine_.min_severity()) continue;
          rebased.finding(f);
          ++reported;
          outcome.finding(f.severity, report::kWeaknessThreshold);
        }
        for (const auto& [path, msg] : ar.errors) {
          rebased.error(path, msg);
          ++errors;
        }
        ++audited;
      }
    }

    report::Summary s;
    s.command = "firmware";
    s.counts = {{"image", image_},
                {"layers", rep->layers.size()},
                {"files", rep->files},
                {"bytes", rep->bytes},
                {"limit_reached", rep->limit_reached},
                {"scanned_files", st.files},
                {"files_with_findings", st.files_with_findings},
                {"audited_roots", audited},
                {"recorded_modes", rep->recorded_modes.size()}};
    if (kept) s.counts["output"] = out.string();
    s.findings = reported;
    s.errors = errors;
    s.interrupted = rep->interrupted || st.interrupted;
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    sink->finish(s);
    return report::exit_code(outcome);
  }

 private:
  int fail(const GlobalOptions& g, const std::string& message) {
    if (g.format == report::Format::json)
      report::write_json_line(stdout, {{"type", "error"}, {"path", image_}, {"message", message}});
    else
      std::fprintf(stderr, "%s: ERROR: %s\n", image_.c_str(), message.c_str());
    return kExitError;
  }

  void print_layers(const unpack::ExtractReport& rep, const GlobalOptions& g, bool kept) {
    if (g.format == report::Format::json) {
      for (const auto& L : rep.layers) {
        nlohmann::json j = {
            {"type", "layer"},    {"path", rep.image},     {"object", rep.image + " > " + L.chain},
            {"format", L.format}, {"detail", L.detail},    {"offset", L.offset},
            {"size", L.size},     {"depth", L.depth},      {"files", L.files},
            {"bytes", L.bytes},   {"complete", L.complete}};
        if (kept && !L.output.empty()) j["output"] = L.output;
        report::write_json_line(stdout, j);
      }
      return;
    }
    if (quiet_) return;
    std::string o = fmt::format("{}: {} layer{}\n", rep.image, rep.layers.size(),
                                rep.layers.size() == 1 ? "" : "s");
    for (const auto& L : rep.layers) {
      o += fmt::format("{:{}}{}", "", 2 * L.depth, L.label);
      if (L.format == "uimage" || L.format == "trx") o += fmt::format("  [{}]", L.detail);
      if (L.files > 0 || L.bytes > 0)
        o += fmt::format("  {} entries, {}", L.files, human_bytes(L.bytes));
      if (!L.complete) o += "  (incomplete)";
      if (kept && !L.output.empty()) o += fmt::format("  -> {}", L.output);
      o += '\n';
    }
    if (kept) o += fmt::format("Extracted tree: {}\n", rep.output_root);
    std::fputs(o.c_str(), stdout);
  }

  std::string image_;
  std::string out_dir_;
  bool keep_ = false;
  bool quiet_ = false;
  bool extract_only_ = false;
  unpack::ExtractLimits limits_;
  EngineOptions engine_;
};

}  // namespace

std::unique_ptr<Command> make_firmware_command() { return std::make_unique<FirmwareCommand>(); }

}  // namespace iotguard::cli
