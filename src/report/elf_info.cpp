// SPDX-License-Identifier: GPL-2.0-or-later
#include "report/elf_info.h"

#include <fmt/format.h>

#include "elf/constants.h"
#include "elf/machine.h"

namespace iotguard::report {

using nlohmann::json;

namespace {

std::string hex(std::uint64_t v) { return fmt::format("0x{:x}", v); }

double round2(double v) {
  return static_cast<double>(static_cast<long long>(v * 100.0 + 0.5)) / 100.0;
}

json segment_json(const elf::ElfFile& f, const elf::Segment& s) {
  return {{"type", elf::segment_type_name(s.type, f.machine)},
          {"type_value", s.type},
          {"flags", elf::segment_flags_string(s.flags)},
          {"offset", s.offset},
          {"vaddr", s.vaddr},
          {"paddr", s.paddr},
          {"filesz", s.filesz},
          {"memsz", s.memsz},
          {"align", s.align},
          {"entropy", round2(s.entropy)}};
}

json section_json(const elf::ElfFile& f, const elf::Section& s) {
  return {{"name", s.name},       {"type", elf::section_type_name(s.type, f.machine)},
          {"type_value", s.type}, {"flags", s.flags},
          {"addr", s.addr},       {"offset", s.offset},
          {"size", s.size},       {"link", s.link},
          {"info", s.info},       {"addralign", s.addralign},
          {"entsize", s.entsize}};
}

}  // namespace

json elf_info_json(const std::string& path, const elf::ElfFile& f, const Digests& d) {
  const auto m = elf::machine_name(f.machine);
  json segs = json::array();
  for (const auto& s : f.segments) segs.push_back(segment_json(f, s));
  json secs = json::array();
  for (const auto& s : f.sections) secs.push_back(section_json(f, s));
  json anomalies = json::array();
  for (const auto& a : f.anomalies) anomalies.push_back({{"id", a.id}, {"detail", a.detail}});
  json j = {
      {"type", "info"},
      {"path", path},
      {"format", "elf"},
      {"size", f.file_size},
      {"sha256", d.sha256},
      {"sha1", d.sha1},
      {"md5", d.md5},
      {"class", f.is64 ? "ELF64" : "ELF32"},
      {"endianness", f.endian == Endian::little ? "little" : "big"},
      {"osabi", elf::osabi_name(f.osabi)},
      {"elf_type", elf::type_name(f.type)},
      {"machine", m.name},
      {"machine_value", f.machine},
      {"machine_description", m.description},
      {"abi", elf::abi_description(f)},
      {"flags", f.flags},
      {"entry", f.entry},
      {"linking", f.linking()},
      {"static", f.is_static()},
      {"stripped", f.is_stripped()},
      {"interpreter", f.interpreter ? json(*f.interpreter) : json(nullptr)},
      {"needed", f.needed},
      {"soname", f.soname ? json(*f.soname) : json(nullptr)},
      {"build_id", f.build_id ? json(*f.build_id) : json(nullptr)},
      {"entropy", round2(f.entropy)},
      {"overlay", {{"offset", f.overlay_offset}, {"size", f.overlay_size}}},
      {"header",
       {{"phoff", f.phoff},
        {"shoff", f.shoff},
        {"phentsize", f.phentsize},
        {"phnum", f.phnum},
        {"shentsize", f.shentsize},
        {"shnum", f.shnum},
        {"shstrndx", f.shstrndx}}},
      {"segments", segs},
      {"sections", secs},
      {"symbols", {{"symtab", f.symtab_count}, {"dynsym", f.dynsym_count}}},
      {"anomalies", anomalies},
  };
  if (f.abi_tag)
    j["abi_tag"] = fmt::format("{} {}.{}.{}",
                               f.abi_tag->os == 0 ? "Linux" : "OS" + std::to_string(f.abi_tag->os),
                               f.abi_tag->major, f.abi_tag->minor, f.abi_tag->subminor);
  return j;
}

std::string elf_info_text(const std::string& path, const elf::ElfFile& f, const Digests& d,
                          const InfoOptions& opt) {
  const auto m = elf::machine_name(f.machine);
  std::string o;
  auto line = [&](const char* k, const std::string& v) { o += fmt::format("  {:<13}{}\n", k, v); };
  o += path + "\n";
  std::string arch = m.description;
  if (const auto abi = elf::abi_description(f); !abi.empty()) arch += " (" + abi + ")";
  line("Machine", arch);
  line("Class",
       fmt::format("{}, {}-endian, OS/ABI {}", f.is64 ? "ELF64" : "ELF32",
                   f.endian == Endian::little ? "little" : "big", elf::osabi_name(f.osabi)));
  line("Type", fmt::format("{}, {}, {}", elf::type_name(f.type), f.linking(),
                           f.is_stripped() ? "stripped" : "not stripped"));
  line("Entry", hex(f.entry));
  if (f.interpreter) line("Interpreter", *f.interpreter);
  if (!f.needed.empty()) {
    std::string libs;
    for (const auto& n : f.needed) libs += (libs.empty() ? "" : ", ") + n;
    line("Needed", libs);
  }
  if (f.soname) line("Soname", *f.soname);
  if (f.build_id) line("Build ID", *f.build_id);
  line("Size", fmt::format("{} bytes, entropy {:.2f}", f.file_size, f.entropy));
  if (f.overlay_size > 0)
    line("Overlay", fmt::format("{} bytes at {}", f.overlay_size, hex(f.overlay_offset)));
  line("SHA-256", d.sha256);
  line("MD5", d.md5);
  line("Symbols", fmt::format("{} in .symtab, {} in .dynsym", f.symtab_count, f.dynsym_count));
  o += fmt::format("  Segments ({}):\n", f.segments.size());
  o += fmt::format("    {:<14} {:<3} {:>10} {:>18} {:>10} {:>10} {:>7}\n", "Type", "Flg", "Offset",
                   "VirtAddr", "FileSiz", "MemSiz", "Entropy");
  for (const auto& s : f.segments)
    o += fmt::format("    {:<14} {:<3} {:>10} {:>18} {:>10} {:>10} {:>7.2f}\n",
                     elf::segment_type_name(s.type, f.machine), elf::segment_flags_string(s.flags),
                     hex(s.offset), hex(s.vaddr), hex(s.filesz), hex(s.memsz), s.entropy);
  if (opt.sections) {
    o += fmt::format("  Sections ({}):\n", f.sections.size());
    for (std::size_t i = 0; i < f.sections.size(); ++i) {
      const auto& s = f.sections[i];
      o += fmt::format("    [{:>2}] {:<20} {:<14} {:>10} {:>10}\n", i, s.name.substr(0, 20),
                       elf::section_type_name(s.type, f.machine), hex(s.offset), hex(s.size));
    }
  }
  if (opt.symbols) {
    o += fmt::format("  Symbols ({}{}):\n", f.symbols.size(),
                     f.symbols_truncated ? ", truncated" : "");
    for (const auto& s : f.symbols)
      if (!s.name.empty())
        o += fmt::format("    {:>18} {}{}\n", hex(s.value), s.name, s.dynamic ? " (dyn)" : "");
  }
  if (f.anomalies.empty()) {
    o += "  Anomalies:   none\n";
  } else {
    o += fmt::format("  Anomalies ({}):\n", f.anomalies.size());
    for (const auto& a : f.anomalies) o += fmt::format("    {}: {}\n", a.id, a.detail);
  }
  return o;
}

std::string config_text(const nlohmann::json& c) {
  std::string o = fmt::format("  Config ({}):\n", c.value("decoder", "?"));
  if (c.contains("xor_key"))
    o += fmt::format("    XOR key      {}\n", c["xor_key"].get<std::string>());
  if (c.contains("c2"))
    for (const auto& e : c["c2"])
      o += fmt::format("    Endpoint     {}{}\n", e.value("host", ""),
                       e["port"].is_number() ? fmt::format(":{}", e["port"].get<int>()) : "");
  if (c.contains("credentials") && !c["credentials"].empty()) {
    std::string list;
    for (const auto& cr : c["credentials"])
      list += (list.empty() ? "" : ", ") + cr.value("user", "") + ":" + cr.value("password", "");
    o += fmt::format("    Credentials  {} pairs: {}\n", c["credentials"].size(), list);
  }
  if (c.contains("tags"))
    for (const auto& [k, v] : c["tags"].items())
      o += fmt::format("    [{}]{}\n", k, v.get<std::string>());
  return o;
}

}  // namespace iotguard::report
