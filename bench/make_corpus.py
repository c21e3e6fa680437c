#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Builds the benchmark corpora under bench/work (never committed).

  make_corpus.py elf OUT BUDGET_MB MAX_FILE_MB CROSS_DIR
      OUT/sys/...  the machine's ELF files (from /usr /bin /sbin /lib*, one per inode, none
                   larger than MAX_FILE_MB), hard-linked (copied across filesystems), taken in
                   a fixed pseudo-random order until BUDGET_MB (0: all of them)
      OUT/cross/   the cross-compiled files of CROSS_DIR (copied)
  make_corpus.py firmware OUT ELF_CORPUS CROSS_DIR PLANT_DIR
      OUT/rootfs0..5: a firmware-like tree: every rootfs holds the same x86 libraries and
                   the cross-compiled toybox of one of three architectures (so most ELF
                   files are duplicates), plus web assets, images, compressed blobs and
                   configs that no ELF rule targets; some shared, some unique per rootfs.

Every file in a corpus is its own inode: iotguard lists an inode once while yara scans
every name, and the match sets must be comparable.
"""

import hashlib
import os
import random
import shutil
import stat
import sys
import zlib

ROOTS = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]


def find_elves(max_bytes):
    seen, out = set(), []
    for root in ROOTS:
        if not os.path.isdir(root) or os.path.islink(root):
            continue  # merged /usr: /bin -> usr/bin
        for dp, dns, fns in os.walk(root):
            dns.sort()
            for fn in sorted(fns):
                p = os.path.join(dp, fn)
                try:
                    st = os.lstat(p)
                except OSError:
                    continue
                if not stat.S_ISREG(st.st_mode) or st.st_size < 64 or st.st_size > max_bytes:
                    continue
                key = (st.st_dev, st.st_ino)
                if key in seen:
                    continue
                seen.add(key)
                try:
                    with open(p, "rb") as f:
                        if f.read(4) != b"\x7fELF":
                            continue
                except OSError:
                    continue
                out.append((p, st.st_size))
    return out


def link_or_copy(src, dst):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def cmd_elf(out, budget_mb, max_file_mb, cross):
    if os.path.exists(out):
        shutil.rmtree(out)
    elves = find_elves(max_file_mb << 20)
    # A fixed order independent of directory layout, so a budget takes a spread of
    # executables, libraries and plugins rather than the first directories.
    elves.sort(key=lambda e: hashlib.sha1(e[0].encode()).hexdigest())
    budget = budget_mb << 20
    taken = total = 0
    for p, size in elves:
        if budget and total + size > budget:
            continue
        link_or_copy(p, os.path.join(out, "sys", p.lstrip("/")))
        taken += 1
        total += size
    n_cross = 0
    os.makedirs(os.path.join(out, "cross"), exist_ok=True)
    for fn in sorted(os.listdir(cross)):
        shutil.copyfile(os.path.join(cross, fn), os.path.join(out, "cross", fn))
        n_cross += 1
        total += os.path.getsize(os.path.join(cross, fn))
    print("elf corpus: %d system ELF files of %d found (<= %d MB each), %d cross-compiled, "
          "%.1f MB" % (taken, len(elves), max_file_mb, n_cross, total / 1e6))


WORDS = ("device admin login password config network wireless firmware upgrade status "
         "reboot factory reset camera stream channel port forward dhcp lease dns gateway "
         "subnet mask ntp server time zone language save apply cancel refresh").split()


def text_blob(rng, n):
    out, size = [], 0
    while size < n:
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14)))
        out.append(line)
        size += len(line) + 1
    return ("\n".join(out)).encode()[:n]


def html(rng, n):
    parts, size = [], 0
    while size < n:
        w = rng.choice(WORDS)
        s = ('<div class="%s"><label for="%s">%s</label><input id="%s" name="%s" '
             'value="%d"/></div>\n' % (w, w, w.title(), w, w, rng.randint(0, 65535)))
        parts.append(s)
        size += len(s)
    return "".join(parts).encode()[:n]


def png(rng, n):
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(max(0, n - 16))


def jpeg(rng, n):
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + rng.randbytes(max(0, n - 11))


def compressed(rng, n):
    # Compressed text: high-entropy like the squashfs/gzip payloads of real images.
    return zlib.compress(text_blob(rng, n * 3), 6)[:n]


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def data_files(rng, base, count, scale):
    """count assorted data files, about scale bytes on average, under base."""
    makers = [("www/%d.html", html), ("www/img/%d.png", png), ("www/img/%d.jpg", jpeg),
              ("usr/share/blob/%d.gz", compressed), ("etc/conf/%d.conf", text_blob),
              ("www/js/%d.js", text_blob)]
    for i in range(count):
        pattern, make = makers[i % len(makers)]
        write(os.path.join(base, pattern % i), make(rng, rng.randint(scale // 4, scale * 2)))


def cmd_firmware(out, elf_corpus, cross, plant):
    if os.path.exists(out):
        shutil.rmtree(out)
    # The same set of x86-64 libraries in every rootfs (the duplicates of a firmware
    # tree, or of several unpacked images): up to 48 MB of the ELF corpus' libraries.
    libs, size = [], 0
    sysdir = os.path.join(elf_corpus, "sys")
    for dp, dns, fns in os.walk(sysdir):
        dns.sort()
        for fn in sorted(fns):
            p = os.path.join(dp, fn)
            s = os.path.getsize(p)
            if ".so" in fn and s < (4 << 20) and size + s <= (48 << 20):
                libs.append(p)
                size += s
    toyboxes = sorted(f for f in os.listdir(cross) if f.startswith("toybox."))
    samples = sorted(f for f in os.listdir(cross) if f.startswith("sample"))
    shared_rng = random.Random(7)
    shared = {}
    for r in range(6):
        root = os.path.join(out, "rootfs%d" % r)
        for p in libs:
            dst = os.path.join(root, "lib", os.path.basename(p))
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(p, dst)  # a copy, not a link: its own inode
        tb = toyboxes[r % 3] if toyboxes else None
        if tb:
            for applet in ("busybox", "telnetd", "httpd", "udhcpc"):
                dst = os.path.join(root, "bin", applet)
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                shutil.copyfile(os.path.join(cross, tb), dst)
        # Data shared by all six (same web UI in each image) and data unique to each.
        if not shared:
            tmp = os.path.join(out, ".shared")
            data_files(shared_rng, tmp, 120, 256 << 10)
            for dp, _, fns in os.walk(tmp):
                for fn in fns:
                    p = os.path.join(dp, fn)
                    shared[os.path.relpath(p, tmp)] = p
        for rel, p in sorted(shared.items()):
            dst = os.path.join(root, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(p, dst)
        data_files(random.Random(100 + r), os.path.join(root, "data"), 60, 512 << 10)
    shutil.rmtree(os.path.join(out, ".shared"), ignore_errors=True)
    # Planted marker files: ELF samples in two images, loader scripts in two others.
    for i, s in enumerate(samples[:4]):
        shutil.copyfile(os.path.join(cross, s), os.path.join(out, "rootfs1", "bin", s))
        shutil.copyfile(os.path.join(cross, s), os.path.join(out, "rootfs4", "bin", s))
    for fn in sorted(os.listdir(plant)):
        if fn.endswith(".sh"):
            for r in (0, 3):
                write(os.path.join(out, "rootfs%d" % r, "etc", "init.d", fn),
                      open(os.path.join(plant, fn), "rb").read())
    files = total = 0
    digests = set()
    for dp, _, fns in os.walk(out):
        for fn in fns:
            p = os.path.join(dp, fn)
            files += 1
            total += os.path.getsize(p)
            with open(p, "rb") as f:
                digests.add(hashlib.sha256(f.read()).hexdigest())
    print("firmware tree: %d files, %.1f MB, %d distinct contents" % (files, total / 1e6,
                                                                      len(digests)))


def main():
    a = sys.argv
    if len(a) == 6 and a[1] == "elf":
        cmd_elf(a[2], int(a[3]), int(a[4]), a[5])
    elif len(a) == 6 and a[1] == "firmware":
        cmd_firmware(a[2], a[3], a[4], a[5])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
