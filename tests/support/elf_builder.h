// SPDX-License-Identifier: GPL-2.0-or-later
// Builds small ELF images in memory for tests: any class, any byte order, with
// program headers, optional sections (plus .shstrtab) and payload bytes. The
// result is a plain byte vector tests can then corrupt field by field.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace iotguard::test {

struct PhdrSpec {
  std::uint32_t type = 1, flags = 5;
  std::uint64_t offset = 0, vaddr = 0, filesz = 0, memsz = 0, align = 0x1000;
};

struct ShdrSpec {
  std::string name;
  std::uint32_t type = 1;
  std::uint64_t flags = 0, addr = 0, offset = 0, size = 0;
  std::uint32_t link = 0, info = 0;
  std::uint64_t addralign = 1, entsize = 0;
};

class ElfBuilder {
 public:
  ElfBuilder(bool is64, bool big_endian, std::uint16_t machine)
      : is64_(is64), be_(big_endian), machine_(machine) {}

  ElfBuilder& type(std::uint16_t t) {
    type_ = t;
    return *this;
  }
  ElfBuilder& entry(std::uint64_t e) {
    entry_ = e;
    return *this;
  }
  ElfBuilder& flags(std::uint32_t f) {
    flags_ = f;
    return *this;
  }
  ElfBuilder& segment(const PhdrSpec& p) {
    phdrs_.push_back(p);
    return *this;
  }
  ElfBuilder& section(const ShdrSpec& s) {
    shdrs_.push_back(s);
    return *this;
  }
  // Bytes placed at a fixed file offset (the image grows to hold them).
  ElfBuilder& bytes_at(std::uint64_t off, const std::vector<std::uint8_t>& b) {
    blobs_.push_back({off, b});
    return *this;
  }
  ElfBuilder& with_section_headers(bool on) {
    want_sections_ = on;
    return *this;
  }

  std::size_t ehdr_size() const { return is64_ ? 64 : 52; }
  std::size_t phdr_size() const { return is64_ ? 56 : 32; }
  std::size_t shdr_size() const { return is64_ ? 64 : 40; }
  std::uint64_t phoff() const { return ehdr_size(); }

  std::vector<std::uint8_t> build() const {
    std::vector<std::uint8_t> out(ehdr_size() + phdrs_.size() * phdr_size(), 0);
    for (const auto& [off, b] : blobs_) place(out, off, b);
    // Section-name table and section headers go at the end of the file.
    std::uint64_t shoff = 0, shnum = 0, shstrndx = 0;
    if (want_sections_) {
      std::string names(1, '\0');
      std::vector<std::uint32_t> name_off;
      for (const auto& s : shdrs_) {
        name_off.push_back(static_cast<std::uint32_t>(names.size()));
        names += s.name + '\0';
      }
      const auto shstr_name = static_cast<std::uint32_t>(names.size());
      names += ".shstrtab";
      names += '\0';
      const std::uint64_t names_off = out.size();
      place(out, names_off, std::vector<std::uint8_t>(names.begin(), names.end()));
      shoff = (out.size() + 7) & ~std::uint64_t{7};
      shnum = shdrs_.size() + 2;
      shstrndx = shnum - 1;
      out.resize(shoff + shnum * shdr_size(), 0);
      for (std::size_t i = 0; i < shdrs_.size(); ++i)
        write_shdr(out, shoff + (i + 1) * shdr_size(), shdrs_[i], name_off[i]);
      ShdrSpec st{".shstrtab", 3, 0, 0, names_off, names.size(), 0, 0, 1, 0};
      write_shdr(out, shoff + (shnum - 1) * shdr_size(), st, shstr_name);
    }
    // ELF header.
    const std::uint8_t ident[16] = {0x7f,
                                    'E',
                                    'L',
                                    'F',
                                    static_cast<std::uint8_t>(is64_ ? 2 : 1),
                                    static_cast<std::uint8_t>(be_ ? 2 : 1),
                                    1,
                                    0};
    std::memcpy(out.data(), ident, 16);
    put(out, 16, 2, type_);
    put(out, 18, 2, machine_);
    put(out, 20, 4, 1);
    if (is64_) {
      put(out, 24, 8, entry_);
      put(out, 32, 8, phoff());
      put(out, 40, 8, shoff);
      put(out, 48, 4, flags_);
      put(out, 52, 2, 64);
      put(out, 54, 2, 56);
      put(out, 56, 2, phdrs_.size());
      put(out, 58, 2, 64);
      put(out, 60, 2, shnum);
      put(out, 62, 2, shstrndx);
    } else {
      put(out, 24, 4, entry_);
      put(out, 28, 4, phoff());
      put(out, 32, 4, shoff);
      put(out, 36, 4, flags_);
      put(out, 40, 2, 52);
      put(out, 42, 2, 32);
      put(out, 44, 2, phdrs_.size());
      put(out, 46, 2, 40);
      put(out, 48, 2, shnum);
      put(out, 50, 2, shstrndx);
    }
    for (std::size_t i = 0; i < phdrs_.size(); ++i)
      write_phdr(out, phoff() + i * phdr_size(), phdrs_[i]);
    return out;
  }

  // Writes an integer of n bytes in this image's byte order (for corrupting fields).
  void put(std::vector<std::uint8_t>& out, std::uint64_t off, int n, std::uint64_t v) const {
    if (out.size() < off + n) out.resize(off + n, 0);
    for (int i = 0; i < n; ++i) {
      const int shift = 8 * (be_ ? n - 1 - i : i);
      out[off + i] = static_cast<std::uint8_t>(v >> shift);
    }
  }

 private:
  static void place(std::vector<std::uint8_t>& out, std::uint64_t off,
                    const std::vector<std::uint8_t>& b) {
    if (out.size() < off + b.size()) out.resize(off + b.size(), 0);
    std::memcpy(out.data() + off, b.data(), b.size());
  }

  void write_phdr(std::vector<std::uint8_t>& o, std::uint64_t at, const PhdrSpec& p) const {
    if (is64_) {
      put(o, at, 4, p.type);
      put(o, at + 4, 4, p.flags);
      put(o, at + 8, 8, p.offset);
      put(o, at + 16, 8, p.vaddr);
      put(o, at + 24, 8, p.vaddr);
      put(o, at + 32, 8, p.filesz);
      put(o, at + 40, 8, p.memsz);
      put(o, at + 48, 8, p.align);
    } else {
      put(o, at, 4, p.type);
      put(o, at + 4, 4, p.offset);
      put(o, at + 8, 4, p.vaddr);
      put(o, at + 12, 4, p.vaddr);
      put(o, at + 16, 4, p.filesz);
      put(o, at + 20, 4, p.memsz);
      put(o, at + 24, 4, p.flags);
      put(o, at + 28, 4, p.align);
    }
  }

  void write_shdr(std::vector<std::uint8_t>& o, std::uint64_t at, const ShdrSpec& s,
                  std::uint32_t name) const {
    if (is64_) {
      put(o, at, 4, name);
      put(o, at + 4, 4, s.type);
      put(o, at + 8, 8, s.flags);
      put(o, at + 16, 8, s.addr);
      put(o, at + 24, 8, s.offset);
      put(o, at + 32, 8, s.size);
      put(o, at + 40, 4, s.link);
      put(o, at + 44, 4, s.info);
      put(o, at + 48, 8, s.addralign);
      put(o, at + 56, 8, s.entsize);
    } else {
      put(o, at, 4, name);
      put(o, at + 4, 4, s.type);
      put(o, at + 8, 4, s.flags);
      put(o, at + 12, 4, s.addr);
      put(o, at + 16, 4, s.offset);
      put(o, at + 20, 4, s.size);
      put(o, at + 24, 4, s.link);
      put(o, at + 28, 4, s.info);
      put(o, at + 32, 4, s.addralign);
      put(o, at + 36, 4, s.entsize);
    }
  }

  bool is64_, be_;
  std::uint16_t machine_;
  std::uint16_t type_ = 2;
  std::uint64_t entry_ = 0;
  std::uint32_t flags_ = 0;
  bool want_sections_ = true;
  std::vector<PhdrSpec> phdrs_;
  std::vector<ShdrSpec> shdrs_;
  std::vector<std::pair<std::uint64_t, std::vector<std::uint8_t>>> blobs_;
};

}  // namespace iotguard::test
