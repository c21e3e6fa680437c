// SPDX-License-Identifier: GPL-2.0-or-later
#include "elf/machine.h"

#include <fmt/format.h>

#include <array>

#include "elf/constants.h"

namespace iotguard::elf {
namespace {

struct MachineEntry {
  std::uint16_t value;
  const char* name;
  const char* description;
};

// Descriptions follow binutils' readelf so the two can be compared line by line.
constexpr std::array kMachines = {
    MachineEntry{EM_NONE, "NONE", "None"},
    MachineEntry{EM_SPARC, "SPARC", "Sparc"},
    MachineEntry{EM_386, "386", "Intel 80386"},
    MachineEntry{EM_68K, "68K", "MC68000"},
    MachineEntry{EM_MIPS, "MIPS", "MIPS R3000"},
    MachineEntry{EM_MIPS_RS3_LE, "MIPS_RS3_LE", "MIPS R4000 big-endian"},
    MachineEntry{EM_PARISC, "PARISC", "HPPA"},
    MachineEntry{EM_SPARC32PLUS, "SPARC32PLUS", "Sparc v8+"},
    MachineEntry{EM_PPC, "PPC", "PowerPC"},
    MachineEntry{EM_PPC64, "PPC64", "PowerPC64"},
    MachineEntry{EM_S390, "S390", "IBM S/390"},
    MachineEntry{EM_ARM, "ARM", "ARM"},
    MachineEntry{EM_SH, "SH", "Renesas / SuperH SH"},
    MachineEntry{EM_SPARCV9, "SPARCV9", "Sparc v9"},
    MachineEntry{EM_ARC, "ARC", "ARC"},
    MachineEntry{EM_IA_64, "IA_64", "Intel IA-64"},
    MachineEntry{EM_X86_64, "X86_64", "Advanced Micro Devices X86-64"},
    MachineEntry{EM_OPENRISC, "OPENRISC", "OpenRISC 1200"},
    MachineEntry{EM_ARC_COMPACT, "ARC_COMPACT", "ARCompact"},
    MachineEntry{EM_XTENSA, "XTENSA", "Tensilica Xtensa Processor"},
    MachineEntry{EM_BLACKFIN, "BLACKFIN", "Analog Devices Blackfin"},
    MachineEntry{EM_NIOS2, "NIOS2", "Altera Nios II"},
    MachineEntry{EM_AARCH64, "AARCH64", "AArch64"},
    MachineEntry{EM_MICROBLAZE, "MICROBLAZE", "Xilinx MicroBlaze"},
    MachineEntry{EM_ARC_COMPACT2, "ARC_COMPACT2", "ARCv2"},
    MachineEntry{EM_RISCV, "RISCV", "RISC-V"},
    MachineEntry{EM_BPF, "BPF", "Linux BPF"},
    MachineEntry{EM_CSKY, "CSKY", "C-SKY"},
    MachineEntry{EM_LOONGARCH, "LOONGARCH", "LoongArch"},
    MachineEntry{EM_MICROBLAZE_OLD, "MICROBLAZE_OLD", "Xilinx MicroBlaze"},
};

std::string arm_abi(std::uint32_t flags) {
  std::string out;
  const std::uint32_t eabi = flags >> 24;  // EF_ARM_EABIMASK
  out = eabi == 0 ? "GNU-OABI" : fmt::format("EABI{}", eabi);
  if (flags & 0x400)
    out += " hard-float";  // EF_ARM_ABI_FLOAT_HARD
  else if (flags & 0x200)
    out += " soft-float";                 // EF_ARM_ABI_FLOAT_SOFT
  if (flags & 0x00800000) out += " BE8";  // EF_ARM_BE8
  return out;
}

std::string mips_abi(bool is64, std::uint32_t flags) {
  static constexpr std::array<const char*, 11> kArch = {
      "mips1",  "mips2",    "mips3",    "mips4",    "mips5",   "mips32",
      "mips64", "mips32r2", "mips64r2", "mips32r6", "mips64r6"};
  std::string abi;
  if (is64) {
    abi = "n64";
  } else if (flags & 0x20) {  // EF_MIPS_ABI2
    abi = "n32";
  } else {
    switch (flags & 0xf000) {  // EF_MIPS_ABI
      case 0x2000:
        abi = "o64";
        break;
      case 0x3000:
        abi = "eabi32";
        break;
      case 0x4000:
        abi = "eabi64";
        break;
      default:
        abi = "o32";
        break;
    }
  }
  const std::uint32_t arch = flags >> 28;
  abi += ' ';
  abi += arch < kArch.size() ? kArch[arch] : fmt::format("arch{}", arch);
  if (flags & 0x400) abi += " nan2008";  // EF_MIPS_NAN2008
  if (flags & 0x200) abi += " fp64";     // EF_MIPS_FP64
  return abi;
}

std::string riscv_abi(bool is64, std::uint32_t flags) {
  static constexpr std::array<const char*, 4> kFloat = {"", "f", "d", "q"};
  std::string abi = is64 ? "lp64" : "ilp32";
  if (flags & 0x8) abi += "e";  // EF_RISCV_RVE
  abi += kFloat[(flags >> 1) & 3];
  if (flags & 0x1) abi += " rvc";
  return abi;
}

}  // namespace

MachineName machine_name(std::uint16_t machine) {
  for (const auto& m : kMachines)
    if (m.value == machine) return {m.name, m.description, true};
  return {fmt::format("EM_{}", machine), fmt::format("unknown (0x{:x})", machine), false};
}

std::string abi_description(const ElfFile& f) {
  switch (f.machine) {
    case EM_ARM:
      return arm_abi(f.flags);
    case EM_MIPS:
    case EM_MIPS_RS3_LE:
      return mips_abi(f.is64, f.flags);
    case EM_PPC64:
      switch (f.flags & 3) {
        case 1:
          return "ELFv1";
        case 2:
          return "ELFv2";
        default:
          return f.endian == Endian::big ? "ELFv1" : "ELFv2";
      }
    case EM_RISCV:
      return riscv_abi(f.is64, f.flags);
    case EM_SPARC32PLUS:
    case EM_SPARCV9:
      return f.is64 ? "v9 64-bit" : "v8+";
    case EM_386:
      return "i386 SysV";
    case EM_X86_64:
      return f.is64 ? "x86-64 SysV" : "x32";
    case EM_AARCH64:
      return f.is64 ? "LP64" : "ILP32";
    default:
      return {};
  }
}

std::string osabi_name(std::uint8_t osabi) {
  switch (osabi) {
    case 0:
      return "SYSV";
    case 1:
      return "HPUX";
    case 2:
      return "NETBSD";
    case 3:
      return "LINUX";
    case 6:
      return "SOLARIS";
    case 9:
      return "FREEBSD";
    case 12:
      return "OPENBSD";
    case 64:
      return "ARM_AEABI";
    case 97:
      return "ARM";
    case 255:
      return "STANDALONE";
    default:
      return fmt::format("OSABI_{}", osabi);
  }
}

std::string type_name(std::uint16_t type) {
  switch (type) {
    case ET_NONE:
      return "NONE";
    case ET_REL:
      return "REL";
    case ET_EXEC:
      return "EXEC";
    case ET_DYN:
      return "DYN";
    case ET_CORE:
      return "CORE";
    default:
      return fmt::format("0x{:x}", type);
  }
}

std::string segment_type_name(std::uint32_t type, std::uint16_t machine) {
  switch (type) {
    case PT_NULL:
      return "NULL";
    case PT_LOAD:
      return "LOAD";
    case PT_DYNAMIC:
      return "DYNAMIC";
    case PT_INTERP:
      return "INTERP";
    case PT_NOTE:
      return "NOTE";
    case PT_SHLIB:
      return "SHLIB";
    case PT_PHDR:
      return "PHDR";
    case PT_TLS:
      return "TLS";
    case PT_GNU_EH_FRAME:
      return "GNU_EH_FRAME";
    case PT_GNU_STACK:
      return "GNU_STACK";
    case PT_GNU_RELRO:
      return "GNU_RELRO";
    case PT_GNU_PROPERTY:
      return "GNU_PROPERTY";
    default:
      break;
  }
  if (machine == EM_ARM && type == 0x70000001) return "ARM_EXIDX";
  if (machine == EM_AARCH64 && type == 0x70000002) return "AARCH64_MEMTAG_MTE";
  if (machine == EM_MIPS || machine == EM_MIPS_RS3_LE) {
    switch (type) {
      case 0x70000000:
        return "MIPS_REGINFO";
      case 0x70000001:
        return "MIPS_RTPROC";
      case 0x70000002:
        return "MIPS_OPTIONS";
      case 0x70000003:
        return "MIPS_ABIFLAGS";
      default:
        break;
    }
  }
  if (machine == EM_RISCV && type == 0x70000003) return "RISCV_ATTRIBUTES";
  return fmt::format("0x{:x}", type);
}

std::string section_type_name(std::uint32_t type, std::uint16_t machine) {
  static constexpr std::array<const char*, 20> kStd = {
      "NULL",       "PROGBITS",   "SYMTAB",        "STRTAB", "RELA",         "HASH", "DYNAMIC",
      "NOTE",       "NOBITS",     "REL",           "SHLIB",  "DYNSYM",       "0xc",  "0xd",
      "INIT_ARRAY", "FINI_ARRAY", "PREINIT_ARRAY", "GROUP",  "SYMTAB_SHNDX", "RELR"};
  if (type < kStd.size() && type != 12 && type != 13) return kStd[type];
  switch (type) {
    case 0x6ffffff5:
      return "GNU_ATTRIBUTES";
    case 0x6ffffff6:
      return "GNU_HASH";
    case 0x6ffffff7:
      return "GNU_LIBLIST";
    case 0x6ffffffd:
      return "VERDEF";
    case 0x6ffffffe:
      return "VERNEED";
    case 0x6fffffff:
      return "VERSYM";
    default:
      break;
  }
  if (machine == EM_ARM && type == 0x70000001) return "ARM_EXIDX";
  if (machine == EM_ARM && type == 0x70000003) return "ARM_ATTRIBUTES";
  if ((machine == EM_MIPS || machine == EM_MIPS_RS3_LE) && type == 0x70000006)
    return "MIPS_REGINFO";
  if ((machine == EM_MIPS || machine == EM_MIPS_RS3_LE) && type == 0x7000002a)
    return "MIPS_ABIFLAGS";
  return fmt::format("0x{:x}", type);
}

std::string segment_flags_string(std::uint32_t flags) {
  std::string s = "---";
  if (flags & PF_R) s[0] = 'R';
  if (flags & PF_W) s[1] = 'W';
  if (flags & PF_X) s[2] = 'X';
  return s;
}

}  // namespace iotguard::elf
