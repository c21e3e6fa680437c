# SPDX-License-Identifier: GPL-2.0-or-later
"""Which public collection each sample came from, for leave-one-collection-out.

A collection is the GitHub repository of a `source` entry (owner/repo, before the ':').
Repositories of one owner are one collection (Thatdevnerd's three Mirai forks are one
code base). Collections smaller than MIN_SIZE samples are held out together as one
"smaller collections" set: a rule learnt without any of them is tested on all of them.
A sample found in several collections belongs to the first (the one its label came from)
and is never used for learning while any of them is held out.
"""

from collections import Counter

MIN_SIZE = 20
SMALL = "(smaller collections)"


def repo_of(source):
    return source.split(":", 1)[0]


def assign(samples, min_size=MIN_SIZE):
    """Sets s.collections (first = where it is tested); returns {collection: sample count}."""
    owners = {}
    for s in samples:
        for src in s.sources:
            owner = repo_of(src).split("/", 1)[0]
            owners.setdefault(owner, set()).add(repo_of(src))

    def raw(src):
        repo = repo_of(src)
        owner = repo.split("/", 1)[0]
        return owner + "/*" if len(owners[owner]) > 1 else repo

    first = Counter(raw(s.sources[0]) for s in samples)

    def named(src):
        c = raw(src)
        return c if first[c] >= min_size else SMALL

    for s in samples:
        seen = []
        for src in s.sources:
            c = named(src)
            if c not in seen:
                seen.append(c)
        s.collections = seen
    return Counter(s.collections[0] for s in samples)
