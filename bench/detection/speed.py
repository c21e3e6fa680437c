# SPDX-License-Identifier: GPL-2.0-or-later
"""`yara` 4 (Debian) and `iotguard scan` on the same rules and files, in the same run.

Both run warm (one untimed run first fills the page cache), RUNS times each, alternating,
under /usr/bin/time -v for the peak RSS; the median wall time is reported. yara is given the
pattern file's rules/*.yar and the external variables the rules may read (docs/cli.md), with
neutral values; iotguard scans with the whole pattern file and no scan cache, so it also
does what yara does not: UPX unpacking, ELF anomalies, the heuristic and config extraction.
iotguard examines each inode once and the goodware's identical files are hard links, so yara
gets the same files as a --scan-list of one path per inode rather than the tree.
"""

import os
import re
import stat
import statistics
import subprocess
import time
from dataclasses import dataclass

EXTERNALS = ["filename=", "filepath=", "extension=", "filetype=ELF", "owner=root", "elf_machine="]


@dataclass
class Timing:
    tool: str
    command: str
    seconds: list
    rss_mb: float
    matched: int  # lines yara printed / files iotguard flagged (any severity)

    @property
    def median(self):
        return statistics.median(self.seconds)


def _timed(cmd):
    t0 = time.monotonic()
    done = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - t0
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    return seconds, (int(m.group(1)) / 1024 if m else 0.0), done


def scan_list(targets, path):
    """Writes one path per regular file's inode under targets; returns (files, bytes)."""
    seen, files, size = set(), [], 0
    for root, dirs, names in (w for t in targets for w in os.walk(t)):
        dirs.sort()
        for n in sorted(names):
            p = os.path.join(root, n)
            st = os.lstat(p)
            if stat.S_ISREG(st.st_mode) and (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                files.append(p)
                size += st.st_size
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(files) + "\n")
    return len(files), size


def yara_command(rule_files, listing, jobs):
    cmd = ["yara", "-N", "-p", str(jobs)]
    for d in EXTERNALS:
        cmd += ["-d", d]
    return cmd + ["--scan-list"] + list(rule_files) + [listing]


def iotguard_command(iotguard, db, targets, jobs):
    return [iotguard, "scan", "--db", db, "--no-cache", "--no-progress", "-q", "-j", str(jobs)] + list(targets)


def compare(iotguard, db, targets, listing, jobs=2, runs=3):
    """(yara Timing, iotguard Timing); listing: a scan_list() file of targets."""
    rules = sorted(os.path.join(db, "rules", n) for n in os.listdir(os.path.join(db, "rules")) if n.endswith(".yar"))
    commands = {
        "yara": yara_command(rules, listing, jobs),
        "iotguard": iotguard_command(iotguard, db, targets, jobs),
    }
    results = {tool: Timing(tool, " ".join(cmd), [], 0.0, 0) for tool, cmd in commands.items()}
    for tool, cmd in commands.items():  # warm-up, and a check that each runs
        _, _, done = _timed(cmd)
        if tool == "yara" and done.returncode != 0:
            raise RuntimeError(f"yara failed: {done.stderr.strip()[:400]}")
        lines = [l for l in done.stdout.splitlines() if l.strip() and not l[0].isspace()]
        if tool == "yara":  # "RULE PATH"
            results[tool].matched = len({l.split(" ", 1)[1] for l in lines if " " in l})
        else:  # "PATH: RULE FOUND|LOW|INFO"
            results[tool].matched = len({l.rsplit(": ", 1)[0] for l in lines if ": " in l})
    for _ in range(runs):
        for tool, cmd in commands.items():
            seconds, rss, _ = _timed(cmd)
            results[tool].seconds.append(seconds)
            results[tool].rss_mb = max(results[tool].rss_mb, rss)
    return results["yara"], results["iotguard"]
