#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Result helpers for bench/scan_vs_peers.sh.

  report.py compare YARA_OUT IOTGUARD_JSON EXPECTED CORPUS_ROOT
      Compares yara's "RULE PATH" lines with iotguard's YARA findings as (path, rule) sets,
      and checks every planted file under CORPUS_ROOT was matched by its rules. Prints the
      count; exits 1 (and prints the differences) when they differ.
  report.py census DIR
      Prints "FILES BYTES ELF_FILES DISTINCT_CONTENTS" for the tree under DIR.
  report.py rss TIME_V_OUTPUT
      Prints "Maximum resident set size" from /usr/bin/time -v output, in MB.
  report.py row LABEL HYPERFINE_JSON BYTES RSS_MB MATCHES
      Prints one Markdown table row: label, wall mean ± stddev seconds, MB/s of wall time,
      CPU seconds (user + system), MB per CPU second, max RSS, matches.
  report.py cpu HYPERFINE_JSON
      Prints the mean CPU time (user + system) in seconds.
  report.py mean HYPERFINE_JSON
      Prints the mean wall time in seconds.
"""

import json
import os
import sys


def yara_set(path):
    out = set()
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or " " not in line:
                continue
            rule, p = line.split(" ", 1)
            out.add((p, rule))
    return out


def iotguard_set(path):
    out, hashes = set(), set()
    with open(path, errors="replace") as f:
        for line in f:
            if not line.startswith("{"):
                continue
            o = json.loads(line)
            if o.get("type") != "finding":
                continue
            engine = (o.get("evidence") or {}).get("engine")
            if engine == "yara":
                out.add((o["path"], o["rule"]))
            elif engine == "hash":
                hashes.add((o["path"], o["rule"]))
    return out, hashes


def cmd_compare(yara_out, iot_json, expected, corpus_root):
    y = yara_set(yara_out)
    i, hashes = iotguard_set(iot_json)
    ok = True
    if y != i:
        ok = False
        print("MATCH SETS DIFFER: yara %d, iotguard %d" % (len(y), len(i)))
        for p, r in sorted(y - i)[:50]:
            print("  only yara:     %s %s" % (r, p))
        for p, r in sorted(i - y)[:50]:
            print("  only iotguard: %s %s" % (r, p))
    # Every planted file present in the corpus must be matched by all its rules.
    want = {}
    with open(expected) as f:
        for line in f:
            parts = line.split()
            if parts:
                want[parts[0]] = set(parts[1:])
    planted = 0
    found_by = {}
    for p, r in i:
        found_by.setdefault(os.path.abspath(p), set()).add(r)
    for dp, _, fns in os.walk(corpus_root):
        for fn in fns:
            stem = fn.split(".")[0] if fn.startswith("sample") else fn
            if stem in want:
                planted += 1
                p = os.path.join(dp, fn)
                missing = want[stem] - found_by.get(os.path.abspath(p), set())
                if missing:
                    ok = False
                    print("PLANTED FILE NOT MATCHED: %s misses %s" % (p, " ".join(sorted(missing))))
    print("%d (file, rule) YARA matches, identical in yara and iotguard: %s; "
          "%d planted files checked; %d hash-list hits" % (len(i), "yes" if ok else "NO",
                                                          planted, len(hashes)))
    sys.exit(0 if ok else 1)


def cmd_census(root):
    import hashlib
    files = nbytes = elves = 0
    digests = set()
    for dp, _, fns in os.walk(root):
        for fn in fns:
            p = os.path.join(dp, fn)
            with open(p, "rb") as f:
                data = f.read()
            files += 1
            nbytes += len(data)
            elves += data[:4] == b"\x7fELF"
            digests.add(hashlib.sha256(data).digest())
    print(files, nbytes, elves, len(digests))


def cmd_rss(path):
    with open(path) as f:
        for line in f:
            if "Maximum resident set size" in line:
                print("%.1f" % (int(line.split(":")[1]) / 1024.0))
                return
    print("?")


def cmd_mean(path):
    with open(path) as f:
        print("%.3f" % json.load(f)["results"][0]["mean"])


def cmd_cpu(path):
    with open(path) as f:
        r = json.load(f)["results"][0]
    print("%.3f" % (r["user"] + r["system"]))


def cmd_merge(out, *runs):
    """Joins one-run hyperfine exports into one, as if hyperfine had made them."""
    times, user, system = [], [], []
    for path in runs:
        with open(path) as f:
            r = json.load(f)["results"][0]
        times += r["times"]
        user.append(r["user"])
        system.append(r["system"])
    n = len(times)
    mean = sum(times) / n
    sd = (sum((t - mean) ** 2 for t in times) / (n - 1)) ** 0.5 if n > 1 else 0.0
    res = {"mean": mean, "stddev": sd, "median": sorted(times)[n // 2], "times": times,
           "user": sum(user) / n, "system": sum(system) / n}
    with open(out, "w") as f:
        json.dump({"results": [res]}, f)


def cmd_row(label, hf, nbytes, rss, matches):
    with open(hf) as f:
        r = json.load(f)["results"][0]
    mean, sd = r["mean"], r.get("stddev") or 0.0
    cpu = r["user"] + r["system"]
    mb = int(nbytes) / 1e6
    print("| %s | %.2f ± %.2f | %.0f | %.2f | %.0f | %s | %s |"
          % (label, mean, sd, mb / mean, cpu, mb / cpu, rss, matches))


def main():
    a = sys.argv
    if len(a) == 6 and a[1] == "compare":
        cmd_compare(a[2], a[3], a[4], a[5])
    elif len(a) == 3 and a[1] == "census":
        cmd_census(a[2])
    elif len(a) == 3 and a[1] == "rss":
        cmd_rss(a[2])
    elif len(a) == 3 and a[1] == "cpu":
        cmd_cpu(a[2])
    elif len(a) == 3 and a[1] == "mean":
        cmd_mean(a[2])
    elif len(a) >= 4 and a[1] == "merge":
        cmd_merge(a[2], *a[3:])
    elif len(a) == 7 and a[1] == "row":
        cmd_row(*a[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
