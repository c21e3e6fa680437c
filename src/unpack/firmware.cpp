// SPDX-License-Identifier: GPL-2.0-or-later
#include "unpack/firmware.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

#include "core/mapped_file.h"
#include "unpack/archive/archive_extract.h"
#include "unpack/carve/signatures.h"
#include "unpack/carve/trx.h"
#include "unpack/carve/uimage.h"
#include "unpack/containment/budget.h"
#include "unpack/containment/incidents.h"
#include "unpack/containment/tree_writer.h"
#include "unpack/containment/unique_fd.h"
#include "unpack/squashfs/squashfs_extract.h"

namespace iotguard::unpack {
namespace {

namespace fs = std::filesystem;
using carve::Candidate;
using carve::Format;

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

// Where a layer's children go and how they are named.
struct Place {
  int dirfd;          // directory that receives child layer directories
  std::string rel;    // that directory, relative to the output root
  int parent;         // parent layer index, -1 at the top
  unsigned depth;     // depth of the children
  std::string chain;  // parent chain, "" at the top
};

class Extractor {
 public:
  Extractor(ExtractReport& rep, const fs::path& root, const ExtractLimits& limits,
            std::uint64_t image_size, ProgressFn progress)
      : rep_(rep), root_(root), budget_(limits, image_size), progress_(std::move(progress)) {}

  // Carves data[begin, end) for layers; offsets stay in data's coordinates so
  // a squashfs behind a uImage header reads "uimage@0x0 > squashfs@0x40".
  std::size_t carve(const ByteView& data, std::uint64_t begin, std::uint64_t end, const Place& at) {
    const ByteView range(data.bytes().subspan(begin, end - begin));
    std::size_t found = 0;
    std::uint64_t pos = 0;
    while (!budget_.exhausted() && budget_.time_left()) {
      const auto c = carve::next_candidate(range, pos);
      if (!c) break;
      if (++rep_.candidates > budget_.limits().max_candidates) {
        global_limit("max_candidates", budget_.limits().max_candidates, at.chain);
        break;
      }
      if (at.depth > budget_.limits().max_depth) {
        global_limit("max_depth", budget_.limits().max_depth, at.chain);
        break;
      }
      Candidate abs = *c;
      abs.offset += begin;
      const std::uint64_t covered = layer(data, abs, end, at);
      pos = c->offset + std::max<std::uint64_t>(covered, 1);
      if (covered > 0) ++found;
    }
    return found;
  }

  void finish() {
    if (budget_.exhausted() && !reported_global_) global_limit(budget_.reason(), 0, "");
    rep_.files = budget_.files();
    rep_.bytes = budget_.bytes();
    rep_.interrupted = budget_.cancelled();
  }

 private:
  // Extracts one candidate; returns the bytes it covers, 0 when it was no layer.
  std::uint64_t layer(const ByteView& data, const Candidate& c, std::uint64_t end,
                      const Place& at) {
    const std::string name = fmt::format("{:#x}-{}", c.offset, carve::format_name(c.format));
    Layer L;
    L.format = std::string(carve::format_name(c.format));
    L.detail = c.detail;
    L.offset = c.offset;
    L.size = c.length;
    L.parent = at.parent;
    L.depth = at.depth;
    L.output = at.rel.empty() ? name : at.rel + "/" + name;
    set_label(L, at);

    if (c.format == Format::squashfs_legacy) {
      L.output.clear();
      L.complete = false;
      const int idx = push(L);
      IncidentLog log;
      log.add(rules::kUnsupported, {{"format", "squashfs"}, {"variant", c.detail}});
      emit(idx, log);
      return 1;
    }

    if (::mkdirat(at.dirfd, name.c_str(), 0700) != 0 && errno != EEXIST) return 0;
    UniqueFd dir(::openat(at.dirfd, name.c_str(), kDirFlags));
    if (!dir.valid()) return 0;
    const int idx = push(L);
    if (progress_) progress_({rep_.layers[idx].chain, budget_.files(), budget_.bytes()});

    IncidentLog log;
    TreeWriter tw(dir.get(), c.length > 0 ? c.length : end - c.offset, budget_, log);
    tw.on_mode_dropped = [this, idx](const Entry& e, const std::string& path) {
      if (rep_.recorded_modes.size() >= kMaxRecordedModes) return;
      const char* type = e.type == EntryType::dir        ? "dir"
                         : e.type == EntryType::chardev  ? "chardev"
                         : e.type == EntryType::blockdev ? "blockdev"
                                                         : "file";
      rep_.recorded_modes.push_back({idx, path, type, e.mode & 07777, e.uid});
    };
    if (progress_) {
      tw.progress = [this, idx](std::uint64_t, std::uint64_t) {
        progress_({rep_.layers[idx].chain, budget_.files(), budget_.bytes()});
      };
    }
    const Place inside{dir.get(), rep_.layers[idx].output, idx, at.depth + 1,
                       rep_.layers[idx].chain};
    std::uint64_t covered = 0;
    switch (c.format) {
      case Format::uimage:
      case Format::trx:
        covered = container(data, c, inside, tw);
        break;
      case Format::squashfs:
        covered = squashfs(data, c, end, idx, tw, log);
        break;
      default:
        covered = archive(data, c, end, idx, inside, tw, log);
        break;
    }
    if (covered == 0) {
      // Not a layer after all (a weak magic that did not decode): leave no trace.
      rep_.layers.pop_back();
      std::erase_if(rep_.recorded_modes, [idx](const RecordedMode& m) { return m.layer >= idx; });
      dir.reset();
      std::error_code ec;
      fs::remove_all(root_ / L.output, ec);
      return 0;
    }
    rep_.layers[idx].files += tw.files();
    rep_.layers[idx].bytes += tw.bytes();
    if (tw.stopped()) rep_.layers[idx].complete = false;
    if (!tw.data_error().empty()) {
      rep_.layers[idx].complete = false;
      log.add(rules::kLayerFailed, {{"error", tw.data_error()}});
    }
    emit(idx, log);
    return covered;
  }

  // uImage and TRX: headers over slices of the same bytes. Each part is carved
  // in place; a part with nothing recognisable inside is written out whole
  // (a raw kernel, say) so scan still sees it.
  std::uint64_t container(const ByteView& data, const Candidate& c, const Place& inside,
                          TreeWriter& tw) {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> parts;
    if (c.format == Format::uimage) {
      if (auto u = carve::parse_uimage(data, c.offset)) parts = u->parts;
    } else if (auto t = carve::parse_trx(data, c.offset)) {
      parts = t->parts;
    }
    for (std::size_t i = 0; i < parts.size() && !budget_.exhausted(); ++i) {
      const std::uint64_t b = c.offset + parts[i].first;
      const std::uint64_t len = parts[i].second;
      if (carve(data, b, b + len, inside) > 0) continue;
      const auto bytes = data.clamp(b, len);
      std::size_t done = 0;
      Entry e{fmt::format("part{}-{:#x}.bin", i, b), EntryType::file, 0644, {}};
      tw.add(e, [&](std::uint8_t* buf, std::size_t cap) -> long {
        const std::size_t n = std::min(cap, bytes.size() - done);
        std::memcpy(buf, bytes.data() + done, n);
        done += n;
        return static_cast<long>(n);
      });
    }
    return std::max<std::uint64_t>(c.length, 1);
  }

  std::uint64_t squashfs(const ByteView& data, const Candidate& c, std::uint64_t end, int idx,
                         TreeWriter& tw, IncidentLog& log) {
    squashfs::SquashfsError err;
    const auto r = squashfs::extract(data.bytes().subspan(c.offset, end - c.offset), tw,
                                     static_cast<std::size_t>(budget_.limits().max_files), &err);
    Layer& L = rep_.layers[idx];
    if (!r) {
      L.complete = false;
      if (err.unsupported)
        log.add(rules::kUnsupported, {{"format", "squashfs"}, {"compressor", err.compressor}});
      else
        log.add(rules::kLayerFailed, {{"error", err.message}});
      return c.length;  // the superblock checked out: the region is SquashFS
    }
    if (!r->error.empty()) {
      L.complete = false;
      log.add(rules::kLayerFailed, {{"error", r->error}});
    }
    return c.length;
  }

  std::uint64_t archive(const ByteView& data, const Candidate& c, std::uint64_t end, int idx,
                        const Place& inside, TreeWriter& tw, IncidentLog& log) {
    archive::Kind kind = archive::Kind::compressed;
    if (c.format == Format::tar) kind = archive::Kind::tar;
    if (c.format == Format::cpio) kind = archive::Kind::cpio;
    if (c.format == Format::zip) kind = archive::Kind::zip;
    const std::uint64_t avail = end - c.offset;
    const auto r = archive::extract(data.bytes().subspan(c.offset, avail), kind, tw);
    if (!r) return 0;
    Layer& L = rep_.layers[idx];
    if (!r->raw) {
      // "cpio(gzip)": the archive format, with the stream it came in.
      if (!r->filters.empty()) L.detail = fmt::format("{}", fmt::join(r->filters, ","));
      L.format = r->format;
    } else if (r->filters.size() > 1) {
      L.detail = fmt::format("{}", fmt::join(r->filters, ","));  // gzip inside gzip
    }
    set_label(
        L,
        Place{
            0, {}, L.parent, L.depth, L.parent >= 0 ? rep_.layers[L.parent].chain : std::string()});
    if (!r->error.empty()) {
      L.complete = false;
      log.add(rules::kLayerFailed, {{"error", r->error}});
    }
    const std::uint64_t covered =
        r->consumed > 0 && r->consumed <= avail ? r->consumed : std::uint64_t{1};
    L.size = r->consumed;
    if (r->raw && !tw.stopped() && !budget_.exhausted()) {
      // A bare compressed stream: carve what it held (a kernel, a filesystem).
      const fs::path payload = root_ / L.output / archive::kRawPayloadName;
      auto m = MappedFile::open(payload.string());
      if (m && m->size() > 0) {
        const Place child{inside.dirfd, inside.rel, inside.parent, inside.depth,
                          rep_.layers[idx].chain};
        carve(ByteView(m->bytes()), 0, m->size(), child);
      }
    }
    return covered;
  }

  void set_label(Layer& L, const Place& at) {
    L.label = L.detail.empty() || L.format == "uimage" || L.format == "trx" ||
                      L.format == "squashfs-legacy"
                  ? fmt::format("{}@{:#x}", L.format, L.offset)
                  : fmt::format("{}({})@{:#x}", L.format, L.detail, L.offset);
    L.chain = at.chain.empty() ? L.label : at.chain + " > " + L.label;
  }

  int push(const Layer& L) {
    rep_.layers.push_back(L);
    return static_cast<int>(rep_.layers.size() - 1);
  }

  Finding make_finding(const rules::Rule& rule, const std::string& chain) {
    Finding f;
    f.rule = std::string(rule.id);
    f.severity = rule.severity;
    f.title = std::string(rule.title);
    f.path = rep_.image;
    f.object.links.push_back(rep_.image);
    std::size_t start = 0;
    while (!chain.empty()) {
      const std::size_t sep = chain.find(" > ", start);
      f.object.links.push_back(chain.substr(start, sep - start));
      if (sep == std::string::npos) break;
      start = sep + 3;
    }
    return f;
  }

  void emit(int idx, const IncidentLog& log) {
    const Layer& L = rep_.layers[idx];
    for (const auto& i : log.incidents()) {
      Finding f = make_finding(*i.rule, L.chain);
      f.evidence = {
          {"layer", L.chain}, {"output", L.output}, {"count", i.count}, {"examples", i.examples}};
      if (i.rule == &rules::kLimitReached) rep_.limit_reached = true;
      if (i.rule == &rules::kLimitReached) reported_global_ = budget_.exhausted();
      rep_.findings.push_back(std::move(f));
    }
  }

  void global_limit(const std::string& limit, std::uint64_t value, const std::string& chain) {
    rep_.limit_reached = true;
    for (const auto& f : rep_.findings)
      if (f.rule == rules::kLimitReached.id && f.evidence.value("limit", "") == limit) return;
    Finding f = make_finding(rules::kLimitReached, chain);
    f.evidence = {{"limit", limit}};
    if (value != 0) f.evidence["value"] = value;
    if (!chain.empty()) f.evidence["layer"] = chain;
    rep_.findings.push_back(std::move(f));
    reported_global_ = true;
  }

  ExtractReport& rep_;
  fs::path root_;
  Budget budget_;
  ProgressFn progress_;
  bool reported_global_ = false;
};

Result<UniqueFd> prepare_out_dir(const fs::path& out) {
  if (::mkdir(out.c_str(), 0700) != 0 && errno != EEXIST)
    return Error{fmt::format("{}: {}", out.string(), std::strerror(errno))};
  UniqueFd fd(::open(out.c_str(), kDirFlags));
  if (!fd.valid())
    return Error{
        fmt::format("{}: not a directory we can use: {}", out.string(), std::strerror(errno))};
  std::error_code ec;
  if (!fs::is_empty(out, ec) || ec)
    return Error{fmt::format("{}: output directory is not empty", out.string())};
  return fd;
}

}  // namespace

Result<ExtractReport> extract_firmware_bytes(Bytes image, const std::string& name,
                                             const fs::path& out_dir, const ExtractLimits& limits,
                                             const ProgressFn& progress) {
  auto root = prepare_out_dir(out_dir);
  if (!root) return root.error();
  ExtractReport rep;
  rep.image = name;
  rep.output_root = out_dir.string();
  Extractor x(rep, out_dir, limits, image.size(), progress);
  const std::size_t found =
      x.carve(ByteView(image), 0, image.size(), Place{root->get(), {}, -1, 1, {}});
  x.finish();
  if (found == 0 && !rep.interrupted) {
    Finding f;
    f.rule = std::string(rules::kNoKnownLayer.id);
    f.severity = rules::kNoKnownLayer.severity;
    f.title = std::string(rules::kNoKnownLayer.title);
    f.path = name;
    f.object.links.push_back(name);
    f.evidence = {{"size", image.size()}, {"candidates", rep.candidates}};
    rep.findings.push_back(std::move(f));
  }
  return rep;
}

Result<ExtractReport> extract_firmware(const std::string& image, const fs::path& out_dir,
                                       const ExtractLimits& limits, const ProgressFn& progress) {
  auto m = MappedFile::open(image);
  if (!m) return m.error();
  return extract_firmware_bytes(m->bytes(), image, out_dir, limits, progress);
}

std::vector<std::size_t> root_filesystem_layers(const ExtractReport& report) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < report.layers.size(); ++i) {
    const auto& L = report.layers[i];
    const auto dir = std::filesystem::path(report.output_root) / L.output;
    std::error_code ec;
    if (!L.output.empty() && (std::filesystem::is_directory(dir / "etc", ec) ||
                              std::filesystem::is_directory(dir / "bin", ec)))
      out.push_back(i);
  }
  return out;
}

}  // namespace iotguard::unpack
