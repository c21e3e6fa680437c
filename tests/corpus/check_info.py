#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Compares `iotguard info --format json` with binutils' `readelf -h -l -S -W`
for every file of the cross-architecture corpus (tests/corpus/build.sh).

  check_info.py CORPUS_DIR [--iotguard BIN] [--readelf readelf] [--require-all]

Checked per file: machine (value and readelf's description), class, byte order,
type, entry, the header counts and offsets, every program header (type value,
offset, vaddr, paddr, filesz, memsz, flags, align), every section (name,
offset, size), and against how build.sh made the file: static or dynamic (with
the interpreter readelf reports), stripped or not. Independently of readelf,
each architecture's expected e_machine, class and byte order are fixed below.
Exit status 0 when all agree, 1 with one line per disagreement otherwise.
"""
import argparse
import json
import os
import re
import subprocess
import sys

# arch -> (e_machine, class, endianness): what each Debian cross compiler must produce.
EXPECTED = {
    "amd64": (62, "ELF64", "little"),
    "i386": (3, "ELF32", "little"),
    "armel": (40, "ELF32", "little"),
    "armhf": (40, "ELF32", "little"),
    "arm64": (183, "ELF64", "little"),
    "mips": (8, "ELF32", "big"),
    "mipsel": (8, "ELF32", "little"),
    "mips64el": (8, "ELF64", "little"),
    "powerpc": (20, "ELF32", "big"),
    "ppc64el": (21, "ELF64", "little"),
    "s390x": (22, "ELF64", "big"),
    "sh4": (42, "ELF32", "little"),
    "m68k": (4, "ELF32", "big"),
    "sparc64": (43, "ELF64", "big"),
    "riscv64": (243, "ELF64", "little"),
}

# readelf's program header type names (binutils 2.40 get_segment_type) -> p_type.
PT_COMMON = {
    "NULL": 0, "LOAD": 1, "DYNAMIC": 2, "INTERP": 3, "NOTE": 4, "SHLIB": 5, "PHDR": 6, "TLS": 7,
    "GNU_EH_FRAME": 0x6474E550, "GNU_STACK": 0x6474E551, "GNU_RELRO": 0x6474E552,
    "GNU_PROPERTY": 0x6474E553, "GNU_SFRAME": 0x6474E554,
}
PT_BY_MACHINE = {
    40: {"EXIDX": 0x70000001},
    183: {"AARCH64_MEMTAG_MTE": 0x70000002},
    8: {"REGINFO": 0x70000000, "RTPROC": 0x70000001, "OPTIONS": 0x70000002, "ABIFLAGS": 0x70000003},
    243: {"RISCV_ATTRIBUT": 0x70000003, "RISCV_ATTRIBUTE": 0x70000003,
          "RISCV_ATTRIBUTES": 0x70000003},
}

PHDR_RE = re.compile(
    r"^\s+(\S+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)"
    r" (.{3}) 0x([0-9a-f]+)$")
SHDR_RE = re.compile(
    r"^\s+\[\s*(\d+)\]\s+(.*?)\s+(\S+)\s+([0-9a-f]{8,16})\s+([0-9a-f]{6,16})\s+([0-9a-f]{6,16})\s")
INTERP_RE = re.compile(r"\[Requesting program interpreter: (.*)\]")


def segment_type_value(name, machine):
    if name in PT_COMMON:
        return PT_COMMON[name]
    if name in PT_BY_MACHINE.get(machine, {}):
        return PT_BY_MACHINE[machine][name]
    for prefix, base in (("LOPROC+", 0x70000000), ("LOOS+", 0x60000000)):
        if name.startswith(prefix):
            return base + int(name[len(prefix):], 16)
    return None


def parse_readelf(text):
    """The parts of `readelf -h -l -S -W` output the comparison needs."""
    r = {"header": {}, "segments": [], "sections": [], "interpreter": None}
    part = None
    for line in text.splitlines():
        if line.startswith("ELF Header:"):
            part = "h"
        elif line.startswith("Section Headers:"):
            part = "s"
        elif line.startswith("Program Headers:"):
            part = "p"
        elif line.startswith(" Section to Segment mapping") or line.startswith("Key to Flags"):
            part = None
        elif part == "h" and ":" in line:
            key, _, val = line.partition(":")
            r["header"][key.strip()] = val.strip()
        elif part == "p":
            m = INTERP_RE.search(line)
            if m:
                r["interpreter"] = m.group(1)
                continue
            m = PHDR_RE.match(line)
            if m and m.group(1) != "Type":
                flags = m.group(7)
                r["segments"].append({
                    "type_name": m.group(1), "offset": int(m.group(2), 16),
                    "vaddr": int(m.group(3), 16), "paddr": int(m.group(4), 16),
                    "filesz": int(m.group(5), 16), "memsz": int(m.group(6), 16),
                    "flags": flags.replace(" ", "-").replace("E", "X"),
                    "align": int(m.group(8), 16)})
        elif part == "s":
            m = SHDR_RE.match(line)
            if m:
                r["sections"].append({"index": int(m.group(1)), "name": m.group(2),
                                      "type_name": m.group(3), "addr": int(m.group(4), 16),
                                      "offset": int(m.group(5), 16),
                                      "size": int(m.group(6), 16)})
    return r


def header_int(h, key):
    """readelf prints numbers as '0x5d0', '4168 (bytes into file)' or '33'."""
    word = h[key].split()[0]
    return int(word, 16) if word.startswith("0x") else int(word)


def compare(path, arch, info, ref, errors):
    def bad(what, ours, theirs):
        errors.append(f"{path}: {what}: iotguard says {ours!r}, readelf says {theirs!r}")

    h = ref["header"]
    want_machine, want_class, want_endian = EXPECTED[arch]
    if info["machine_value"] != want_machine:
        bad("machine_value (expected for " + arch + f" is {want_machine})",
            info["machine_value"], h.get("Machine"))
    if info["machine_description"] != h["Machine"]:
        bad("machine", info["machine_description"], h["Machine"])
    if info["class"] != h["Class"] or info["class"] != want_class:
        bad(f"class (expected {want_class})", info["class"], h["Class"])
    endian = h["Data"].split(",")[-1].strip().split()[0]  # "2's complement, little endian"
    if info["endianness"] != endian or endian != want_endian:
        bad(f"endianness (expected {want_endian})", info["endianness"], endian)
    if info["elf_type"] != h["Type"].split()[0]:
        bad("type", info["elf_type"], h["Type"])
    if info["entry"] != header_int(h, "Entry point address"):
        bad("entry", hex(info["entry"]), h["Entry point address"])
    hdr = info["header"]
    for ours, theirs in (("phoff", "Start of program headers"),
                         ("shoff", "Start of section headers"),
                         ("phnum", "Number of program headers"),
                         ("shnum", "Number of section headers"),
                         ("shstrndx", "Section header string table index")):
        if hdr[ours] != header_int(h, theirs):
            bad("header." + ours, hdr[ours], h[theirs])

    segs = info["segments"]
    if len(segs) != len(ref["segments"]):
        bad("number of segments", len(segs), len(ref["segments"]))
    for i, (s, r) in enumerate(zip(segs, ref["segments"])):
        want = segment_type_value(r["type_name"], info["machine_value"])
        if want is None:
            errors.append(f"{path}: segment {i}: readelf type {r['type_name']!r} is not in "
                          "check_info.py's table; add it")
        elif s["type_value"] != want:
            bad(f"segment {i} type", f"{s['type']} (0x{s['type_value']:x})", r["type_name"])
        for k in ("offset", "vaddr", "paddr", "filesz", "memsz", "align", "flags"):
            if s[k] != r[k]:
                bad(f"segment {i} ({r['type_name']}) {k}", s[k], r[k])

    secs = info["sections"]
    if len(secs) != len(ref["sections"]):
        bad("number of sections", len(secs), len(ref["sections"]))
    for s, r in zip(secs, ref["sections"]):
        for k in ("name", "addr", "offset", "size"):
            if s[k] != r[k]:
                bad(f"section {r['index']} ({r['name']}) {k}", s[k], r[k])

    # How build.sh made it: <name>.<static|dynamic>[.stripped]
    parts = os.path.basename(path).split(".")
    stripped = parts[-1] == "stripped"
    link = parts[-2] if stripped else parts[-1]
    has_symtab = any(r["type_name"] == "SYMTAB" for r in ref["sections"])
    if has_symtab == stripped:
        errors.append(f"{path}: built {'stripped' if stripped else 'unstripped'} but readelf "
                      f"{'finds' if has_symtab else 'finds no'} .symtab (corpus build problem)")
    if info["stripped"] != stripped:
        bad("stripped (from the build)", info["stripped"], stripped)
    if info["interpreter"] != ref["interpreter"]:
        bad("interpreter", info["interpreter"], ref["interpreter"])
    if link == "static":
        if not info["static"] or info["interpreter"] is not None:
            bad("static build: static/interpreter", (info["static"], info["interpreter"]),
                (True, None))
    else:
        if info["static"] or info["linking"] != "dynamic" or not info["interpreter"]:
            bad("dynamic build: static/linking/interpreter",
                (info["static"], info["linking"], info["interpreter"]),
                (False, "dynamic", ref["interpreter"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--iotguard", default=os.environ.get("IOTGUARD_BIN", "iotguard"))
    ap.add_argument("--readelf", default="readelf")
    ap.add_argument("--require-all", action="store_true",
                    help="fail when an architecture of the list has no files")
    a = ap.parse_args()

    files = []
    errors = []
    for arch in sorted(EXPECTED):
        d = os.path.join(a.corpus, arch)
        names = sorted(n for n in os.listdir(d)) if os.path.isdir(d) else []
        names = [n for n in names if re.search(r"\.(static|dynamic)(\.stripped)?$", n)]
        if not names:
            msg = f"{arch}: no corpus files in {d} (cross compiler missing?)"
            if a.require_all:
                errors.append(msg)
            else:
                print("note: " + msg)
        files += [(arch, os.path.join(d, n)) for n in names]
    if not files:
        print("no corpus files at all", file=sys.stderr)
        return 1

    out = subprocess.run([a.iotguard, "--format", "json", "info"] + [p for _, p in files],
                         capture_output=True, text=True, check=False)
    records = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    infos = {r["path"]: r for r in records if r.get("type") == "info"}
    for r in records:
        if r.get("type") == "error":
            errors.append(f"{r['path']}: iotguard info failed: {r['message']}")
    if out.returncode != 0 and not errors:
        errors.append(f"iotguard info exited {out.returncode}: {out.stderr.strip()}")
    summary = [r for r in records if r.get("type") == "summary"]
    if len(summary) != 1 or summary[0].get("files") != len(files):
        errors.append(f"expected one summary record counting {len(files)} files, got {summary}")

    for arch, path in files:
        ref = subprocess.run([a.readelf, "-h", "-l", "-S", "-W", path], capture_output=True,
                             text=True, check=True).stdout
        if path not in infos:
            errors.append(f"{path}: no info record")
            continue
        compare(path, arch, infos[path], parse_readelf(ref), errors)

    for e in errors:
        print(e)
    print(f"{len(files)} files, {len({x for x, _ in files})} architectures, "
          f"{len(errors)} disagreement(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
