// SPDX-License-Identifier: GPL-2.0-or-later
#include "audit/versions.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "audit/check.h"
#include "audit/text_file.h"

namespace iotguard::audit {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Splits into runs of digits and runs of letters; separators are dropped.
std::vector<std::string_view> parts(std::string_view v) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < v.size()) {
    if (!digit(v[i]) && !alpha(v[i])) {
      ++i;
      continue;
    }
    const bool d = digit(v[i]);
    std::size_t j = i;
    while (j < v.size() && (d ? digit(v[j]) : alpha(v[j]))) ++j;
    out.push_back(v.substr(i, j - i));
    i = j;
  }
  return out;
}

struct Known {
  std::string_view component;
  std::vector<std::string_view> packages;
};

const std::vector<Known>& known_packages() {
  static const std::vector<Known> k = {
      {"busybox", {"busybox", "busybox-static"}},
      {"dropbear", {"dropbear", "dropbear-bin", "dropbear-run"}},
      {"openssl",
       {"openssl", "libssl1.0.0", "libssl1.0.2", "libssl1.1", "libssl3", "libopenssl",
        "libopenssl1.1", "libopenssl3"}},
      {"dnsmasq", {"dnsmasq", "dnsmasq-base", "dnsmasq-full"}},
  };
  return k;
}

std::string_view component_of_package(std::string_view pkg) {
  for (const auto& k : known_packages())
    for (auto p : k.packages)
      if (p == pkg) return k.component;
  return {};
}

void add(std::vector<ComponentVersion>& out, std::string_view comp, std::string version,
         std::string source, std::string method) {
  if (version.empty()) return;
  for (const auto& c : out)
    if (c.component == comp && c.version == version) return;
  out.push_back({std::string(comp), std::move(version), std::move(source), std::move(method)});
}

// dpkg status and opkg status share the RFC 822 stanza form (Package:/Version:).
void from_stanzas(Context& ctx, const std::string& path, std::vector<ComponentVersion>& out) {
  if (!ctx.root.exists(path)) return;
  auto text = ctx.root.read(path, std::size_t{64} << 20);
  if (!text) {
    ctx.error(path, text.error().message);
    return;
  }
  std::string pkg, ver;
  bool installed = true;
  auto flush = [&] {
    if (auto comp = component_of_package(pkg); !comp.empty() && installed)
      add(out, comp, upstream_version(ver), path, "package-db");
    pkg.clear();
    ver.clear();
    installed = true;
  };
  for_each_line(*text, [&](std::size_t, std::string_view line) {
    if (line.empty())
      flush();
    else if (line.starts_with("Package:"))
      pkg = trim(line.substr(8));
    else if (line.starts_with("Version:"))
      ver = trim(line.substr(8));
    else if (line.starts_with("Status:"))
      installed = line.find("not-installed") == std::string_view::npos &&
                  line.find("config-files") == std::string_view::npos;
    return true;
  });
  flush();
}

// apk's installed database: P: name, V: version, blank line between packages.
void from_apk(Context& ctx, std::vector<ComponentVersion>& out) {
  const std::string path = "/lib/apk/db/installed";
  if (!ctx.root.exists(path)) return;
  auto text = ctx.root.read(path, std::size_t{64} << 20);
  if (!text) return ctx.error(path, text.error().message);
  std::string pkg, ver;
  auto flush = [&] {
    if (auto comp = component_of_package(pkg); !comp.empty())
      add(out, comp, upstream_version(ver), path, "package-db");
    pkg.clear();
    ver.clear();
  };
  for_each_line(*text, [&](std::size_t, std::string_view line) {
    if (line.empty())
      flush();
    else if (line.starts_with("P:"))
      pkg = line.substr(2);
    else if (line.starts_with("V:"))
      ver = line.substr(2);
    return true;
  });
  flush();
}

void from_binary(Context& ctx, std::string_view comp, std::initializer_list<std::string_view> paths,
                 std::string_view prefix, std::vector<ComponentVersion>& out) {
  std::set<std::pair<dev_t, ino_t>> seen;
  for (auto p : paths) {
    const std::string path(p);
    auto st = ctx.root.stat(path);
    if (!st || !S_ISREG(st->st_mode) || !seen.emplace(st->st_dev, st->st_ino).second) continue;
    auto bytes = ctx.root.read_prefix(path, ctx.opt.max_binary_bytes);
    if (!bytes) {
      ctx.error(path, bytes.error().message);
      continue;
    }
    add(out, comp, version_after(*bytes, prefix), path, "binary-string");
  }
}

// Versioned shared objects in a library directory: libcrypto.so.1.0.0 and friends.
void from_libdir(Context& ctx, std::string_view dir, std::vector<ComponentVersion>& out) {
  auto entries = ctx.root.list(dir, 16384);
  if (!entries) return;
  for (const auto& e : *entries)
    if (e.name.starts_with("libcrypto.so") || e.name.starts_with("libssl.so"))
      from_binary(ctx, "openssl", {join(dir, e.name)}, "OpenSSL ", out);
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
  auto pa = parts(a), pb = parts(b);
  for (std::size_t i = 0; i < std::max(pa.size(), pb.size()); ++i) {
    if (i >= pa.size()) return -1;
    if (i >= pb.size()) return 1;
    const bool da = digit(pa[i].front()), db = digit(pb[i].front());
    if (da != db) return da ? 1 : -1;  // "1.0.1.2" > "1.0.1a": a number outranks a letter
    if (da) {
      auto x = pa[i], y = pb[i];
      while (x.size() > 1 && x.front() == '0') x.remove_prefix(1);
      while (y.size() > 1 && y.front() == '0') y.remove_prefix(1);
      if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
      if (int c = x.compare(y); c != 0) return c < 0 ? -1 : 1;
    } else if (int c = pa[i].compare(pb[i]); c != 0) {
      return c < 0 ? -1 : 1;
    }
  }
  return 0;
}

std::vector<VulnerableRange> parse_vulnerable_table(std::string_view text) {
  std::vector<VulnerableRange> out;
  for_each_line(text, [&](std::size_t, std::string_view line) {
    if (line.empty() || line.front() == '#') return true;
    std::vector<std::string> f;
    std::size_t i = 0;
    for (;;) {
      const std::size_t t = line.find('\t', i);
      f.emplace_back(line.substr(i, t == std::string_view::npos ? std::string_view::npos : t - i));
      if (t == std::string_view::npos) break;
      i = t + 1;
    }
    if (f.size() < 3 || f[0].empty() || f[1].empty()) return true;
    out.push_back({f[0], f[1], f[2], f.size() > 3 ? f[3] : ""});
    return out.size() < 4096;
  });
  return out;
}

bool in_range(std::string_view version, std::string_view affected) {
  if (version.empty()) return false;
  bool any = false;
  while (!affected.empty()) {
    const std::size_t comma = affected.find(',');
    std::string_view c = trim(affected.substr(0, comma));
    affected = comma == std::string_view::npos ? std::string_view{} : affected.substr(comma + 1);
    std::string_view op;
    for (std::string_view o : {"<=", ">=", "<", ">", "="})
      if (c.starts_with(o)) {
        op = o;
        break;
      }
    if (op.empty()) return false;  // malformed constraint: never claim a match
    const int cmp = compare_versions(version, trim(c.substr(op.size())));
    const bool ok = (op == "<" && cmp < 0) || (op == "<=" && cmp <= 0) || (op == ">" && cmp > 0) ||
                    (op == ">=" && cmp >= 0) || (op == "=" && cmp == 0);
    if (!ok) return false;
    any = true;
  }
  return any;
}

std::string upstream_version(std::string_view v) {
  if (auto colon = v.find(':'); colon != std::string_view::npos && colon < 4)
    v.remove_prefix(colon + 1);  // Debian epoch
  std::size_t n = 0;
  while (n < v.size() && (digit(v[n]) || alpha(v[n]) || v[n] == '.')) ++n;
  std::string out(v.substr(0, n));
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

std::string version_after(std::string_view hay, std::string_view prefix) {
  for (std::size_t pos = hay.find(prefix); pos != std::string_view::npos;
       pos = hay.find(prefix, pos + 1)) {
    std::string_view rest = hay.substr(pos + prefix.size());
    if (rest.empty() || !digit(rest.front())) continue;
    std::size_t n = 0;
    while (n < rest.size() && n < 32 && (digit(rest[n]) || alpha(rest[n]) || rest[n] == '.')) ++n;
    std::string v(rest.substr(0, n));
    while (!v.empty() && v.back() == '.') v.pop_back();
    if (v.find('.') != std::string::npos) return v;
  }
  return {};
}

std::vector<ComponentVersion> detect_versions(Context& ctx) {
  std::vector<ComponentVersion> out;
  from_stanzas(ctx, "/var/lib/dpkg/status", out);
  from_stanzas(ctx, "/usr/lib/opkg/status", out);
  from_stanzas(ctx, "/var/lib/opkg/status", out);
  from_apk(ctx, out);
  auto have = [&](std::string_view comp) {
    return std::any_of(out.begin(), out.end(), [&](const auto& c) { return c.component == comp; });
  };
  // Binaries only when no package database named the component: a distro
  // package carries its own version, a firmware build often has no database.
  if (!have("busybox"))
    from_binary(ctx, "busybox", {"/bin/busybox", "/usr/bin/busybox"}, "BusyBox v", out);
  if (!have("dropbear"))
    from_binary(ctx, "dropbear",
                {"/usr/sbin/dropbear", "/sbin/dropbear", "/usr/bin/dropbearmulti",
                 "/usr/sbin/dropbearmulti"},
                "dropbear_", out);
  if (!have("dnsmasq"))
    from_binary(ctx, "dnsmasq", {"/usr/sbin/dnsmasq", "/sbin/dnsmasq"}, "dnsmasq-", out);
  if (!have("openssl"))
    for (auto d : {"/lib", "/usr/lib"}) from_libdir(ctx, d, out);
  if (ctx.root.live()) {
    if (auto r = ctx.root.read("/proc/sys/kernel/osrelease", 256))
      add(out, "kernel", upstream_version(trim(std::string_view(*r).substr(0, r->find('\n')))),
          "/proc/sys/kernel/osrelease", "osrelease");
  } else if (auto mods = ctx.root.list("/lib/modules", 64)) {
    for (const auto& m : *mods)
      add(out, "kernel", upstream_version(m.name), "/lib/modules/" + m.name, "modules-dir");
  }
  return out;
}

}  // namespace iotguard::audit
