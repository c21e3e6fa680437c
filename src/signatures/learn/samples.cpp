// SPDX-License-Identifier: GPL-2.0-or-later
#include "signatures/learn/samples.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "core/digest.h"
#include "core/mapped_file.h"
#include "elf/machine.h"
#include "elf/reader.h"
#include "unpack/layer_unpacker.h"

namespace iotguard::signatures::learn {
namespace fs = std::filesystem;
namespace {

constexpr int kMaxUnpackDepth = 2;

bool is_elf(Bytes b) {
  return b.size() >= 4 && std::memcmp(b.data(),
                                      "\x7f"
                                      "ELF",
                                      4) == 0;
}

struct Object {
  std::string name;
  std::vector<std::uint8_t> owned;  // archive members
  std::string path;                 // files, mapped when examined
};

void visit_object(const std::string& name, Bytes bytes, const SampleVisitor& visit) {
  static const auto unpackers = unpack::layer_unpackers();
  SampleInfo info;
  info.name = name;
  info.size = bytes.size();
  info.sha256 = sha256_hex(bytes);
  info.arch = arch_of(bytes);
  std::vector<std::vector<std::uint8_t>> children;
  std::vector<Bytes> layers{bytes};
  // Each layer's children, to a bounded depth, as the scan engine does.
  for (std::size_t i = 0; i < layers.size() && i < static_cast<std::size_t>(kMaxUnpackDepth); ++i) {
    auto parsed = elf::read(layers[i]);
    for (const auto& u : unpackers) {
      auto r = u->try_unpack(layers[i], parsed ? &*parsed : nullptr);
      if (!r || r->bytes.empty()) continue;
      children.push_back(std::move(r->bytes));
      layers.emplace_back(children.back());
      info.unpacked = true;
      // A packed file's architecture is its payload's.
      if (info.arch.empty()) info.arch = arch_of(layers.back());
      break;
    }
  }
  visit(info, layers);
}

// Reads every member of an archive held in memory; false when libarchive
// does not take it as one.
bool read_archive(Bytes data, const std::string& name, const SampleLimits& limits,
                  std::vector<Object>& out, std::vector<std::string>& errors) {
  std::unique_ptr<archive, int (*)(archive*)> a(archive_read_new(), archive_read_free);
  archive_read_support_filter_all(a.get());
  archive_read_support_format_all(a.get());
  archive_read_add_passphrase(a.get(), "infected");
  if (archive_read_open_memory(a.get(), data.data(), data.size()) != ARCHIVE_OK) return false;
  archive_entry* e = nullptr;
  std::uint64_t total = 0;
  std::size_t members = 0;
  int rc;
  while ((rc = archive_read_next_header(a.get(), &e)) == ARCHIVE_OK || rc == ARCHIVE_WARN) {
    if (++members > limits.max_members) {
      errors.push_back(name + ": more than " + std::to_string(limits.max_members) + " members");
      break;
    }
    if (archive_entry_filetype(e) != AE_IFREG) continue;
    const char* p = archive_entry_pathname(e);
    const std::string member = name + " > " + (p != nullptr ? p : "?");
    const la_int64_t size = archive_entry_size(e);
    if (archive_entry_size_is_set(e) &&
        (size < 0 || static_cast<std::uint64_t>(size) > limits.max_file))
      continue;
    Object o;
    o.name = member;
    char buf[65536];
    la_ssize_t n;
    bool ok = true;
    while ((n = archive_read_data(a.get(), buf, sizeof buf)) > 0) {
      if (o.owned.size() + static_cast<std::size_t>(n) > limits.max_file ||
          total + static_cast<std::uint64_t>(n) > limits.max_archive_total) {
        ok = false;
        break;
      }
      o.owned.insert(o.owned.end(), buf, buf + n);
      total += static_cast<std::uint64_t>(n);
    }
    if (n < 0) {
      errors.push_back(
          member + ": " +
          (archive_error_string(a.get()) ? archive_error_string(a.get()) : "read error"));
      continue;
    }
    if (ok) out.push_back(std::move(o));
  }
  if (rc == ARCHIVE_FATAL && out.empty()) return false;
  return true;
}

}  // namespace

std::string arch_of(Bytes bytes) {
  if (!is_elf(bytes)) return {};
  auto f = elf::read(bytes);
  if (!f) return {};
  return fmt::format("{}-{}-{}", elf::machine_name(f->machine).name, f->is64 ? 64 : 32,
                     f->endian == Endian::little ? "le" : "be");
}

void for_each_sample(const std::vector<fs::path>& paths, const SampleLimits& limits,
                     unsigned threads, const SampleVisitor& visit,
                     std::vector<std::string>& errors) {
  std::vector<Object> objects;
  for (const auto& root : paths) {
    std::error_code ec;
    const auto st = fs::symlink_status(root, ec);
    if (ec) {
      errors.push_back(root.string() + ": " + ec.message());
      continue;
    }
    if (fs::is_regular_file(st)) {
      objects.push_back({root.string(), {}, root.string()});
      continue;
    }
    if (!fs::is_directory(st)) {
      errors.push_back(root.string() + ": not a file or folder");
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(
             root, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (!it->is_symlink(ec) && it->is_regular_file(ec)) found.push_back(it->path().string());
    std::sort(found.begin(), found.end());
    for (auto& f : found) objects.push_back({f, {}, f});
  }

  std::mutex mu;
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    std::vector<std::string> errs;
    for (std::size_t i; (i = next.fetch_add(1)) < objects.size();) {
      Object& o = objects[i];
      auto m = MappedFile::open(o.path, limits.max_file, true);
      if (!m) {
        errs.push_back(o.path + ": " + m.error().message);
        continue;
      }
      if (is_elf(m->bytes())) {
        visit_object(o.name, m->bytes(), visit);
        continue;
      }
      std::vector<Object> members;
      if (!read_archive(m->bytes(), o.name, limits, members, errs)) continue;  // not a sample
      // One nesting more: kits ship zips of tarballs.
      for (std::size_t k = 0; k < members.size(); ++k) {
        Bytes b(members[k].owned);
        if (is_elf(b)) {
          visit_object(members[k].name, b, visit);
          continue;
        }
        std::vector<Object> inner;
        if (!read_archive(b, members[k].name, limits, inner, errs)) continue;
        for (auto& in : inner)
          if (is_elf(Bytes(in.owned))) visit_object(in.name, Bytes(in.owned), visit);
      }
    }
    std::lock_guard lock(mu);
    errors.insert(errors.end(), errs.begin(), errs.end());
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < std::max(1u, threads); ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();
}

}  // namespace iotguard::signatures::learn
