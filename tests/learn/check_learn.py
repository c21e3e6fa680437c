#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""End-to-end test of the signature lab on harmless programs.

lab_bot is built for every CPU Debian cross-compiles to (tests/corpus/build.sh).
`db learn` learns from the static, stripped builds of all CPUs but one, against
a goodware index of real system and cross-libc ELF files; the test then scans,
with the real iotguard, the held-back CPU's builds and a build whose table has
another key, and the goodware itself. It fails unless the rules catch the
unseen builds through the decoded table and match no goodware file."""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

HELD_BACK = "mipsel"
FAMILY = "LabBot"


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def findings(iotguard, rules, paths):
    r = run([iotguard, "scan", "--format", "json", "--rules", str(rules), "--no-cache", *map(str, paths)])
    if r.returncode not in (0, 1):
        sys.exit(f"scan failed ({r.returncode}): {r.stderr}")
    out = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
    return [f for f in out if f.get("type") == "finding" and f.get("family") == FAMILY]


def goodware_files():
    # Static builds too: a static program carries libc text a dynamic one does not.
    roots = [pathlib.Path("/usr/bin"), pathlib.Path("/usr/sbin"), pathlib.Path("/bin/busybox")]
    roots += sorted(pathlib.Path("/usr").glob("*-linux-gnu*/lib"))
    return [r for r in roots if r.exists()]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("bins", type=pathlib.Path, help="build.sh output: <arch>/lab_bot*.")
    ap.add_argument("--iotguard", required=True)
    ap.add_argument("--min-archs", type=int, default=10)
    a = ap.parse_args()

    train = sorted(p for p in a.bins.glob("*/lab_bot.static.stripped") if p.parent.name != HELD_BACK)
    archs = {p.parent.name for p in train}
    if len(archs) < a.min_archs:
        sys.exit(f"only {len(archs)} architectures built ({sorted(archs)}), need {a.min_archs}")
    held = sorted(a.bins.glob(f"{HELD_BACK}/lab_bot.*"))
    held = [p for p in held if not p.name.endswith(".log")]
    rekeyed = sorted(a.bins.glob("*/lab_bot_rekeyed.static.stripped"))
    if not held or not rekeyed:
        sys.exit(f"missing held-back ({HELD_BACK}) or re-keyed builds under {a.bins}")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        index = tmp / "goodware.idx"
        gw = goodware_files()
        r = run([a.iotguard, "db", "goodware", "build", "-o", str(index), *map(str, gw)])
        if r.returncode != 0:
            sys.exit(f"goodware build failed: {r.stderr}{r.stdout}")
        rules = tmp / "labbot.yar"
        r = run([a.iotguard, "db", "learn", "--family", FAMILY, "--goodware", str(index),
                 "--min-samples", "3", "-o", str(rules), "--format", "json", *map(str, train)])
        if r.returncode != 0:
            sys.exit(f"db learn failed ({r.returncode}): {r.stderr}{r.stdout}")
        recs = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
        summary = recs[-1]
        assert summary["type"] == "summary", summary
        print(f"learnt {summary['rules']} rule(s), {summary['covered']} of {summary['samples']} "
              f"training builds covered")
        if summary["covered"] != len(train):
            sys.exit(f"the rules cover {summary['covered']} of {len(train)} training builds")
        text = rules.read_text()
        hidden = text.count("xor(0x01-0xff)")
        if hidden < 3:
            sys.exit(f"expected rules keyed on the decoded table, found {hidden} xor strings:\n{text}")

        # Unseen: another CPU, and the table under another key.
        for p in held + rekeyed:
            got = findings(a.iotguard, rules, [p])
            if not got:
                sys.exit(f"{p}: not caught by the learnt rules")
            ids = {s["id"] for f in got for s in f["evidence"].get("strings", [])}
            if p in rekeyed and not any(i.startswith("$x") for i in ids):
                sys.exit(f"{p}: caught, but not through the decoded table ({sorted(ids)})")
        print(f"caught {len(held)} held-back {HELD_BACK} builds and {len(rekeyed)} re-keyed builds")

        bad = findings(a.iotguard, rules, gw)
        if bad:
            sys.exit("rules match goodware: " + ", ".join(sorted({f["path"] for f in bad})[:10]))
        print(f"no match on the goodware ({', '.join(map(str, gw))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
