# SPDX-License-Identifier: GPL-2.0-or-later
"""The corpus manifest, and one family name per sample from families.tsv.

    python3 labels.py MANIFEST.tsv [--families FILE] [--tsv]
        prints the label -> family table with counts, or (--tsv) the LABELS.tsv that
        `iotguard db learn --labels` reads: sha256<TAB>family<TAB>variant, one line per
        sample whose family may teach rules.
"""

import argparse
import csv
import os
import re
import sys
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
FAMILIES_TSV = os.path.join(HERE, "families.tsv")


@dataclass
class Sample:
    sha256: str
    size: int
    arch: str
    label: str
    upx: bool
    sources: list
    peers: list
    family: str = ""
    variant: str = ""
    learnable: bool = False
    named_by: str = ""  # label | peer | derived | generic
    collections: list = field(default_factory=list)  # filled by source_collections.py


@dataclass
class Rule:
    on: str
    pattern: re.Pattern
    family: str
    variant: str
    kind: str


def _expand(template, m, capitalise):
    """Template with \\N replaced by group N of m (\\0: the whole match)."""

    def group(g):
        text = m.group(int(g.group(1))) or ""
        return text[:1].upper() + text[1:] if capitalise else text

    return re.sub(r"\\(\d)", group, template)


def read_rules(path=FAMILIES_TSV):
    rules = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 5 or cols[0] not in ("label", "peer") or cols[4] not in ("family", "generic"):
                raise ValueError(f"{path}:{n}: expected on<TAB>pattern<TAB>family<TAB>variant<TAB>kind")
            rules.append(Rule(cols[0], re.compile(cols[1], re.IGNORECASE), cols[2], cols[3], cols[4]))
    return rules


def derived_family(label):
    """A family made of an unknown label: `grip` -> `Grip`, `foo bar` -> `Foo.bar`."""
    name = re.sub(r"[^A-Za-z0-9_]+", ".", label).strip(".") or "Unlabeled"
    return name[:1].upper() + name[1:]


def classify(label, peers, rules):
    """(family, variant, learnable, named_by) for one sample's label and peer names."""
    for r in rules:
        if r.on != "label":
            continue
        m = r.pattern.fullmatch(label.strip())
        if not m:
            continue
        family, variant = _expand(r.family, m, True), _expand(r.variant, m, False)
        if r.kind == "family":
            return family, variant, True, "label"
        for p in rules:
            if p.on == "peer":
                for name in peers:
                    pm = p.pattern.fullmatch(name)
                    if pm:
                        return _expand(p.family, pm, True), _expand(p.variant, pm, False), True, "peer"
        return family, variant, False, "generic"
    return derived_family(label), "", True, "derived"


def read_manifest(path, rules=None):
    rules = rules if rules is not None else read_rules()
    samples = []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            s = Sample(
                sha256=row["sha256"],
                size=int(row["size"]),
                arch=row["arch"],
                label=row["family"],
                upx=row["upx"] == "yes",
                sources=[x for x in row["source"].split(";") if x],
                peers=[x for x in (row.get("peer_families") or "").split(";") if x],
            )
            s.family, s.variant, s.learnable, s.named_by = classify(s.label, s.peers, rules)
            samples.append(s)
    return samples


def labels_tsv(samples):
    """The LABELS.tsv text for `db learn --labels`: the samples that may teach rules."""
    lines = ["# sha256\tfamily\tvariant (bench/detection/families.tsv)"]
    lines += [f"{s.sha256}\t{s.family}\t{s.variant}" for s in samples if s.learnable]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("manifest")
    ap.add_argument("--families", default=FAMILIES_TSV)
    ap.add_argument("--tsv", action="store_true", help="print LABELS.tsv for db learn")
    a = ap.parse_args()
    samples = read_manifest(a.manifest, read_rules(a.families))
    if a.tsv:
        sys.stdout.write(labels_tsv(samples))
        return
    table = {}
    for s in samples:
        key = (s.label, s.family, s.variant, s.named_by)
        table[key] = table.get(key, 0) + 1
    for (label, family, variant, how), n in sorted(table.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{n:5}  {label:45.45}  {family}{' / ' + variant if variant else ''}  [{how}]")


if __name__ == "__main__":
    main()
