// SPDX-License-Identifier: GPL-2.0-or-later
#include "scan/cache.h"

#include <sqlite3.h>

namespace iotguard::scan {

namespace {
constexpr std::size_t kBatch = 512;  // rows per transaction
}

nlohmann::json finding_to_storage(const Finding& f) {
  nlohmann::json links = f.object.links;
  if (!links.empty()) links[0] = nullptr;  // the path: supplied again on replay
  return {{"rule", f.rule},
          {"family", f.family ? nlohmann::json(*f.family) : nlohmann::json(nullptr)},
          {"severity", to_string(f.severity)},
          {"confidence", f.confidence},
          {"title", f.title},
          {"links", links},
          {"evidence", f.evidence},
          {"references", f.references}};
}

Finding finding_from_storage(const nlohmann::json& j, const std::string& path) {
  Finding f;
  f.rule = j.value("rule", "");
  if (j.contains("family") && j["family"].is_string()) f.family = j["family"].get<std::string>();
  f.severity = parse_severity(j.value("severity", "info")).value_or(Severity::info);
  f.confidence = j.value("confidence", 1.0);
  f.title = j.value("title", "");
  f.path = path;
  if (j.contains("links"))
    for (const auto& l : j["links"])
      f.object.links.push_back(l.is_string() ? l.get<std::string>() : path);
  if (j.contains("evidence")) f.evidence = j["evidence"];
  if (j.contains("references"))
    for (const auto& r : j["references"])
      if (r.is_string()) f.references.push_back(r.get<std::string>());
  return f;
}

Result<std::unique_ptr<ScanCache>> ScanCache::open(const std::filesystem::path& db_file,
                                                   std::string fingerprint, bool per_path) {
  std::error_code ec;
  std::filesystem::create_directories(db_file.parent_path(), ec);
  auto c = std::unique_ptr<ScanCache>(new ScanCache());
  c->fp_ = std::move(fingerprint);
  c->per_path_ = per_path;
  if (sqlite3_open(db_file.c_str(), &c->db_) != SQLITE_OK)
    return Error{"cannot open scan cache " + db_file.string() + ": " + sqlite3_errmsg(c->db_)};
  const char* schema =
      "PRAGMA journal_mode=WAL;"
      "PRAGMA synchronous=NORMAL;"
      "CREATE TABLE IF NOT EXISTS scan_cache("
      " dev INTEGER NOT NULL, ino INTEGER NOT NULL, size INTEGER NOT NULL,"
      " mtime_ns INTEGER NOT NULL, fingerprint TEXT NOT NULL, sha256 TEXT NOT NULL,"
      " kind TEXT NOT NULL, findings TEXT NOT NULL,"
      " PRIMARY KEY(dev, ino, fingerprint));";
  char* err = nullptr;
  if (sqlite3_exec(c->db_, schema, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "unknown error";
    sqlite3_free(err);
    return Error{"scan cache " + db_file.string() + ": " + m};
  }
  if (sqlite3_prepare_v2(c->db_,
                         "SELECT size, mtime_ns, sha256, kind, findings FROM scan_cache"
                         " WHERE dev=? AND ino=? AND fingerprint=?",
                         -1, &c->get_, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(c->db_, "INSERT OR REPLACE INTO scan_cache VALUES(?,?,?,?,?,?,?,?)", -1,
                         &c->put_, nullptr) != SQLITE_OK)
    return Error{std::string("scan cache: ") + sqlite3_errmsg(c->db_)};
  return c;
}

// The fingerprint column carries the path as well when verdicts depend on
// it; scratch holds that key, so the common case builds no string.
const std::string& ScanCache::key(const FileEntry& e, std::string& scratch) const {
  if (!per_path_) return fp_;
  scratch = fp_ + '\n' + e.path;
  return scratch;
}

ScanCache::~ScanCache() {
  flush();
  sqlite3_finalize(get_);
  sqlite3_finalize(put_);
  sqlite3_close(db_);
}

std::optional<CachedResult> ScanCache::lookup(const FileEntry& e) {
  sqlite3_reset(get_);
  sqlite3_bind_int64(get_, 1, static_cast<sqlite3_int64>(e.dev));
  sqlite3_bind_int64(get_, 2, static_cast<sqlite3_int64>(e.ino));
  std::string scratch;
  sqlite3_bind_text(get_, 3, key(e, scratch).c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(get_) != SQLITE_ROW) return std::nullopt;
  if (static_cast<std::uint64_t>(sqlite3_column_int64(get_, 0)) != e.size ||
      sqlite3_column_int64(get_, 1) != e.mtime_ns)
    return std::nullopt;
  CachedResult r;
  r.sha256 = reinterpret_cast<const char*>(sqlite3_column_text(get_, 2));
  r.kind = reinterpret_cast<const char*>(sqlite3_column_text(get_, 3));
  auto j = nlohmann::json::parse(reinterpret_cast<const char*>(sqlite3_column_text(get_, 4)),
                                 nullptr, false);
  if (!j.is_array()) return std::nullopt;  // a damaged row is a miss, not an error
  for (const auto& f : j) r.findings.push_back(finding_from_storage(f, e.path));
  return r;
}

void ScanCache::store(const FileEntry& e, const std::string& sha256, const std::string& kind,
                      const std::vector<Finding>& findings) {
  if (pending_ == 0) sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr);
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& f : findings) arr.push_back(finding_to_storage(f));
  const std::string text = arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  sqlite3_reset(put_);
  sqlite3_bind_int64(put_, 1, static_cast<sqlite3_int64>(e.dev));
  sqlite3_bind_int64(put_, 2, static_cast<sqlite3_int64>(e.ino));
  sqlite3_bind_int64(put_, 3, static_cast<sqlite3_int64>(e.size));
  sqlite3_bind_int64(put_, 4, e.mtime_ns);
  std::string scratch;
  sqlite3_bind_text(put_, 5, key(e, scratch).c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(put_, 6, sha256.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(put_, 7, kind.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(put_, 8, text.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_step(put_);
  if (++pending_ >= kBatch) flush();
}

void ScanCache::flush() {
  if (pending_ == 0 || db_ == nullptr) return;
  sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  pending_ = 0;
}

}  // namespace iotguard::scan
