#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""False-positive test: fetches the benign corpus (fetch.sh; exit 77 = skip
when it cannot be fetched here), scans it with the real iotguard at
--min-severity info, and fails on any finding above `low`.

  check_benign.py CACHEDIR --iotguard BIN --db SIGNATURES
"""
import argparse, os, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import trait_stats  # noqa: E402

SKIP = 77


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cache")
    ap.add_argument("--iotguard", required=True)
    ap.add_argument("--db", required=True)
    a = ap.parse_args()
    fetch = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fetch.sh")
    rc = subprocess.run([fetch, a.cache]).returncode
    if rc == SKIP:
        return SKIP
    if rc != 0:
        print(f"fetch.sh failed ({rc})", file=sys.stderr)
        return 1
    root = os.path.join(a.cache, "root")
    rc, recs, err = trait_stats.scan(a.iotguard, a.db, root)
    files, size, elf = trait_stats.corpus_size(root)
    pkgs, archs = trait_stats.packages(a.cache)
    st = trait_stats.stats(recs)
    print(f"benign: {files} files ({elf} ELF, {size / 1e6:.1f} MB), {len(pkgs)} packages x "
          f"{len(archs)} architectures; findings by rule: {dict(st['by_rule'])}")
    print("benign: trait frequencies: " +
          ", ".join(f"{t}={n}" for t, n in st["trait_files"].most_common()))
    problems = []
    if rc not in (0, 1):
        problems.append(f"scan exit code {rc}: {err.strip()[:1000]}")
    if not st["summary"]:
        problems.append("scan printed no summary")
    if elf < 100:
        problems.append(f"only {elf} ELF files: the corpus is too small to mean anything")
    for f in st["above_low"]:
        ev = f.get("evidence", {})
        problems.append(f"{f['path']}: {f['rule']} ({f['severity']}) {f['title']} "
                        f"score={ev.get('score')} traits={ev.get('traits')} "
                        f"strings={ev.get('strings')}")
    if problems:
        print(f"{len(problems)} problem(s):", file=sys.stderr)
        for p in problems[:100]:
            print("  " + p, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
