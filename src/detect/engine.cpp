// SPDX-License-Identifier: GPL-2.0-or-later
#include "detect/engine.h"

#include <fmt/format.h>

#include <malloc.h>

#include "core/digest.h"
#include "elf/reader.h"

namespace iotguard::detect {

Result<std::unique_ptr<Engine>> Engine::create(const EngineConfig& config) {
  auto e = std::unique_ptr<Engine>(new Engine());
  e->config_ = config;
  e->info_.pattern_file_version = config.pattern_file_version;
  auto d = make_detectors(config, e->info_);
  if (!d) return d.error();
  e->detectors_ = std::move(*d);
  auto a = make_aggregators(config, e->info_);
  if (!a) return a.error();
  e->aggregators_ = std::move(*a);
  e->unpackers_ = unpack::layer_unpackers();
  std::string fp = fmt::format("depth={};", config.max_depth);
  for (const auto& det : e->detectors_) {
    e->info_.detectors.push_back(det->name());
    e->info_.depends_on_path |= det->depends_on_path();
    fp += det->fingerprint() + ";";
  }
  for (const auto& ag : e->aggregators_) {
    e->info_.detectors.push_back(ag->name());
    fp += ag->fingerprint() + ";";
  }
  for (const auto& u : e->unpackers_) fp += "unpack:" + u->name() + ";";
  e->info_.fingerprint =
      sha256_hex({reinterpret_cast<const std::uint8_t*>(fp.data()), fp.size()}).substr(0, 32);
#if defined(__GLIBC__)
  // Rule text, compile scratch and cache keys are freed by now but stay in
  // the heap (glibc does not give freed memory back by itself): with a few
  // thousand rules that is tens of MB the scan would carry to its end.
  malloc_trim(0);
#endif
  return e;
}

Analysis Engine::analyse(Bytes bytes, const std::string& path,
                         std::optional<std::string> sha256) const {
  Analysis out;
  Layer top;
  top.bytes = bytes;
  top.path = path;
  top.chain.links = {path};
  top.sha256_known = std::move(sha256);
  top.kind = identify(bytes);
  out.kind = std::string(kind_name(top.kind));
  analyse_layer(top, out);
  if (top.sha256_known) out.sha256 = *top.sha256_known;
  return out;
}

void Engine::analyse_layer(Layer& layer, Analysis& out) const {
  std::optional<elf::ElfFile> parsed;
  if (layer.kind == Kind::elf) {
    elf::ReadLimits lim;
    lim.read_symbols = false;  // detectors and heuristics need headers only
    lim.entropy = false;       // two passes over every byte that no detector reads
    auto r = elf::read(layer.bytes, lim);
    if (r) parsed = std::move(*r);
    layer.elf = parsed ? &*parsed : nullptr;
  }
  std::vector<Finding> mine;
  for (const auto& d : detectors_)
    if (auto err = d->analyse(layer, mine))
      out.errors.push_back(fmt::format("{}: {}", layer.chain.str(), *err));

  // The first unpacker that recognises the layer owns it. Its findings about
  // the packing belong to this layer, so aggregators (heuristics) see them.
  std::optional<unpack::Unpacked> unpacked;
  std::string unpacker;
  if (layer.depth < config_.max_depth) {
    for (const auto& u : unpackers_) {
      unpacked = u->try_unpack(layer.bytes, layer.elf);
      if (!unpacked) continue;
      unpacker = u->name();
      for (auto& f : unpacked->findings) {
        f.path = layer.path;
        f.object = layer.chain;
        mine.push_back(std::move(f));
      }
      if (unpacked->error) {
        Finding f = layer.make_finding();
        f.rule = "Unpack.Failed";
        f.severity = Severity::info;
        f.title =
            fmt::format("{} layer recognised but not unpacked: {}", unpacker, *unpacked->error);
        f.evidence = {{"unpacker", unpacker}, {"error", *unpacked->error}};
        mine.push_back(std::move(f));
      }
      break;
    }
  }
  for (const auto& a : aggregators_) a->aggregate(layer, mine);
  for (auto& f : mine) out.findings.push_back(std::move(f));

  if (!unpacked || unpacked->error || unpacked->bytes.empty()) return;
  Layer child;
  child.bytes = unpacked->bytes;
  child.path = layer.path;
  child.chain = layer.chain;
  child.chain.links.push_back(unpacked->link);
  child.kind = identify(child.bytes);
  child.depth = layer.depth + 1;
  analyse_layer(child, out);
}

}  // namespace iotguard::detect
