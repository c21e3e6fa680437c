# SPDX-License-Identifier: GPL-2.0-or-later
"""The printable strings of each sample, as a set of 64-bit hashes.

Near-duplicates are found on these sets (grouping.py): two builds of one bot from one
source share almost all their strings whatever the compiler or CPU did to the code. A
UPX-packed sample shows only the stub's strings, so it is unpacked first with
`iotguard unpack` (into the bench's temporary folder; nothing is ever run) when that works.
Strings that benign ELF files also carry (libc's messages, import names, toolchain marks)
are dropped: two unrelated static tools share hundreds of libc strings and little else.
The hashes are Python's own (SipHash), stable only with PYTHONHASHSEED fixed (run.sh).
"""

import random
import os
import re
import struct
import subprocess

MIN_RUN = 8
_RUN = re.compile(rb"[\x20-\x7e]{%d,}" % MIN_RUN)


def loaded_ranges(data):
    """The file ranges of an ELF's PT_LOAD segments, or None when its header is unusable.

    Only what the loader maps counts: symbol tables, .comment and debug info (stabs, DWARF)
    name the toolchain and the libc headers, which unrelated programs of one era share.
    """
    if len(data) < 52 or data[:4] != b"\x7fELF" or data[4] not in (1, 2) or data[5] not in (1, 2):
        return None
    end = "<" if data[5] == 1 else ">"
    try:
        if data[4] == 1:
            phoff, = struct.unpack_from(end + "I", data, 28)
            phentsize, phnum = struct.unpack_from(end + "HH", data, 42)
            fmt, fields = end + "IIIIII", (0, 1, 4)  # p_type, p_offset, p_filesz
        else:
            phoff, = struct.unpack_from(end + "Q", data, 32)
            phentsize, phnum = struct.unpack_from(end + "HH", data, 54)
            fmt, fields = end + "IIQQQQ", (0, 2, 5)
        ranges = []
        for i in range(phnum):
            ph = struct.unpack_from(fmt, data, phoff + i * phentsize)
            p_type, off, size = (ph[j] for j in fields)
            if p_type == 1 and size and off < len(data):
                ranges.append((off, min(len(data), off + size)))
    except struct.error:
        return None
    return ranges or None


def strings_of(data):
    """The set of hashes of the ASCII runs of MIN_RUN bytes or more in data's loaded part."""
    ranges = loaded_ranges(data) or [(0, len(data))]
    out = set()
    for lo, hi in ranges:
        out.update(map(hash, _RUN.findall(data, lo, hi)))
    return out


def unpacked_bytes(iotguard, path, scratch):
    """The ELF restored from a UPX-packed file, or None when `iotguard unpack` cannot."""
    out = os.path.join(scratch, os.path.basename(path) + ".unpacked")
    try:
        done = subprocess.run(
            [iotguard, "unpack", path, "-o", out, "--force"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=60,
            check=False,
        )
        if done.returncode != 0 or not os.path.exists(out):
            return None
        with open(out, "rb") as f:
            return f.read()
    except subprocess.TimeoutExpired:
        return None
    finally:
        if os.path.exists(out):
            os.unlink(out)


def sample_string_sets(samples, samples_dir, iotguard, scratch):
    """{sha256: set of string hashes}; also {sha256: True} for the samples unpacked first."""
    sets, unpacked = {}, {}
    os.makedirs(scratch, exist_ok=True)
    for s in samples:
        path = os.path.join(samples_dir, s.sha256)
        data = None
        if s.upx:
            data = unpacked_bytes(iotguard, path, scratch)
            unpacked[s.sha256] = data is not None
        if data is None:
            with open(path, "rb") as f:
                data = f.read()
        sets[s.sha256] = strings_of(data)
    return sets, unpacked


BACKGROUND_MAX_FILE = 2 << 20  # as the corpus: no sample is larger
BACKGROUND_BUDGET = 400 << 20


def elf_files(roots):
    """Regular ELF files under roots (no symlinks), sorted by path."""
    out = []
    for top in roots:
        for root, dirs, files in os.walk(top):
            dirs.sort()
            for name in sorted(files):
                p = os.path.join(root, name)
                try:
                    if os.path.islink(p) or not os.path.isfile(p):
                        continue
                    with open(p, "rb") as f:
                        if f.read(4) == b"\x7fELF":
                            out.append(p)
                except OSError:
                    continue
    return out


def background_strings(roots, seed=1, budget=BACKGROUND_BUDGET):
    """The string hashes of benign ELF files: a seeded sample of those under roots (each at
    most BACKGROUND_MAX_FILE) up to budget bytes. Returns (hashes, files read, bytes read)."""
    files = elf_files(roots)
    random.Random(seed).shuffle(files)
    # The C libraries first: their messages are what unrelated static tools share.
    files.sort(key=lambda p: not re.match(r"(libc|ld|libuClibc|ld-uClibc|libpthread)[-.]", os.path.basename(p)))
    seen, used, nfiles = set(), 0, 0
    for p in files:
        size = os.path.getsize(p)
        if size > BACKGROUND_MAX_FILE:
            continue
        if used + size > budget:
            break
        with open(p, "rb") as f:
            seen |= strings_of(f.read())
        used, nfiles = used + size, nfiles + 1
    return seen, nfiles, used
