# SPDX-License-Identifier: GPL-2.0-or-later
"""bench/DETECTION.md, written whole from one run's results (main.py)."""

import os
import platform
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field

import goodware
import recall

MIN_LISTED = 5  # families with fewer samples are only in the collapsed table


@dataclass
class GroupingInfo:
    roots: list
    files: int
    bytes: int
    unpacked: int
    upx: int
    groups: int
    joined: int
    group_of: dict
    seconds: float


@dataclass
class Results:
    started: float
    command: str
    quick: bool
    finished: float = 0.0
    samples: list = field(default_factory=list)
    cv_samples: list = field(default_factory=list)
    k: int = 0
    collections: dict = field(default_factory=dict)
    iotguard_version: str = ""
    pattern_version: str = ""
    shipped_learned: list = field(default_factory=list)
    goodware: object = None
    goodware_dir: str = ""
    grouping: GroupingInfo = None
    shipped: dict = field(default_factory=dict)
    shipped_scan_seconds: float = 0.0
    base: dict = field(default_factory=dict)
    learn_available: bool = False
    goodware_build_available: bool = False
    index_full: tuple = None
    index_cv: tuple = None
    index_cv_roots: str = ""
    kfold: list = field(default_factory=list)
    loso: list = field(default_factory=list)
    failures: list = field(default_factory=list)
    learn_families: str = ""
    kept_families: list = field(default_factory=list)
    unmatched_learnt: list = field(default_factory=list)
    families_shipped: list = field(default_factory=list)
    families_base: list = field(default_factory=list)
    learn_options: list = field(default_factory=list)
    fp_shipped: list = None
    fp_learnt: list = None
    speed: tuple = None
    speed_target: str = ""
    speed_files: int = 0
    speed_bytes: int = 0


def _pct(hit, total):
    return f"{100.0 * hit / total:.1f} %" if total else "–"


def _rate(rate):
    return f"{rate.hit}/{rate.total} ({_pct(rate.hit, rate.total)})" if rate and rate.total else "–"


def _mb(n):
    return f"{n / 1e6:,.1f} MB"


def _machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), cpu)
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(next(l for l in f if l.startswith("MemTotal")).split()[1])
            mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    debian = ""
    if os.path.exists("/etc/debian_version"):
        with open("/etc/debian_version") as f:
            debian = f", Debian {f.read().strip()}"
    yara = subprocess.run(["yara", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return f"{cpu}, {os.cpu_count()} cores{mem}, Linux {platform.release()}{debian}; yara {yara or '?'}"


def _pooled(results):
    out = {}
    for res in results:
        out.update(res.outcomes)
    return out


def _family_table(r, summaries, min_total, title_cols):
    fams = Counter(s.family for s in r.samples)
    rows = [f for f, n in fams.most_common() if n >= min_total]
    if min_total == 0:
        rows = sorted(fams, key=lambda f: (-fams[f], f))
    lines = ["| family | samples | " + " | ".join(title_cols) + " |", "|---|---:|" + "---:|" * len(title_cols)]
    for f in rows:
        cells = []
        for kind, summary in summaries:
            rate = summary.family.get(f) if summary else None
            if kind == "named":
                cells.append(f"{rate.named}/{rate.total}" if rate else "–")
            else:
                cells.append(_rate(rate))
        lines.append(f"| {f} | {fams[f]} | " + " | ".join(cells) + " |")
    return lines


def _dim_table(name, keys, summaries, attr, title_cols):
    lines = [f"| {name} | " + " | ".join(title_cols) + " |", "|---|" + "---:|" * len(title_cols)]
    for key in keys:
        cells = [_rate(getattr(s, attr).get(key)) if s else "–" for s in summaries]
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    return lines


def _split_table(results, loso):
    head = "| collection | test | learnt on | left out | rules | detected | named | only by a learnt rule | learn s | db verify |"
    if not loso:
        head = head.replace("| collection | test | learnt on | left out |", "| fold | test | learnt on | taught |")
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for res in results:
        det = sum(o.detected for o in res.outcomes.values())
        named = sum(o.named for o in res.outcomes.values())
        learnt = sum(o.detected and o.by_learnt for o in res.outcomes.values())
        third = res.excluded if loso else res.taught
        lines.append(
            f"| {res.name} | {res.test} | {res.train} | {third} | {res.rules} | {det} ({_pct(det, res.test)}) "
            f"| {named} | {learnt} | {res.learn_seconds:.0f} | {res.verify} |"
        )
    return lines


def write(r, out):
    L = []
    add = L.append
    minutes = (r.finished - r.started) / 60
    date = time.strftime("%Y-%m-%d %H:%M %Z", time.localtime(r.started))
    learnt = bool(r.shipped_learned)
    cv_out, loso_out = _pooled(r.kfold), _pooled(r.loso)
    known_cv = set(r.families_base) | set(r.kept_families)
    s_cv = recall.summarise(r.cv_samples, cv_out, r.base, known_cv) if r.kfold else None
    s_loso = recall.summarise(r.samples, loso_out, r.base, known_cv) if r.loso else None
    s_base = recall.summarise(r.samples, r.base, known=r.families_base)
    s_shipped = recall.summarise(r.samples, r.shipped, known=r.families_shipped)
    partial = []
    if r.quick:
        partial.append(f"`--quick`: {r.k} folds over {len(r.cv_samples)} samples, two held-out collections, one speed "
                       "run, the goodware of one architecture")
    if not r.learn_available or not r.goodware_build_available:
        partial.append("this iotguard has no `db learn`/`db goodware build`: no cross-validation figures")
    if r.failures:
        partial.append(f"{len(r.failures)} split(s) failed (listed below)")
    if r.goodware is None:
        partial.append(f"no goodware set at `{r.goodware_dir}`: no false-positive or goodware-index figures")

    add("# Detection benchmark")
    add("")
    add(f"Generated by `{r.command}` on {date} in {minutes:.1f} minutes. Do not edit by hand: run the")
    add("command again (see [README.md](README.md#detection-benchmark-benchdetectionrunsh)).")
    add("")
    if partial:
        add("> **PARTIAL RUN.** " + "; ".join(partial) + ".")
        add("")
    learned_note = (
        "rules/" + ", rules/".join(r.shipped_learned) + " (learnt from this corpus)" if learnt else "none"
    )
    add(f"- iotguard: `{r.iotguard_version}`; pattern file **{r.pattern_version}** (signatures/manifest.json); "
        f"learnt rule files in it: {learned_note}")
    arches = Counter(s.arch for s in r.samples)
    fams = Counter(s.family for s in r.samples)
    add(f"- corpus: **{len(r.samples)} samples** (training-malware.7z), {len(arches)} architectures, "
        f"{len(fams)} families after bench/detection/families.tsv, {sum(s.upx for s in r.samples)} with `UPX!`, "
        f"{len(r.collections)} source collections")
    if r.goodware:
        g = r.goodware
        add(f"- goodware: `{g.root}`: **{g.contents} ELF files** ({g.files} paths: identical files are hard links), "
            f"{_mb(g.bytes)}, {g.packages} packages, architectures {', '.join(g.arches)}")
    else:
        add(f"- goodware: **absent** (`{r.goodware_dir}`): false positives and the goodware index are not measured")
    add(f"- machine: {_machine()}")
    add("")

    add("## Results")
    add("")
    add("A sample is *detected* when `iotguard scan --min-severity medium` reports anything for it, and")
    add("*named* when a finding carries its family. The **detection rate** is the grouped k-fold line: rules")
    add("learnt without the sample or any of its near-duplicates.")
    add("")
    add("| measure | samples | detected | named |")
    add("|---|---:|---:|---:|")
    if s_cv:
        add(f"| **detection rate**: grouped {r.k}-fold cross-validation (hand-written rules + rules learnt on the other folds) "
            f"| {s_cv.overall.total} | **{_rate(s_cv.overall)}** | {s_cv.named_hit}/{s_cv.named_base} |")
    else:
        add("| detection rate: grouped k-fold cross-validation | – | not measured | – |")
    if s_loso:
        add(f"| leave one source collection out (hand-written + learnt on the other collections) "
            f"| {s_loso.overall.total} | {_rate(s_loso.overall)} | {s_loso.named_hit}/{s_loso.named_base} |")
    add(f"| hand-written rules only (the pattern file without learned_*.yar), whole corpus "
        f"| {s_base.overall.total} | {_rate(s_base.overall)} | {s_base.named_hit}/{s_base.named_base} |")
    label = "measured on the training samples, **not a detection rate**" if learnt else "no learnt rules in it"
    add(f"| shipped pattern file as it is, whole corpus ({label}) "
        f"| {s_shipped.overall.total} | {_rate(s_shipped.overall)} | {s_shipped.named_hit}/{s_shipped.named_base} |")
    add("")
    add("*named*: of the samples whose family the measured rules name (hand-written families, plus the families")
    add("learnt in the splits), how many got a finding of that family.")
    add("")

    cols, sums = [], []
    if s_cv:
        cols += [f"{r.k}-fold", f"{r.k}-fold named"]
        sums += [("rate", s_cv), ("named", s_cv)]
    if s_loso:
        cols.append("one collection out")
        sums.append(("rate", s_loso))
    cols.append("hand-written only")
    sums.append(("rate", s_base))
    cols.append("shipped" + (" (training samples)" if learnt else ""))
    sums.append(("rate", s_shipped))

    add(f"### Per family (families of {MIN_LISTED} samples or more)")
    add("")
    L.extend(_family_table(r, sums, MIN_LISTED, cols))
    add("")
    add("<details><summary>Every family</summary>")
    add("")
    L.extend(_family_table(r, sums, 0, cols))
    add("")
    add("</details>")
    add("")
    rate_cols = [c for c, (kind, _) in zip(cols, sums) if kind == "rate"]
    rate_sums = [s for kind, s in sums if kind == "rate"]
    add("### Per architecture and UPX")
    add("")
    L.extend(_dim_table("architecture", [a for a, _ in arches.most_common()], rate_sums, "arch", rate_cols))
    add("")
    L.extend(_dim_table("`UPX!` in the file", ["yes", "no"], rate_sums, "upx", rate_cols))
    add("")
    ref = s_cv or s_base
    which = f"{r.k}-fold cross-validation" if s_cv else "the hand-written rules"
    zero = recall.zero_recall(ref)
    add(f"### Families no rule catches ({which})")
    add("")
    add(", ".join(f"{f} ({n})" for f, n in zero) if zero else "None.")
    add("")

    if r.kfold or r.loso or r.failures:
        add("## Splits")
        add("")
    if r.kfold:
        add(f"Grouped {r.k}-fold: *taught* is the training samples whose label may teach a rule; *only by a learnt*")
        add("*rule* counts test samples the hand-written rules miss.")
        add("")
        L.extend(_split_table(r.kfold, False))
        add("")
    if r.loso:
        add("Leave one collection out: *left out* is training samples dropped because they also come from the held-out")
        add("collection or are near-duplicates of one of its samples.")
        add("")
        L.extend(_split_table(r.loso, True))
        add("")
    for kind, name, err in r.failures:
        add(f"- **{kind} {name} failed**: `{err[:300]}`")
    if r.failures:
        add("")

    add("## False positives on the goodware")
    add("")
    if r.goodware is None:
        add(f"Not measured: no goodware set at `{r.goodware_dir}` (build it with scripts/goodware.sh).")
        add("")
    else:
        g = r.goodware
        note = (" The shipped learnt rules were learnt against a goodware index; if it was built from these"
                " files, this count is a lower bound for files it did not hold.") if learnt else ""
        add(f"Shipped pattern file, `--min-severity medium`, all {g.contents} files: **{len(r.fp_shipped)} flagged**.{note}")
        add("")
        if r.fp_shipped:
            L.extend(_fp_rows(r.fp_shipped))
            add("")
        if r.fp_learnt is not None:
            halves = Counter(h for *_, h in r.fp_learnt)
            n_held = len(g.halves["held-out"])
            add(f"Every rule learnt in the splits above (each split's rule file, `--no-db --no-anomalies`): "
                f"**{halves['held-out']} flagged in the held-out half** of the packages ({n_held} package folders, "
                f"never in the index the rules were learnt against), {halves['index']} in the index half (seen). "
                f"The halves split packages, not files: libc6 is in the {goodware.package_half('libc6')} half, "
                f"busybox in the {goodware.package_half('busybox')} half.")
            add("")
            if r.fp_learnt:
                L.extend(_fp_rows([(p, rl, sev) for p, rl, sev, _ in r.fp_learnt], [h for *_, h in r.fp_learnt]))
                add("")
        else:
            add("Learnt rules: not measured (no `db learn`).")
            add("")

    add("## Goodware index")
    add("")
    if r.index_full:
        secs, size, text = r.index_full
        add(f"`iotguard db goodware build` over the whole goodware set: **{_mb(size)}** in **{secs:.1f} s**.")
        add("")
        add("    " + "\n    ".join(text.splitlines()[-6:]))
        add("")
    if r.index_cv:
        secs, size, text = r.index_cv
        add(f"Index the splits learn against, from {r.index_cv_roots}: {_mb(size)} in {secs:.1f} s.")
        add("")
    if not r.index_full and not r.index_cv:
        add("Not measured" + (" (no goodware set)." if r.goodware is None else " (no `db goodware build`)."))
        add("")

    add("## Speed: yara and iotguard, same rules, same files")
    add("")
    if r.speed:
        y, i = r.speed
        mb = r.speed_bytes / 1e6
        add(f"Target: {r.speed_target}: {r.speed_files} files, {_mb(r.speed_bytes)}; warm page cache, "
            f"median of {len(y.seconds)} run(s), 2 threads each.")
        add("")
        add("| tool | median s | files/s | MB/s | peak RSS | files matched |")
        add("|---|---:|---:|---:|---:|---:|")
        for t in (y, i):
            add(f"| {t.tool} | {t.median:.2f} | {r.speed_files / t.median:,.0f} | {mb / t.median:,.1f} "
                f"| {t.rss_mb:.0f} MB | {t.matched} |")
        add("")
        add(f"iotguard/yara wall time: {i.median / y.median:.2f}. yara's *files matched* counts every rule, traits")
        add("included, that iotguard never reports alone; iotguard also unpacks UPX, checks ELF anomalies and")
        add("extracts configs. Commands:")
        add("")
        add(f"    {y.command}")
        add(f"    {i.command}")
        add("")

    add("## Method")
    add("")
    gi = r.grouping
    sizes = Counter(gi.group_of.values())
    largest = sizes.most_common(1)[0][1] if sizes else 0
    singles = sum(1 for n in sizes.values() if n == 1)
    add(f"- **Labels**: bench/detection/families.tsv maps the manifest's weak labels to families (first match; peer")
    add("  names decide generic labels). `python3 bench/detection/labels.py manifest.tsv` prints the table.")
    add(f"- **Near-duplicates**: printable strings (ASCII runs of 8 bytes or more, PT_LOAD segments only) of each")
    add(f"  sample, UPX-packed ones first unpacked by `iotguard unpack` ({gi.unpacked} of {gi.upx} could be), minus")
    add(f"  the strings of {gi.files} benign ELF files ({_mb(gi.bytes)} from {', '.join(gi.roots)}); MinHash with LSH")
    add(f"  banding proposes pairs, exact Jaccard >= 0.7 (or an identical set) joins them: **{gi.groups} groups**,")
    add(f"  the largest {largest} samples, {singles} singletons ({gi.seconds:.0f} s).")
    add("- **k-fold**: whole groups, assigned largest first to the fold with fewest samples of the group's main")
    add("  family (seeded, deterministic). Each sample is tested once; the rows above pool the folds.")
    add(f"- **Collections**: the owner/repo of a sample's first source; one owner's repositories are one collection,")
    add(f"  collections under the size limit are held out together. Sizes: "
        + ", ".join(f"{c} {n}" for c, n in sorted(r.collections.items(), key=lambda kv: -kv[1])) + ".")
    opts = " ".join(f"`{o}`" if o.startswith("--") else os.path.relpath(o) for o in r.learn_options) or "none"
    add("- **Per split**: one `db learn --labels` over the training samples whose label may teach, every such family")
    add(f"  at once so that each sharpens the others' rules (extra options: {opts}), against the goodware index")
    add("  below; the rules of the kept families written as rules/learned_fold.yar into a copy of the pattern file")
    add("  without its learned_*.yar, `db verify` on that copy, then `iotguard scan --min-severity medium` over the")
    add(f"  test samples. Kept: {r.learn_families}: {', '.join(r.kept_families) or 'none'}.")
    if r.unmatched_learnt:
        add(f"  The shipped learnt rules also name {', '.join(r.unmatched_learnt)}, which no families.tsv family")
        add("  matches: those are not learnt in the splits, so their samples' figures here are without them.")
    add("- Nothing from the corpus is executed; the archive is extracted into a temporary folder removed on exit.")
    add("")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(L))


def _fp_rows(rows, halves=None, limit=200):
    head = "| file | rules | severity |" + (" half |" if halves else "")
    lines = [head, "|---|---|---|" + ("---|" if halves else "")]
    for n, (p, rules, sev) in enumerate(rows[:limit]):
        extra = f" {halves[n]} |" if halves else ""
        lines.append(f"| `{p}` | {', '.join(rules)} | {sev} |{extra}")
    if len(rows) > limit:
        lines.append(f"| … {len(rows) - limit} more | | |" + (" |" if halves else ""))
    return lines
