# SPDX-License-Identifier: GPL-2.0-or-later
"""Pattern-file copies for the benchmark.

The base copy is the shipped signatures/ without its learnt rules (rules/learned_*.yar):
the hand-written rules, which no corpus sample taught. A fold's copy is the base plus the
rules learnt on that fold's training samples, as rules/learned_fold.yar. Manifests are kept
consistent with the files so that `db verify` can check each copy.
"""

import glob
import json
import os
import re
import shutil

LEARNED = "learned_*.yar"


def learned_files(db):
    return sorted(glob.glob(os.path.join(db, "rules", LEARNED)))


def _ignore(directory, names):
    skip = {".compiled"}
    if os.path.basename(directory) == "rules":
        skip |= {n for n in names if n.startswith("learned_") and n.endswith(".yar")}
    return skip


_FAMILY_META = re.compile(r'^\s*family\s*=\s*"([^"]+)"', re.MULTILINE)


def families_in(db, paths=None):
    """The family meta of the rule files paths (default: every rules/*.yar of db)."""
    names = set()
    for path in paths if paths is not None else glob.glob(os.path.join(db, "rules", "*.yar")):
        with open(path, encoding="utf-8", errors="replace") as f:
            names.update(_FAMILY_META.findall(f.read()))
    return sorted(names)


def _rewrite_manifest(db, add=None):
    path = os.path.join(db, "manifest.json")
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
    rules = {k: v for k, v in manifest.get("rules", {}).items() if not (k.startswith("learned_") and k.endswith(".yar"))}
    rules.update(add or {})
    manifest["rules"] = rules
    manifest["rules_total"] = sum(rules.values())
    manifest["families"] = families_in(db)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


def base_copy(shipped, dest):
    """The shipped pattern file minus its learnt rules, at dest."""
    shutil.copytree(shipped, dest, ignore=_ignore)
    _rewrite_manifest(dest)
    return dest


def fold_copy(base, dest, learned_yar, rule_count):
    """base plus learned_yar as rules/learned_fold.yar."""
    shutil.copytree(base, dest)
    shutil.copyfile(learned_yar, os.path.join(dest, "rules", "learned_fold.yar"))
    _rewrite_manifest(dest, {"learned_fold.yar": rule_count})
    return dest
