# SPDX-License-Identifier: GPL-2.0-or-later
"""The detection benchmark's driver; run it through bench/detection/run.sh, which extracts
the corpus into a temporary folder and removes it afterwards."""

import argparse
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass

import cross_validation
import fold_pattern_file
import folds
import goodware
import grouping
import iotguard_cli
import labels
import report
import source_collections
import speed
import string_sets

HOST_ELF_DIRS = ["/usr/bin", "/usr/sbin", "/usr/lib"]


@dataclass
class Context:
    iotguard: str
    samples_dir: str
    by_sha: dict
    base_db: str
    index: str
    learn_options: list
    keep: object  # family -> bool: rules of that family are used
    work: str
    jobs: int
    min_samples: int


def log(msg):
    print(f"== {msg}", file=sys.stderr, flush=True)


def rule_names(paths):
    names = set()
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as f:
            names.update(re.findall(r"^\s*(?:private\s+|global\s+)*rule\s+(\w+)", f.read(), re.MULTILINE))
    return names


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus-dir", required=True, help="extracted archive: manifest.tsv, samples/")
    ap.add_argument("--iotguard", required=True)
    ap.add_argument("--db", required=True, help="the shipped pattern file (signatures/)")
    ap.add_argument("--goodware", required=True)
    ap.add_argument("--work", required=True, help="scratch folder (inside the temporary folder)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-samples", type=int, default=None)
    ap.add_argument("--collection-min", type=int, default=source_collections.MIN_SIZE)
    ap.add_argument("--speed-runs", type=int, default=3)
    ap.add_argument("--learn-families", choices=["shipped", "all"], default="shipped",
                    help="rules kept per split: the families the shipped learned_*.yar hold (all when "
                         "it has none), or every family whose label may teach")
    ap.add_argument("--command", default="bench/detection/run.sh")
    ap.add_argument("--started", type=float, default=None, help="epoch seconds the run began (run.sh)")
    return ap.parse_args(argv)


def main(argv):
    a = parse_args(argv)
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"  # string hashes (string_sets.py) must be stable
        os.execv(sys.executable, [sys.executable] + sys.argv)
    t_start = a.started or time.time()
    r = report.Results(started=t_start, command=a.command, quick=a.quick)
    samples_dir = os.path.join(a.corpus_dir, "samples")
    samples = labels.read_manifest(os.path.join(a.corpus_dir, "manifest.tsv"))
    by_sha = {s.sha256: s for s in samples}
    r.samples = samples
    r.collections = source_collections.assign(samples, a.collection_min)
    r.iotguard_version = iotguard_cli.version(a.iotguard)
    r.pattern_version = iotguard_cli.pattern_file_version(a.db)
    r.shipped_learned = [os.path.basename(p) for p in fold_pattern_file.learned_files(a.db)]
    label_families = {s.family for s in samples if s.learnable}
    shipped_learnt_families = set(fold_pattern_file.families_in(a.db, fold_pattern_file.learned_files(a.db)))
    if a.learn_families == "shipped" and shipped_learnt_families:
        kept = label_families & shipped_learnt_families
        r.learn_families = "the families the shipped learned_*.yar hold"
    else:
        kept = label_families
        r.learn_families = "every family whose label may teach (families.tsv kind `family`)"
    r.kept_families = sorted(kept)
    r.unmatched_learnt = sorted(shipped_learnt_families - label_families)
    r.families_shipped = fold_pattern_file.families_in(a.db)

    log("goodware: " + a.goodware)
    gw = goodware.survey(a.goodware, only_smallest_arch=a.quick)
    r.goodware, r.goodware_dir = gw, a.goodware

    log("string sets and near-duplicate groups")
    t0 = time.monotonic()
    sets, unpacked = string_sets.sample_string_sets(samples, samples_dir, a.iotguard, os.path.join(a.work, "unpack"))
    bg_roots = gw.dirs if gw else HOST_ELF_DIRS
    bg, bg_files, bg_bytes = string_sets.background_strings(bg_roots, a.seed)
    sets = {k: v - bg for k, v in sets.items()}
    group_of, joined = grouping.near_duplicate_groups(sets)
    r.grouping = report.GroupingInfo(
        roots=bg_roots,
        files=bg_files,
        bytes=bg_bytes,
        unpacked=sum(unpacked.values()),
        upx=len(unpacked),
        groups=len(set(group_of.values())),
        joined=joined,
        group_of=group_of,
        seconds=time.monotonic() - t0,
    )
    del bg

    base_db = fold_pattern_file.base_copy(a.db, os.path.join(a.work, "base-db"))
    r.families_base = fold_pattern_file.families_in(base_db)
    expected = {s.sha256: s.family for s in samples}
    all_paths = [os.path.join(samples_dir, s.sha256) for s in samples]
    log("shipped pattern file and hand-written rules on the whole corpus")
    shipped_learnt = rule_names(fold_pattern_file.learned_files(a.db))
    f_shipped, _, r.shipped_scan_seconds = iotguard_cli.scan(a.iotguard, all_paths, db=a.db, jobs=a.jobs)
    r.shipped = cross_validation.outcomes(f_shipped, expected, shipped_learnt)
    f_base, _, _ = iotguard_cli.scan(a.iotguard, all_paths, db=base_db, jobs=a.jobs)
    r.base = cross_validation.outcomes(f_base, expected)

    cv_samples = samples
    k = a.folds
    if a.quick:
        cv_samples = folds.subsample_groups(samples, group_of, 0.25, a.seed)
        k = min(k, 3)
    r.cv_samples, r.k = cv_samples, k

    r.learn_available = iotguard_cli.has_learn(a.iotguard)
    r.goodware_build_available = iotguard_cli.has_goodware_build(a.iotguard)
    learnt_files = []
    if r.learn_available and r.goodware_build_available:
        index = os.path.join(a.work, "goodware-index")
        if gw:
            log(f"goodware index over the whole set ({gw.files} files)")
            full = os.path.join(a.work, "full-index")
            r.index_full = iotguard_cli.goodware_build(a.iotguard, full, gw.dirs, a.jobs)
            shutil.rmtree(full) if os.path.isdir(full) else os.unlink(full)
            log("goodware index over the index half (what the splits learn against)")
            r.index_cv = iotguard_cli.goodware_build(a.iotguard, index, gw.halves["index"], a.jobs)
            r.index_cv_roots = f"the index half of {a.goodware} ({len(gw.halves['index'])} package folders)"
        else:
            log("no goodware: learning against an index of this machine's ELF files")
            r.index_cv = iotguard_cli.goodware_build(a.iotguard, index, HOST_ELF_DIRS, a.jobs)
            r.index_cv_roots = "this machine's " + ", ".join(HOST_ELF_DIRS) + " (no goodware set)"
        options = []
        for flag, name in (("--cribs", "cribs.txt"), ("--reject", "rejected.txt")):
            path = os.path.join(a.db, "learn", name)
            if os.path.isfile(path) and iotguard_cli.learn_has_option(a.iotguard, flag):
                options += [flag, path]
        r.learn_options = options
        ctx = Context(a.iotguard, samples_dir, by_sha, base_db, index, options, kept.__contains__, a.work,
                      a.jobs, a.min_samples)
        splits = [("kfold", f"fold{i + 1}", s) for i, s in enumerate(folds.kfold(cv_samples, group_of, k, a.seed))]
        names = sorted(r.collections, key=lambda c: -r.collections[c])
        if a.quick:
            names = names[1:3]
        loso = folds.leave_one_collection_out(samples, group_of, names)
        splits += [("loso", f"collection{i + 1}", s) for i, s in enumerate(loso)]
        for kind, tag, split in splits:
            log(f"{kind} {split.name}: learn on {len(split.train)}, test on {len(split.test)}")
            try:
                res = cross_validation.run_split(ctx, split, tag)
            except iotguard_cli.CommandFailed as e:
                log(f"  failed: {e}")
                r.failures.append((kind, split.name, str(e)))
                continue
            (r.kfold if kind == "kfold" else r.loso).append(res)
            learnt_files.append(res.rules_file)
            log(f"  {res.rules} rules in {res.learn_seconds:.0f} s; detected "
                f"{sum(o.detected for o in res.outcomes.values())}/{res.test}")

    if gw:
        log("false positives on the goodware")
        f, _, _ = iotguard_cli.scan(a.iotguard, gw.dirs, db=a.db, jobs=a.jobs)
        r.fp_shipped = goodware.flagged(f, gw.root)
        if learnt_files:
            rules = [p for p in learnt_files if os.path.getsize(p) > 0]
            f, _, _ = iotguard_cli.scan(a.iotguard, gw.dirs, rules=rules, jobs=a.jobs, extra=["--no-anomalies"])
            r.fp_learnt = [(p, rl, sev, goodware.half_of(os.path.join(gw.root, p), gw.root))
                           for p, rl, sev in goodware.flagged(f, gw.root)]

    log("speed: yara and iotguard on the same rules")
    targets = gw.dirs if gw else [samples_dir]
    runs = 1 if a.quick else a.speed_runs
    r.speed_target = f"the goodware ({', '.join(gw.arches)})" if gw else "the corpus samples (no goodware set)"
    listing = os.path.join(a.work, "scan-list.txt")
    r.speed_files, r.speed_bytes = speed.scan_list(targets, listing)
    r.speed = speed.compare(a.iotguard, a.db, targets, listing, a.jobs, runs)

    r.finished = time.time()
    report.write(r, a.out)
    log(f"wrote {a.out} in {r.finished - t_start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
