// SPDX-License-Identifier: GPL-2.0-or-later
// The ELF constants the reader uses, from the System V gABI and the processor
// supplements. Kept here rather than taken from <elf.h> so the reader builds the
// same everywhere and newer e_machine values are not missing.
#pragma once

#include <cstdint>

namespace iotguard::elf {

inline constexpr std::uint8_t kMagic[4] = {0x7f, 'E', 'L', 'F'};
inline constexpr std::uint8_t ELFCLASS32 = 1, ELFCLASS64 = 2;
inline constexpr std::uint8_t ELFDATA2LSB = 1, ELFDATA2MSB = 2;

inline constexpr std::uint16_t ET_NONE = 0, ET_REL = 1, ET_EXEC = 2, ET_DYN = 3, ET_CORE = 4;

inline constexpr std::uint32_t PT_NULL = 0, PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_NOTE = 4,
                               PT_SHLIB = 5, PT_PHDR = 6, PT_TLS = 7;
inline constexpr std::uint32_t PT_GNU_EH_FRAME = 0x6474e550, PT_GNU_STACK = 0x6474e551,
                               PT_GNU_RELRO = 0x6474e552, PT_GNU_PROPERTY = 0x6474e553;
inline constexpr std::uint32_t PF_X = 1, PF_W = 2, PF_R = 4;
inline constexpr std::uint64_t SHF_WRITE = 1, SHF_ALLOC = 2, SHF_EXECINSTR = 4;

inline constexpr std::uint32_t SHT_NULL = 0, SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3,
                               SHT_RELA = 4, SHT_HASH = 5, SHT_DYNAMIC = 6, SHT_NOTE = 7,
                               SHT_NOBITS = 8, SHT_REL = 9, SHT_SHLIB = 10, SHT_DYNSYM = 11;
inline constexpr std::uint16_t SHN_UNDEF = 0, SHN_LORESERVE = 0xff00, SHN_XINDEX = 0xffff;
inline constexpr std::uint16_t PN_XNUM = 0xffff;

inline constexpr std::int64_t DT_NULL = 0, DT_NEEDED = 1, DT_STRTAB = 5, DT_STRSZ = 10,
                              DT_SONAME = 14, DT_FLAGS_1 = 0x6ffffffb;
inline constexpr std::uint64_t DF_1_PIE = 0x08000000;

inline constexpr std::uint32_t NT_GNU_ABI_TAG = 1, NT_GNU_BUILD_ID = 3;

// e_machine values (gABI registry; the ones IoT firmware uses plus common hosts).
inline constexpr std::uint16_t EM_NONE = 0, EM_SPARC = 2, EM_386 = 3, EM_68K = 4, EM_MIPS = 8,
                               EM_MIPS_RS3_LE = 10, EM_PARISC = 15, EM_SPARC32PLUS = 18,
                               EM_PPC = 20, EM_PPC64 = 21, EM_S390 = 22, EM_ARM = 40, EM_SH = 42,
                               EM_SPARCV9 = 43, EM_ARC = 45, EM_IA_64 = 50, EM_X86_64 = 62,
                               EM_OPENRISC = 92, EM_ARC_COMPACT = 93, EM_XTENSA = 94,
                               EM_BLACKFIN = 106, EM_NIOS2 = 113, EM_AARCH64 = 183,
                               EM_MICROBLAZE = 189, EM_ARC_COMPACT2 = 195, EM_RISCV = 243,
                               EM_BPF = 247, EM_CSKY = 252, EM_LOONGARCH = 258,
                               EM_MICROBLAZE_OLD = 0xbaab;

}  // namespace iotguard::elf
