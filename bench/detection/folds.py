# SPDX-License-Identifier: GPL-2.0-or-later
"""Train/test splits: grouped stratified k-fold, and leave-one-collection-out.

Every split keeps near-duplicate groups (grouping.py) on one side: a rule is never tested on
a sample one of whose near-duplicates taught it.
"""

import random
from collections import Counter
from dataclasses import dataclass


@dataclass
class Split:
    name: str
    train: list  # sha256s the rules are learnt from
    test: list  # sha256s they are measured on
    excluded: int = 0  # left out of training because they touch the test side


def _groups(samples, group_of):
    members = {}
    for s in samples:
        members.setdefault(group_of[s.sha256], []).append(s)
    return members


def _main_family(members):
    counts = Counter(s.family for s in members)
    best = max(counts.values())
    return min(f for f, n in counts.items() if n == best)


def kfold(samples, group_of, k, seed=1):
    """k splits; each group goes whole to one test fold, balancing its main family across
    folds (largest groups first, then the fold holding fewest of that family, then the
    smallest fold). Deterministic for a seed."""
    groups = list(_groups(samples, group_of).items())
    groups.sort(key=lambda g: g[0])
    random.Random(seed).shuffle(groups)
    groups.sort(key=lambda g: -len(g[1]))
    per_family = [Counter() for _ in range(k)]
    size = [0] * k
    fold_of = {}
    for gid, members in groups:
        fam = _main_family(members)
        f = min(range(k), key=lambda i: (per_family[i][fam], size[i], i))
        per_family[f][fam] += len(members)
        size[f] += len(members)
        for s in members:
            fold_of[s.sha256] = f
    splits = []
    for f in range(k):
        test = [s.sha256 for s in samples if fold_of[s.sha256] == f]
        train = [s.sha256 for s in samples if fold_of[s.sha256] != f]
        splits.append(Split(f"fold {f + 1}/{k}", train, test))
    return splits


def leave_one_collection_out(samples, group_of, collections=None):
    """One split per collection (samples' first collection). Training leaves out every
    sample found in the held-out collection too, and every member of a near-duplicate
    group that has a test sample."""
    names = collections or sorted({s.collections[0] for s in samples})
    splits = []
    for name in names:
        test = [s for s in samples if s.collections[0] == name]
        touched = {group_of[s.sha256] for s in test}
        train, excluded = [], 0
        for s in samples:
            if s.collections[0] == name:
                continue
            if name in s.collections or group_of[s.sha256] in touched:
                excluded += 1
            else:
                train.append(s.sha256)
        splits.append(Split(name, train, [s.sha256 for s in test], excluded))
    return splits


def subsample_groups(samples, group_of, fraction, seed=1):
    """Whole groups, a seeded fraction of them (for --quick)."""
    gids = sorted({group_of[s.sha256] for s in samples})
    random.Random(seed).shuffle(gids)
    keep = set(gids[: max(1, int(len(gids) * fraction))])
    return [s for s in samples if group_of[s.sha256] in keep]
