# SPDX-License-Identifier: GPL-2.0-or-later
"""Near-duplicate groups: samples whose string sets overlap by Jaccard >= THRESHOLD.

Rules learnt on one build of a bot and tested on another build of the same source would
measure memory, not detection, so folds keep every group whole. Candidate pairs come from
MinHash signatures split into LSH bands (one-permutation hashing with rotation
densification, Shrivastava & Li 2014: one pass over each set instead of K); each candidate
is then checked on the exact sets, and union-find joins the pairs that pass. Samples with
the same (non-empty) set are joined whatever their size.
"""

K = 128  # signature length
BANDS, ROWS = 32, 4  # P(candidate) at J=0.7: 1-(1-0.7^4)^32 > 0.9998; exact check follows
THRESHOLD = 0.7
MIN_STRINGS = 5  # smaller sets only join identical sets: 3 shared strings prove nothing
_MASK = (1 << 64) - 1


class UnionFind:
    def __init__(self, items):
        self.parent = {x: x for x in items}

    def find(self, x):
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True


def signature(hashes):
    """K bins; bin = h mod K keeps the least h div K; empty bins borrow the next filled one."""
    bins = [None] * K
    for h in hashes:
        b, v = h % K, h // K
        if bins[b] is None or v < bins[b]:
            bins[b] = v
    if all(v is None for v in bins):
        return None
    out = list(bins)
    for i in range(K):
        j, step = i, 0
        while bins[j] is None:
            j, step = (j + 1) % K, step + 1
        out[i] = bins[j] if step == 0 else (bins[j] ^ (step * 0xC2B2AE3D27D4EB4F)) & _MASK
    return out


def jaccard(a, b):
    if not a and not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def near_duplicate_groups(sets, threshold=THRESHOLD):
    """{sha256: group id (the smallest sha256 of its group)} and the number of joined pairs."""
    uf = UnionFind(sets)
    by_set = {}
    for key, s in sets.items():
        if s:
            by_set.setdefault(frozenset(s), []).append(key)
    joined = 0
    for keys in by_set.values():
        for k in keys[1:]:
            joined += uf.union(keys[0], k)
    buckets = {}
    for key, s in sets.items():
        if len(s) < MIN_STRINGS:
            continue
        sig = signature(s)
        for band in range(BANDS):
            rows = tuple(sig[band * ROWS : (band + 1) * ROWS])
            buckets.setdefault((band, rows), []).append(key)
    checked = set()
    for keys in buckets.values():
        if len(keys) < 2:
            continue
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if uf.find(a) == uf.find(b) or (a, b) in checked:
                    continue
                checked.add((a, b))
                if jaccard(sets[a], sets[b]) >= threshold:
                    joined += uf.union(a, b)
    return {k: uf.find(k) for k in sets}, joined
