#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# ELF parse throughput: `iotguard info --format json` against
# `readelf -h -l -S -W` over every ELF file on this machine (/usr, /bin, /sbin,
# /lib, plus the cross-architecture corpus), with hyperfine for time and
# /usr/bin/time -v for peak RSS. Writes its section of bench/RESULTS.md.
#
#   bench/elf_parse.sh                 build/release (built if missing)
#   IOTGUARD_BIN=... RUNS=5 bench/elf_parse.sh
#
# Both tools get the same file list in xargs batches, output to /dev/null.
# Note that info also computes MD5, SHA-1 and SHA-256 and the entropy of every
# file, which readelf does not; the table shows both as they are used.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
RUNS=${RUNS:-3}
work=$root/build/bench
mkdir -p "$work"

for tool in hyperfine readelf python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "elf_parse: needs $tool (scripts/install-deps.sh --test)" >&2; exit 2; }
done

bin=${IOTGUARD_BIN:-$root/build/release/src/cli/iotguard}
if [[ ! -x $bin ]]; then
  echo "elf_parse: building the release preset" >&2
  cmake --preset release >/dev/null
  cmake --build --preset release -j2 >/dev/null
fi
tests/corpus/build.sh "$work/corpus" >/dev/null

# Regular files (no symlinks, one filesystem each) that start with \x7fELF.
list=$work/elf-files.0
counts=$(python3 - "$list" /usr /bin /sbin /lib "$work/corpus" <<'PY'
import os, stat, sys
out, roots = sys.argv[1], sys.argv[2:]
seen, n, total = set(), 0, 0
with open(out, "wb") as o:
    for root in roots:
        if os.path.islink(root) or not os.path.isdir(root):
            continue  # /bin -> usr/bin on merged-/usr systems
        dev = os.stat(root).st_dev
        for d, dirs, files in os.walk(root):
            dirs[:] = [x for x in dirs if not os.path.islink(os.path.join(d, x))
                       and os.lstat(os.path.join(d, x)).st_dev == dev]
            for name in files:
                p = os.path.join(d, name)
                try:
                    st = os.lstat(p)
                    if not stat.S_ISREG(st.st_mode) or st.st_size < 16:
                        continue
                    if (st.st_dev, st.st_ino) in seen:
                        continue
                    with open(p, "rb") as f:
                        if f.read(4) != b"\x7fELF":
                            continue
                except OSError:
                    continue
                seen.add((st.st_dev, st.st_ino))
                o.write(p.encode() + b"\0")
                n += 1
                total += st.st_size
print(f"{n} {total}")
PY
)
read -r nfiles nbytes <<<"$counts"
echo "elf_parse: $nfiles ELF files, $((nbytes / 1048576)) MiB" >&2

# Every file must parse (info exits 2 on the first unreadable one otherwise).
ig="xargs -0 -a $list $bin --format json info"
re="xargs -0 -a $list readelf -h -l -S -W"
hyperfine --runs "$RUNS" --warmup 1 --export-json "$work/hyperfine.json" \
  -n "iotguard info --format json" "$ig >/dev/null" \
  -n "readelf -h -l -S -W" "$re >/dev/null 2>&1" >&2

rss() {  # peak RSS in KiB of the largest process of one run; output to $2
  /usr/bin/time -v sh -c "$1 >$2 2>/dev/null" 2>&1 >/dev/null |
    awk -F': ' '/Maximum resident set size/ {print $2}'
}
rss_ig=$(rss "$ig" "$work/info.jsonl")
rss_re=$(rss "$re" /dev/null)
errors=$(grep -c '"type":"error"' "$work/info.jsonl" || true)

cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
section=$(python3 - "$work/hyperfine.json" "$nfiles" "$nbytes" "$rss_ig" "$rss_re" <<PY
import json, sys
h = json.load(open(sys.argv[1]))["results"]
n, b, rss = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:6]
print("## ELF parse throughput (bench/elf_parse.sh)\n")
print("Machine: $(nproc) CPUs, $cpu, $mem RAM; $(uname -sr); $(readelf --version | head -1).")
print(f"Input: {n} ELF files, {b / 1048576:.0f} MiB (every regular ELF file under /usr, /bin, "
      "/sbin, /lib, plus the 60-file cross-architecture corpus), page cache warm, "
      f"{h[0]['times'].__len__()} runs after 1 warm-up, release build.\n")
print("| command | mean time (s) | ± stddev | files/s | MiB/s | peak RSS (MiB) |")
print("|---|---:|---:|---:|---:|---:|")
for r, m in zip(h, rss):
    t = r["mean"]
    print(f"| \`{r['command']}\` | {t:.2f} | {r['stddev'] or 0:.2f} | {n / t:,.0f} | "
          f"{b / 1048576 / t:,.0f} | {int(m) / 1024:.1f} |")
print("\n\`info\` also hashes every file (MD5, SHA-1, SHA-256) and computes entropy per file "
      "and per segment; readelf only prints headers. Files that info could not read: $errors.")
print(f"Date: $(date -u +%Y-%m-%d).")
PY
)

results=bench/RESULTS.md
if [[ ! -f $results ]]; then
  printf '%s\n' "# Benchmark results" "" \
    "Real numbers from real runs; each section is rewritten by the script named in its title." \
    "Compare runs only on the same machine." "" >"$results"
fi
python3 - "$results" "$section" <<'PY'
import sys
path, body = sys.argv[1], sys.argv[2]
begin, end = "<!-- elf_parse:begin -->", "<!-- elf_parse:end -->"
text = open(path).read()
block = f"{begin}\n{body}\n{end}\n"
if begin in text and end in text:
    text = text[:text.index(begin)] + block + text[text.index(end) + len(end) + 1:]
else:
    text = text.rstrip("\n") + "\n\n" + block
open(path, "w").write(text)
PY
echo "elf_parse: wrote $results" >&2
echo "$section"
