# SPDX-License-Identifier: GPL-2.0-or-later
"""The goodware set: real Debian ELF files laid out as <arch>/<package>/<path>
(scripts/goodware.sh), its split in two halves, and false positives on it.

Rules learnt in a split are checked against a goodware index (`db learn --goodware`). A
false-positive count on the very files that index was built from says little, so the
benchmark builds the index it learns against from one half of the packages (chosen by a
hash of the package name, the same half for every architecture) and counts the learnt
rules' false positives on the other half, never seen, apart from the first.
"""

import os
import stat
import zlib
from dataclasses import dataclass


@dataclass
class Goodware:
    root: str
    files: int  # paths; identical files are hard links of one another (scripts/goodware.sh)
    contents: int  # distinct inodes
    bytes: int  # of the distinct inodes
    arches: list
    packages: int
    dirs: list  # the <arch> folders: what is scanned and indexed
    halves: dict  # "index" / "held-out" -> list of <arch>/<package> directories


def package_half(package):
    return "index" if zlib.crc32(package.encode()) % 2 == 0 else "held-out"


def survey(root, only_smallest_arch=False):
    """Counts and the two halves, or None when root is not a directory with files.
    only_smallest_arch (for --quick): the architecture folder with the fewest bytes."""
    if not os.path.isdir(root):
        return None
    if only_smallest_arch:
        whole = survey(root)
        if whole is None:
            return None
        sizes = {a: survey_arch_bytes(os.path.join(root, a)) for a in whole.arches}
        keep = min(sizes, key=lambda a: (sizes[a], a))
        return _survey(root, [keep])
    return _survey(root, None)


def survey_arch_bytes(adir):
    total = 0
    for r, _, names in os.walk(adir):
        total += sum(os.lstat(os.path.join(r, n)).st_size for n in names)
    return total


def _survey(root, only):
    files = size = 0
    inodes = set()
    arches, packages = set(), set()
    halves = {"index": [], "held-out": []}
    for arch in sorted(os.listdir(root)):
        adir = os.path.join(root, arch)
        if arch.startswith(".") or arch == "debs" or not os.path.isdir(adir) or os.path.islink(adir):
            continue
        if only is not None and arch not in only:
            continue
        arches.add(arch)
        for pkg in sorted(os.listdir(adir)):
            pdir = os.path.join(adir, pkg)
            if not os.path.isdir(pdir) or os.path.islink(pdir):
                continue
            packages.add(pkg)
            halves[package_half(pkg)].append(pdir)
            for r, _, names in os.walk(pdir):
                for n in names:
                    st = os.lstat(os.path.join(r, n))
                    if stat.S_ISREG(st.st_mode):
                        files += 1
                        if (st.st_dev, st.st_ino) not in inodes:
                            inodes.add((st.st_dev, st.st_ino))
                            size += st.st_size
    if files == 0:
        return None
    arches = sorted(arches)
    return Goodware(root, files, len(inodes), size, arches, len(packages), [os.path.join(root, a) for a in arches],
                    halves)


def flagged(findings, root):
    """[(path relative to root, rules, severity)] of the files with findings."""
    rank = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}
    by_path = {}
    for f in findings:
        entry = by_path.setdefault(f.get("path", "?"), [set(), "info"])
        entry[0].add(f.get("rule", "?"))
        sev = f.get("severity", "info")
        if rank.get(sev, 0) > rank.get(entry[1], 0):
            entry[1] = sev
    rows = [(os.path.relpath(p, root), sorted(r), s) for p, (r, s) in by_path.items()]
    return sorted(rows)


def half_of(path, root):
    """Which half a goodware file (absolute path) belongs to."""
    parts = os.path.relpath(path, root).split(os.sep)
    return package_half(parts[1]) if len(parts) > 2 else "index"
