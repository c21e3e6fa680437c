#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Scans the compiled family corpus with the real iotguard and checks that
every family is detected on every architecture and variant, that the Mirai
samples' C2 and credentials and the Mozi config are decoded, that the
unknown variant is caught by the heuristics, and that `iotguard info` shows
the decoded Mirai config.

  check_families.py BINDIR --iotguard BIN --db SIGNATURES [--min-archs N]

BINDIR is tests/corpus/build.sh's output: BINDIR/<arch>/<sample>.<variant>.
"""
import argparse, collections, json, os, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402  (the expectations come from the same script as the sources)

VARIANTS = ("static", "static.stripped", "dynamic", "dynamic.stripped", "so", "so.stripped")
RANK = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return p.returncode, p.stdout, p.stderr


def records(text):
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("{"):
            out.append(json.loads(line))
    return out


def contains_all(have, want):
    return all(w in have for w in want)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bindir")
    ap.add_argument("--iotguard", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--min-archs", type=int, default=10)
    a = ap.parse_args()
    expect = generate.expectations()
    errors = []

    archs = sorted(d for d in os.listdir(a.bindir) if os.path.isdir(os.path.join(a.bindir, d)))
    files = {}
    for arch in archs:
        for f in sorted(os.listdir(os.path.join(a.bindir, arch))):
            sample, _, variant = f.partition(".")
            if sample in expect and variant in VARIANTS:
                files[os.path.join(a.bindir, arch, f)] = (arch, sample, variant)
    if len(archs) < a.min_archs:
        errors.append(f"only {len(archs)} architectures built ({', '.join(archs)}), "
                      f"need {a.min_archs}")
    for arch in archs:
        for sample, e in expect.items():
            variants = ["so", "so.stripped"] if e["shared"] else \
                ["static", "static.stripped", "dynamic", "dynamic.stripped"]
            for v in variants:
                if os.path.join(a.bindir, arch, f"{sample}.{v}") not in files:
                    errors.append(f"{arch}/{sample}.{v}: not built")

    rc, out, err = run([a.iotguard, "scan", "--format", "json", "--no-cache", "--min-severity",
                        "info", "--db", a.db, a.bindir])
    if rc != 1:
        errors.append(f"scan exit code {rc}, want 1 (found); stderr: {err.strip()[:2000]}")
    by_path = collections.defaultdict(list)
    summary = None
    for r in records(out):
        if r.get("type") == "finding":
            by_path[os.path.realpath(r["path"])].append(r)
        elif r.get("type") == "summary":
            summary = r
    if summary is None:
        errors.append("scan printed no summary record")

    detected = collections.Counter()
    for path, (arch, sample, variant) in sorted(files.items()):
        e = expect[sample]
        fs = by_path.get(os.path.realpath(path), [])
        where = f"{arch}/{sample}.{variant}"
        reported = [f for f in fs if RANK[f["severity"]] >= RANK["medium"]]
        families = {f.get("family") for f in reported if f.get("family")}
        rules = {f["rule"] for f in reported}
        if e["family"] is None:
            if "Heur.IoTBot" not in rules:
                scores = [f["evidence"].get("score") for f in fs if f["rule"].startswith("Heur")]
                errors.append(f"{where}: no Heur.IoTBot (heuristic scores {scores})")
            if families:
                errors.append(f"{where}: unknown variant named as {sorted(families)}")
        else:
            if families != {e["family"]}:
                errors.append(f"{where}: families {sorted(families)}, want {e['family']} "
                              f"(rules {sorted(rules)})")
            if not rules & set(e["rules"]):
                errors.append(f"{where}: none of {e['rules']} fired (rules {sorted(rules)})")
        if "c2" in e:
            cfgs = [f["evidence"]["config"] for f in reported
                    if f.get("family") == "Mirai" and "config" in f.get("evidence", {})]
            if not cfgs:
                errors.append(f"{where}: no decoded Mirai config in the evidence")
            for c in cfgs[:1]:
                if c.get("xor_key") != e["xor_key"]:
                    errors.append(f"{where}: xor_key {c.get('xor_key')}, want {e['xor_key']}")
                if not contains_all(c.get("c2", []), e["c2"]):
                    errors.append(f"{where}: c2 {c.get('c2')}, want {e['c2']}")
                if not contains_all(c.get("credentials", []), e["credentials"]):
                    errors.append(f"{where}: credentials {c.get('credentials')}")
        if "mozi_tags" in e:
            cfgs = [f["evidence"]["config"] for f in reported
                    if f.get("family") == "Mozi" and "config" in f.get("evidence", {})]
            if not cfgs or cfgs[0].get("tags") != e["mozi_tags"]:
                errors.append(f"{where}: Mozi config {cfgs[:1]}, want tags {e['mozi_tags']}")
        if not any(x.startswith(where) for x in errors):
            detected[sample] += 1

    # `iotguard info` shows the decoded config, as text and JSON.
    for arch in archs[:3]:
        path = os.path.join(a.bindir, arch, "mirai.static.stripped")
        if path not in files:
            continue
        rc, out, err = run([a.iotguard, "--format", "json", "info", path])
        if rc != 0:
            rc, out, err = run([a.iotguard, "info", "--format", "json", path])
        try:
            info = json.loads(out.strip().splitlines()[0]) if out.strip() else {}
        except (ValueError, IndexError):
            info = {}
        cfgs = [c for c in info.get("configs", []) if c.get("decoder") == "mirai-table"]
        if not cfgs or not contains_all(cfgs[0].get("c2", []), expect["mirai"]["c2"]):
            errors.append(f"info {arch}/mirai.static.stripped: configs {info.get('configs')} "
                          f"(exit {rc}, {err.strip()[:300]})")
        rc, out, err = run([a.iotguard, "info", path])
        host = expect["mirai"]["c2"][0]["host"]
        if host not in out:
            errors.append(f"info (text) {arch}/mirai.static.stripped: no '{host}' in:\n{out}")

    # A text scan prints the decoded C2 under the finding.
    for arch in archs[:1]:
        path = os.path.join(a.bindir, arch, "mirai.static.stripped")
        rc, out, err = run([a.iotguard, "scan", "--no-cache", "--db", a.db, path])
        host = expect["mirai"]["c2"][0]["host"]
        if rc != 1 or f"Endpoint     {host}:23" not in out:
            errors.append(f"scan (text) {arch}/mirai.static.stripped: exit {rc}, no C2 in:\n{out}")

    total = len(files)
    print(f"families: {total} files, {len(archs)} architectures ({' '.join(archs)})")
    for sample in expect:
        print(f"  {sample:14} {detected[sample]:3} files detected as expected")
    if errors:
        print(f"{len(errors)} problem(s):", file=sys.stderr)
        for e in errors[:200]:
            print("  " + e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
