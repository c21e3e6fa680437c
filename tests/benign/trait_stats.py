#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Scans the benign corpus (tests/benign/fetch.sh) with the real iotguard and
counts how often each IoT-bot heuristic trait fires on benign files, from the
evidence of Heur.IoTBot / Heur.IoTBot.Traits findings.

  trait_stats.py CACHEDIR --iotguard BIN --db SIGNATURES [--write docs/heuristics.md]
                 [--json OUT.json]

With --write, the table between the markers
  <!-- benign-stats:begin --> ... <!-- benign-stats:end -->
in that file is replaced; the rest of the file is left alone.
"""
import argparse, collections, json, os, re, subprocess, sys

RANK = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}
BEGIN, END = "<!-- benign-stats:begin -->", "<!-- benign-stats:end -->"


def structure(iotguard, elf_paths):
    """How many benign ELF files are static / stripped, from `iotguard info`
    (the heuristic only records these traits beside a behavioural one)."""
    c = collections.Counter()
    for i in range(0, len(elf_paths), 200):
        p = subprocess.run([iotguard, "info", "--format", "json", "--no-sections"] +
                           elf_paths[i:i + 200], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
        for line in p.stdout.splitlines():
            j = json.loads(line)
            if j.get("type") != "info":
                continue
            c["static"] += bool(j.get("static"))
            c["stripped"] += bool(j.get("stripped"))
            c["static+stripped"] += bool(j.get("static")) and bool(j.get("stripped"))
    return c


def corpus_size(root, elf_paths=None):
    """Regular files (symlinks not followed, as the scan walker does), bytes,
    and how many are ELF."""
    files = size = elf = 0
    for d, _, names in os.walk(root):
        for n in names:
            p = os.path.join(d, n)
            if n == ".unpacked" or os.path.islink(p) or not os.path.isfile(p):
                continue
            files += 1
            size += os.path.getsize(p)
            with open(p, "rb") as f:
                if f.read(4) == b"\x7fELF":
                    elf += 1
                    if elf_paths is not None:
                        elf_paths.append(p)
    return files, size, elf


def packages(cache):
    try:
        lines = open(os.path.join(cache, "packages.txt")).read().split("\n")
    except OSError:
        return [], []
    rows = [l.split() for l in lines if l.strip()]
    return sorted({r[1] for r in rows}), sorted({r[0] for r in rows})


def scan(iotguard, db, root):
    p = subprocess.run([iotguard, "scan", "--format", "json", "--no-cache", "--min-severity",
                        "info", "--db", db, root], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    recs = [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")]
    return p.returncode, recs, p.stderr


def stats(recs):
    trait_files = collections.Counter()
    scores = collections.Counter()
    above_low = []
    by_rule = collections.Counter()
    summary = {}
    for r in recs:
        if r.get("type") == "summary":
            summary = r
        if r.get("type") != "finding":
            continue
        by_rule[r["rule"]] += 1
        if RANK.get(r["severity"], 0) > RANK["low"]:
            above_low.append(r)
        if r["rule"] in ("Heur.IoTBot", "Heur.IoTBot.Traits"):
            ev = r.get("evidence", {})
            scores[ev.get("score", 0)] += 1
            for t in {t["trait"] for t in ev.get("traits", [])}:
                trait_files[t] += 1
    return dict(trait_files=trait_files, scores=scores, above_low=above_low, by_rule=by_rule,
                summary=summary)


def weights(db):
    """Trait weights as the pattern file states them (traits.yar meta), plus
    the structural traits the heuristic adds itself (iot_bot.cpp)."""
    w = {"static": 2, "stripped": 1, "no_section_headers": 2, "tampered_upx": 4, "upx_layout": 1,
         "unpacked_layer": 1, "xor_string_table": 6}
    text = open(os.path.join(db, "rules", "traits.yar")).read()
    for trait, weight in re.findall(r'trait = "([a-z0-9_]+)"\s+weight = (\d+)', text):
        w[trait] = int(weight)
    return w


def render(cache, files, size, elf, pkgs, archs, st, w, struct):
    out = [BEGIN, "",
           f"Corpus: {len(pkgs)} Debian 12 packages x {len(archs)} architectures "
           f"({', '.join(archs)}): {files} files, {size / 1e6:.1f} MB, {elf} of them ELF. "
           f"Packages: {', '.join(pkgs)}.", "",
           "| trait | weight | benign files where it fires | share of ELF files |",
           "|---|---|---|---|"]
    for t in sorted(w, key=lambda t: (-st["trait_files"][t], t)):
        n = st["trait_files"][t]
        note = ""
        if t in struct:  # structural: how common it is on all benign ELF files
            note = f" (on its own: {struct[t]} ELF files, {100.0 * struct[t] / max(elf, 1):.1f} %)"
        out.append(f"| `{t}` | {w[t]} | {n}{note} | {100.0 * n / max(elf, 1):.2f} % |")
    top = max(st["scores"]) if st["scores"] else 0
    dist = ", ".join(f"{s}: {n}" for s, n in sorted(st["scores"].items()))
    out += ["", f"Heuristic scores on benign files (score: files): {dist or 'none'}; "
            f"highest {top}. Findings above `low`: {len(st['above_low'])}.", "",
            "Only files with at least one behavioural trait get a heuristic record; the "
            "parenthesised counts say how many benign ELF files are static or stripped at all "
            f"(both: {struct.get('static+stripped', 0)}). The score needs a behavioural trait, "
            "so structure alone never reaches the threshold.", "",
            END]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cache")
    ap.add_argument("--iotguard", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--write")
    ap.add_argument("--json")
    a = ap.parse_args()
    root = os.path.join(a.cache, "root")
    rc, recs, err = scan(a.iotguard, a.db, root)
    if rc not in (0, 1):
        sys.exit(f"scan failed ({rc}): {err}")
    st = stats(recs)
    elf_paths = []
    files, size, elf = corpus_size(root, elf_paths)
    pkgs, archs = packages(a.cache)
    struct = structure(a.iotguard, elf_paths)
    table = render(a.cache, files, size, elf, pkgs, archs, st, weights(a.db), struct)
    print(table)
    if a.json:
        json.dump({"files": files, "bytes": size, "elf": elf, "packages": pkgs, "archs": archs,
                   "trait_files": st["trait_files"], "scores": st["scores"],
                   "above_low": st["above_low"], "rules": st["by_rule"]},
                  open(a.json, "w"), indent=1)
    if a.write:
        doc = open(a.write).read()
        if BEGIN in doc and END in doc:
            doc = doc[:doc.index(BEGIN)] + table + doc[doc.index(END) + len(END):]
        else:
            doc = doc.rstrip("\n") + "\n\n" + table + "\n"
        open(a.write, "w").write(doc)


if __name__ == "__main__":
    main()
