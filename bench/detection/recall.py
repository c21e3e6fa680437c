# SPDX-License-Identifier: GPL-2.0-or-later
"""Recall figures over per-sample outcomes: overall, per family, architecture and UPX."""

from collections import defaultdict
from dataclasses import dataclass


@dataclass
class Rate:
    hit: int = 0
    total: int = 0
    named: int = 0
    learnt: int = 0  # caught only thanks to a rule learnt in the split

    def add(self, outcome, only_learnt=False):
        self.total += 1
        self.hit += outcome.detected
        self.named += outcome.named
        self.learnt += only_learnt

    @property
    def recall(self):
        return self.hit / self.total if self.total else 0.0


@dataclass
class Summary:
    overall: Rate
    family: dict
    arch: dict
    upx: dict
    named_base: int  # samples of a family the rules know: the named rate's denominator
    named_hit: int


def summarise(samples, outcomes, base=None, known=None):
    """samples: the Sample objects; outcomes: {sha256: Outcome} (only tested ones count);
    base: {sha256: Outcome} of the hand-written rules alone, to count what learning added;
    known: the families the measured rules name (None: every family that may teach)."""
    known = {f.lower() for f in known} if known is not None else None
    overall, family, arch, upx = Rate(), defaultdict(Rate), defaultdict(Rate), defaultdict(Rate)
    named_base = named_hit = 0
    for s in samples:
        o = outcomes.get(s.sha256)
        if o is None:
            continue
        only_learnt = o.detected and base is not None and not base[s.sha256].detected
        for rate in (overall, family[s.family], arch[s.arch], upx["yes" if s.upx else "no"]):
            rate.add(o, only_learnt)
        if (s.family.lower() in known) if known is not None else s.learnable:
            named_base += 1
            named_hit += o.named
    return Summary(overall, dict(family), dict(arch), dict(upx), named_base, named_hit)


def zero_recall(summary):
    """Families none of whose samples was detected, largest first."""
    rows = [(f, r.total) for f, r in summary.family.items() if r.hit == 0]
    return sorted(rows, key=lambda x: (-x[1], x[0]))
