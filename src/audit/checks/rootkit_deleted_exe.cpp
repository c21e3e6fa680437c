// SPDX-License-Identifier: GPL-2.0-or-later
// ROOTKIT-006: a process whose executable (/proc/PID/exe) is gone from disk
// or never was on it. Mirai unlinks itself at start (threats.md §2.5), so
// its exe reads "... (deleted)"; fileless droppers run a memfd
// ("/memfd:NAME (deleted)"). Two ordinary cases look alike and are told
// apart by what the kernel shows, never by a name the program chose:
//  - a package upgrade replaced a running program: the path in a system
//    directory holds a new file, not writable by others (low);
//  - a runtime re-executes a sealed copy of itself (runc's, crun's and
//    sandboxes' defence against CVE-2019-5736): its memfd is sealed against
//    writes and resizing (info). Memfd data mappings are no concern here.
#include <fcntl.h>
#include <sys/stat.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include "audit/check.h"
#include "audit/procfs.h"

#ifndef F_SEAL_FUTURE_WRITE
#define F_SEAL_FUTURE_WRITE 0x0010  // Linux 5.1 (include/uapi/linux/fcntl.h)
#endif

namespace iotguard::audit {
namespace {

constexpr std::string_view kMemfd = "/memfd:";

bool starts_with_any(std::string_view path, std::initializer_list<std::string_view> dirs) {
  for (auto d : dirs)
    if (path.starts_with(d)) return true;
  return false;
}

// Where bots are dropped: writable by everyone or memory-backed.
bool staging(std::string_view path) {
  return starts_with_any(path, {"/tmp/", "/var/tmp/", "/dev/shm/", "/run/shm/", "/var/run/",
                                "/run/", "/dev/", "/mnt/"});
}

// Where a package manager installs programs.
bool system_program(std::string_view path) {
  return starts_with_any(path, {"/usr/", "/bin/", "/sbin/", "/lib/", "/lib64/", "/opt/"});
}

// The image cannot change under the running program: no writes, no resize.
bool sealed(unsigned seals) {
  const bool no_write = (seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)) != 0;
  return no_write && (seals & F_SEAL_SHRINK) != 0 && (seals & F_SEAL_GROW) != 0;
}

class RootkitDeletedExe final : public Check {
 public:
  [[nodiscard]] const CheckInfo& info() const override {
    static const CheckInfo i{
        "ROOTKIT-006",
        "compromise",
        "Process running from a deleted executable",
        Severity::high,
        "IoT bots delete their own binary after starting so nothing is left on disk to find, "
        "and fileless droppers run from memory (memfd). An upgraded program that was not "
        "restarted runs from its old, deleted file too.",
        "If the program's path holds its upgraded file, restart it; otherwise capture "
        "/proc/PID/exe for analysis and treat the device as compromised.",
        {"OWASP-IoT-2018-I8", "JP-IoT-GL-13"},
        true};
    return i;
  }
  void run(Context& ctx) const override {
    for (const auto& p : ctx.processes()) {
      if (!p.exe_deleted) continue;
      if (p.exe.starts_with(kMemfd))
        memfd(ctx, p);
      else
        deleted(ctx, p);
    }
  }

 private:
  static void deleted(Context& ctx, const Process& p) {
    nlohmann::json ev = {{"pid", p.pid}, {"process", p.comm}, {"exe", p.exe}};
    if (staging(p.exe)) {
      ev["staging_directory"] = true;
      ctx.report(p.exe + " (pid " + std::to_string(p.pid) + ")", std::move(ev)).confidence = 0.8;
      return;
    }
    // dpkg, opkg and rpm write the new file beside the old and rename it over.
    const auto now = stat_in_process_root(ctx.root, p.pid, p.exe);
    const bool replaced = now.ok() && S_ISREG(now->st_mode) && (now->st_mode & 022) == 0;
    if (replaced && system_program(p.exe)) {
      ev["replaced"] = true;
      Finding& f = ctx.report(p.exe + " (pid " + std::to_string(p.pid) + ", replaced)", ev);
      f.severity = Severity::low;
      f.confidence = 0.2;
      return;
    }
    ctx.report(p.exe + " (pid " + std::to_string(p.pid) + ")", std::move(ev)).confidence = 0.7;
  }

  static void memfd(Context& ctx, const Process& p) {
    const std::string name = p.exe.substr(kMemfd.size());
    nlohmann::json ev = {
        {"pid", p.pid}, {"process", p.comm}, {"exe", p.exe}, {"memfd", true}, {"memfd_name", name}};
    const auto seals = exe_seals(ctx.root, p.pid);
    if (seals) ev["memfd_seals"] = *seals;
    Finding& f = ctx.report("memfd:" + name + " (pid " + std::to_string(p.pid) + ")", ev);
    if (seals && sealed(*seals)) {
      f.severity = Severity::info;
      f.confidence = 0.1;
    } else {
      f.severity = Severity::medium;
      f.confidence = 0.4;
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_rootkit_deleted_exe() { return std::make_unique<RootkitDeletedExe>(); }
}  // namespace iotguard::audit
