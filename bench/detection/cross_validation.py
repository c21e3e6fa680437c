# SPDX-License-Identifier: GPL-2.0-or-later
"""One split: learn rules on its training samples, scan its test samples with them.

The rules are learnt as the shipped ones are (signatures/tools/learn-rules.py): one
`iotguard db learn --labels` over the training samples, every family whose label may teach
(families.tsv) at once so that each sharpens the others' rules, with the pattern file's
learn/cribs.txt and learn/rejected.txt; only the rules of the kept families are used (those
the shipped learned_*.yar hold, or all of them: main.py decides). They are put
beside the hand-written rules in a copy of the pattern file (fold_pattern_file.py), and that
copy scans the test samples at --min-severity medium. A test sample is *detected* when any
finding remains, *named* when a finding's family is its expected family.
"""

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field

import fold_pattern_file
import iotguard_cli
import labels


@dataclass
class Outcome:
    detected: bool
    named: bool
    rules: list
    by_learnt: bool  # some finding came from a rule learnt in this split


@dataclass
class SplitResult:
    name: str
    train: int
    test: int
    excluded: int
    taught: int  # training samples whose label may teach a rule
    rules: int
    learn_seconds: float
    scan_seconds: float
    verify: str
    rules_file: str
    outcomes: dict = field(default_factory=dict)
    learn_summary: dict = field(default_factory=dict)


def outcomes(findings, expected, learnt_names=frozenset()):
    """{sha256: Outcome} for every sha256 in expected ({sha256: family})."""
    hits = {}
    for f in findings:
        sha = os.path.basename(f.get("path", ""))
        if sha in expected:
            hits.setdefault(sha, []).append(f)
    out = {}
    for sha, family in expected.items():
        fs = hits.get(sha, [])
        out[sha] = Outcome(
            detected=bool(fs),
            named=any((f.get("family") or "").lower() == family.lower() for f in fs),
            rules=sorted({f.get("rule", "?") for f in fs}),
            by_learnt=any(f.get("rule") in learnt_names for f in fs),
        )
    return out


def verify(iotguard, db):
    done = subprocess.run([iotguard, "db", "--db", db, "verify"], capture_output=True, text=True, check=False)
    if done.returncode == 0:
        return "ok"
    problems = [l for l in (done.stderr + done.stdout).splitlines() if l.strip()]
    return "; ".join(problems[:3])


_RULE = re.compile(r"(?ms)^(?:private |global )*rule \w+.*?^}\n")


def keep_rules(text, records, keep):
    """The rule text and records of the rules whose family is kept."""
    kept = [r for r in records if keep(r.get("family", ""))]
    names = {r.get("name") for r in kept}
    rules = _RULE.findall(text)
    head = text[: text.find(rules[0])] if rules else ""
    body = [r for r in rules if re.match(r"(?:private |global )*rule (\w+)", r).group(1) in names]
    return head + "\n".join(body), kept


def run_split(ctx, split, tag):
    """ctx: iotguard, samples_dir, by_sha, base_db, index, learn_options, keep, work, jobs,
    min_samples."""
    work = os.path.join(ctx.work, tag)
    os.makedirs(work)
    train = [ctx.by_sha[s] for s in split.train if ctx.by_sha[s].learnable]
    taught = [s for s in train if ctx.keep(s.family)]
    labels_path = os.path.join(work, "labels.tsv")
    with open(labels_path, "w", encoding="utf-8") as f:
        f.write(labels.labels_tsv(train))
    learnt = os.path.join(work, "learnt.yar")
    records, summary, learn_s = iotguard_cli.learn(
        ctx.iotguard,
        ctx.index,
        learnt,
        labels_path,
        [os.path.join(ctx.samples_dir, s.sha256) for s in train],
        ctx.min_samples,
        ctx.jobs,
        ctx.learn_options,
    )
    text = ""
    if os.path.exists(learnt):
        with open(learnt, encoding="utf-8") as f:
            text = f.read()
    text, records = keep_rules(text, records, ctx.keep)
    kept = os.path.join(work, f"{tag}.yar")
    with open(kept, "w", encoding="utf-8") as f:
        f.write(text)
    learnt = kept
    db = fold_pattern_file.fold_copy(ctx.base_db, os.path.join(work, "db"), learnt, len(records))
    checked = verify(ctx.iotguard, db)
    expected = {s: ctx.by_sha[s].family for s in split.test}
    findings, _, scan_s = iotguard_cli.scan(
        ctx.iotguard, [os.path.join(ctx.samples_dir, s) for s in split.test], db=db, jobs=ctx.jobs
    )
    names = {r.get("name") for r in records}
    result = SplitResult(
        name=split.name,
        train=len(split.train),
        test=len(split.test),
        excluded=split.excluded,
        taught=len(taught),
        rules=len(records),
        learn_seconds=learn_s,
        scan_seconds=scan_s,
        verify=checked,
        rules_file=os.path.join(ctx.work, f"{tag}.yar"),
        outcomes=outcomes(findings, expected, names),
        learn_summary=summary,
    )
    shutil.copyfile(learnt, result.rules_file)
    shutil.rmtree(work)
    return result
