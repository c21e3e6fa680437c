// SPDX-License-Identifier: GPL-2.0-or-later
#include "audit/check.h"

#include <ctime>
#include <optional>
#include <set>
#include <utility>

#include "audit/accounts.h"
#include "audit/procfs.h"
#include "audit/text_file.h"
#include "audit/tree_walk.h"

namespace iotguard::audit {

struct Context::Cache {
  std::optional<std::vector<Account>> accounts;
  std::optional<std::vector<TextFile>> startup;
  std::optional<std::vector<TextFile>> cron;
  std::optional<std::vector<Process>> processes;
  std::optional<std::vector<Socket>> sockets;
  std::optional<SpecialFiles> special;
};

Context::Context(const Root& r, const AuditOptions& o)
    : root(r), opt(o), cache_(std::make_unique<Cache>()) {}
Context::~Context() = default;

Finding& Context::report(std::string_view detail, nlohmann::json evidence) {
  Finding f;
  f.rule = std::string(current_->id);
  f.severity = current_->severity;
  f.title = std::string(current_->title);
  if (!detail.empty()) f.title += ": " + std::string(detail);
  f.path = root.dir();
  f.object.links.push_back(root.dir());
  if (evidence.contains("file") && evidence["file"].is_string())
    f.object.links.push_back(evidence["file"].get<std::string>());
  f.evidence = std::move(evidence);
  for (auto r : current_->references) f.references.emplace_back(r);
  findings.push_back(std::move(f));
  return findings.back();
}

void Context::error(std::string path, std::string message) {
  errors.emplace_back(std::move(path), std::move(message));
}

const std::vector<Account>& Context::accounts() {
  if (!cache_->accounts) {
    std::vector<std::string> problems;
    cache_->accounts = read_accounts(root, opt.max_config_bytes, problems);
    for (auto& p : problems) error("/etc/passwd", std::move(p));
  }
  return *cache_->accounts;
}

namespace {

// Collects regular files (following in-root symlinks), once per inode.
class Collector {
 public:
  Collector(Context& ctx, std::vector<TextFile>& out) : ctx_(ctx), out_(out) {}

  void file(const std::string& path, std::string_view kind) {
    if (out_.size() >= ctx_.opt.max_startup_files) return;
    auto st = ctx_.root.stat(path);
    if (!st || !S_ISREG(st->st_mode)) return;
    if (!seen_.emplace(st->st_dev, st->st_ino).second) return;
    auto text = ctx_.root.read(path, ctx_.opt.max_config_bytes);
    if (!text) {
      ctx_.error(path, text.error().message);
      return;
    }
    out_.push_back(TextFile{path, std::string(kind), std::move(*text)});
  }

  // Files directly in dir (and, with depth > 0, in its subdirectories).
  void dir(const std::string& path, std::string_view kind, int depth = 0,
           std::string_view suffix = {}) {
    auto entries = ctx_.root.list(path, 8192);
    if (!entries) return;
    for (const auto& e : *entries) {
      const std::string p = join(path, e.name);
      if (ctx_.root.is_dir(p)) {
        if (depth > 0) dir(p, kind, depth - 1, suffix);
        continue;
      }
      if (!suffix.empty() && !e.name.ends_with(suffix)) continue;
      file(p, kind);
    }
  }

 private:
  Context& ctx_;
  std::vector<TextFile>& out_;
  std::set<std::pair<dev_t, ino_t>> seen_;
};

}  // namespace

const std::vector<TextFile>& Context::startup_files() {
  if (!cache_->startup) {
    cache_->startup.emplace();
    Collector c(*this, *cache_->startup);
    c.file("/etc/inittab", "inittab");
    c.file("/etc/inetd.conf", "inetd");
    c.file("/etc/xinetd.conf", "xinetd");
    c.dir("/etc/xinetd.d", "xinetd");
    for (const char* rc : {"/etc/rc.local", "/etc/rc.d/rc.local", "/etc/rcS", "/etc/rc.d/rcS",
                           "/etc/init.d/rcS", "/etc/rc.d/rc.sysinit"})
      c.file(rc, "rc");
    c.dir("/etc/init.d", "init-script");
    c.dir("/etc/rc.d/init.d", "init-script");
    c.dir("/etc/rc.d", "rc");
    c.dir("/etc/init", "upstart", 0, ".conf");
    // Enabled units live (or are linked) under /etc/systemd/system, wants dirs included.
    c.dir("/etc/systemd/system", "systemd", 2);
    c.dir("/etc/default", "default");
    c.dir("/etc/config", "uci");
  }
  return *cache_->startup;
}

const std::vector<TextFile>& Context::cron_files() {
  if (!cache_->cron) {
    cache_->cron.emplace();
    Collector c(*this, *cache_->cron);
    c.file("/etc/crontab", "cron");
    for (const char* d :
         {"/etc/cron.d", "/etc/crontabs", "/var/spool/cron/crontabs", "/var/spool/cron",
          "/etc/cron.hourly", "/etc/cron.daily", "/etc/cron.weekly", "/etc/cron.monthly"})
      c.dir(d, "cron");
  }
  return *cache_->cron;
}

const std::vector<Process>& Context::processes() {
  if (!cache_->processes)
    cache_->processes = read_processes(root, opt.max_processes, opt.max_fds_per_process);
  return *cache_->processes;
}

const std::vector<Socket>& Context::sockets() {
  if (!cache_->sockets) cache_->sockets = read_sockets(root, processes());
  return *cache_->sockets;
}

const SpecialFiles& Context::special_files() {
  if (!cache_->special) {
    cache_->special = find_special_files(*this);
    if (cache_->special->truncated)
      error("/", "system-directory walk stopped at the entry or depth cap (HARD-002, HARD-003)");
  }
  return *cache_->special;
}

std::int64_t Context::now() const {
  return opt.now != 0 ? opt.now : static_cast<std::int64_t>(std::time(nullptr));
}

}  // namespace iotguard::audit
