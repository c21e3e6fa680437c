#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark: `iotguard scan` against Debian's `yara -r -p N` and `clamscan -r` on one
# generated 1,000-rule set (and its ClamAV twin: .ndb body signatures for the same strings
# plus a .hsb SHA-256 list) over two corpora:
#   elf  the machine's ELF files (hard links, one per inode) plus cross-compiled ones
#   fw   a firmware-like tree: six rootfs copies (duplicate libraries and binaries) with
#        web assets, images and compressed blobs no ELF rule targets
# Reports wall time (hyperfine, warm cache), MB/s and max RSS (/usr/bin/time -v), and FAILS
# when iotguard's (file, rule) match set differs from yara's. See bench/README.md.
#
# Environment: BENCH_WORK (default bench/work), BENCH_CORES (nproc), BENCH_RUNS (5; yara and iotguard runs alternate),
# BENCH_CLAM_RUNS (1), BENCH_ELF_MB (1100; 0 = every ELF file), BENCH_MAX_FILE_MB (32),
# BENCH_REUSE=1 keeps corpora from an earlier run, BENCH_NO_BUILD=1 skips the build,
# BENCH_CORPORA ("elf fw"), BENCH_PREPARE_ONLY=1 builds rules and corpora and stops.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
work=${BENCH_WORK:-$here/work}
cores=${BENCH_CORES:-$(nproc)}
runs=${BENCH_RUNS:-5}
clam_runs=${BENCH_CLAM_RUNS:-1}
elf_mb=${BENCH_ELF_MB:-1100}
max_file_mb=${BENCH_MAX_FILE_MB:-32}
corpora=${BENCH_CORPORA:-elf fw}
iotguard=$src/build/release/src/cli/iotguard
mkdir -p "$work"
work=$(cd "$work" && pwd)
log() { printf '== %s\n' "$*" >&2; }

# --- tools -----------------------------------------------------------------------------
need=()
command -v yara >/dev/null || need+=(yara)
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v clamscan >/dev/null || need+=(clamav)  # never freshclam: only our own -d database
[ -x /usr/bin/time ] || need+=(time)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" >&2
fi
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  log "release build"
  (cd "$src" && cmake --preset release >/dev/null && cmake --build --preset release -j2 >&2)
fi

# --- rules, planted samples, cross-compiled files --------------------------------------
log "rules"
python3 "$here/gen_rules.py" rules "$work" >&2
cross=$work/cross
if [ "${BENCH_REUSE:-0}" != 1 ] || [ ! -d "$cross" ]; then
  log "cross-compiling harmless samples"
  rm -rf "$cross" && mkdir -p "$cross"
  arches=()
  for t in mips-linux-gnu mipsel-linux-gnu arm-linux-gnueabi aarch64-linux-gnu \
    powerpc-linux-gnu sh4-linux-gnu m68k-linux-gnu riscv64-linux-gnu i686-linux-gnu \
    x86_64-linux-gnu; do
    if command -v "$t-gcc" >/dev/null; then arches+=("$t"); fi
  done
  [ ${#arches[@]} -gt 0 ] || arches=(native)
  cc_for() { if [ "$1" = native ]; then echo cc; else echo "$1-gcc"; fi; }
  for t in "${arches[@]}"; do
    "$(cc_for "$t")" -O2 -static -w -o "$cross/toybox.$t" "$here/programs/toybox.c" ||
      "$(cc_for "$t")" -O2 -w -o "$cross/toybox.$t" "$here/programs/toybox.c"
    "$(cc_for "$t")" -Os -w -o "$cross/toybox-dyn.$t" "$here/programs/toybox.c"
  done
  i=0
  for c in "$work"/plant/sample*.c; do
    t=${arches[$((i % ${#arches[@]}))]}
    "$(cc_for "$t")" -O2 -w -o "$cross/$(basename "$c" .c).$t" "$c"
    i=$((i + 1))
  done
  # The cross-compiled test corpus, when this tree has built it (tests/corpus/build.sh).
  if [ -d "$src/tests/corpus/out" ]; then
    find "$src/tests/corpus/out" -type f | sort | while read -r f; do
      if [ "$(head -c4 "$f" | od -An -tx1 | tr -d ' ')" = 7f454c46 ]; then
        cp "$f" "$cross/corpus-$(echo "${f#"$src"/tests/corpus/out/}" | tr / _)"
      fi
    done
  fi
fi
# Two planted samples are also known by hash (for the hash-list engines).
python3 "$here/gen_rules.py" hashes "$work" $(ls "$cross"/sample0.* "$cross"/sample3.*)

if [ "${BENCH_REUSE:-0}" != 1 ] || [ ! -d "$work/corpus-elf" ]; then
  log "building the ELF corpus"
  python3 "$here/make_corpus.py" elf "$work/corpus-elf" "$elf_mb" "$max_file_mb" "$cross" >&2
fi
if [ "${BENCH_REUSE:-0}" != 1 ] || [ ! -d "$work/corpus-fw" ]; then
  log "building the firmware-like tree"
  python3 "$here/make_corpus.py" firmware "$work/corpus-fw" "$work/corpus-elf" "$cross" \
    "$work/plant" >&2
fi

[ "${BENCH_PREPARE_ONLY:-0}" != 1 ] || exit 0
[ -x "$iotguard" ] || { echo "no release build at $iotguard" >&2; exit 2; }

# --- runs ------------------------------------------------------------------------------
rules=("$work/rules/elf_families.yar" "$work/rules/scripts.yar")
out=$work/results
rm -rf "$out" && mkdir -p "$out"
section=$out/section.md
{
  echo "## scan vs yara and clamscan"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by bench/scan_vs_peers.sh (runs=$runs, yara and iotguard interleaved run by run; clamscan runs=$clam_runs; warm cache)."
  echo
  echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GB RAM; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Tools: iotguard $("$iotguard" --version 2>/dev/null | head -1) (release preset), yara $(yara --version), $(clamscan --version | cut -d/ -f1), hyperfine $(hyperfine --version | cut -d' ' -f2)"
  echo "- Rules: $(grep -c '^rule ' "${rules[@]}" | awk -F: '{s+=$2} END{print s}') YARA rules ($(grep -c '^rule ' "${rules[0]}") ELF-only), $(wc -l <"$work/clamav/bench.ndb") ClamAV body signatures, $(wc -l <"$work/clamav/bench.hsb") SHA-256 entries; every tool uses $cores worker threads except clamscan (single-threaded)"
} >"$section"

status=0
for corpus in $corpora; do
  dir=$work/corpus-$corpus
  read -r files bytes elves distinct < <(python3 "$here/report.py" census "$dir")
  log "corpus $corpus: $files files, $bytes bytes"
  y_cmd="yara -r -N -w -p $cores ${rules[*]} $dir"
  i_cmd="$iotguard scan --no-db --rules $work/rules --hashes $work/clamav/bench.hsb --no-cache -j $cores -i --format json --no-progress $dir"
  ic_cmd="$iotguard scan --no-db --rules $work/rules --hashes $work/clamav/bench.hsb --cache-dir $work/iotguard-cache -j $cores -i --format json --no-progress $dir"
  c_cmd="clamscan -r -i --no-summary -d $work/clamav --max-filesize=256M --max-scansize=256M $dir"

  # Match runs (they also warm the page cache) under /usr/bin/time -v for max RSS.
  /usr/bin/time -v -o "$out/$corpus.yara.time" $y_cmd >"$out/$corpus.yara.out" 2>"$out/$corpus.yara.err" || true
  /usr/bin/time -v -o "$out/$corpus.iotguard.time" $i_cmd >"$out/$corpus.iotguard.json" 2>"$out/$corpus.iotguard.err" || true
  /usr/bin/time -v -o "$out/$corpus.clamscan.time" $c_cmd >"$out/$corpus.clamscan.out" 2>"$out/$corpus.clamscan.err" || true
  rm -rf "$work/iotguard-cache"
  $ic_cmd >/dev/null 2>&1 || true  # fills the scan cache for the re-scan line
  /usr/bin/time -v -o "$out/$corpus.iotguard-cached.time" $ic_cmd >/dev/null 2>&1 || true

  if ! python3 "$here/report.py" compare "$out/$corpus.yara.out" "$out/$corpus.iotguard.json" \
    "$work/plant/EXPECTED" "$dir" >"$out/$corpus.compare"; then
    status=1
  fi
  cat "$out/$corpus.compare" >&2

  # yara and iotguard alternate, one run each per round: on a shared or
  # virtual machine the speed drifts by more than the difference measured,
  # and back-to-back blocks of runs would charge the drift to one tool.
  for r in $(seq "$runs"); do
    hyperfine -N -i --runs 1 --warmup 0 --export-json "$out/$corpus.yara.$r.json" "$y_cmd" >&2
    hyperfine -N -i --runs 1 --warmup 0 --export-json "$out/$corpus.iotguard.$r.json" "$i_cmd" >&2
  done
  python3 "$here/report.py" merge "$out/$corpus.yara.json" "$out/$corpus.yara."[0-9]*.json
  python3 "$here/report.py" merge "$out/$corpus.iotguard.json.hf" "$out/$corpus.iotguard."[0-9]*.json
  hyperfine -N -i --runs "$runs" --warmup 0 --export-json "$out/$corpus.iotguard-cached.json" "$ic_cmd" >&2
  hyperfine -N -i --runs "$clam_runs" --warmup 0 --export-json "$out/$corpus.clamscan.json" "$c_cmd" >&2

  rss() { python3 "$here/report.py" rss "$out/$corpus.$1.time"; }
  clam_hits=$(grep -c 'FOUND$' "$out/$corpus.clamscan.out" || true)
  yara_hits=$(wc -l <"$out/$corpus.yara.out")
  iot_hits=$(grep -c '"type":"finding"' "$out/$corpus.iotguard.json" || true)
  y_mean=$(python3 "$here/report.py" mean "$out/$corpus.yara.json")
  i_mean=$(python3 "$here/report.py" mean "$out/$corpus.iotguard.json.hf")
  c_mean=$(python3 "$here/report.py" mean "$out/$corpus.clamscan.json")
  y_cpu=$(python3 "$here/report.py" cpu "$out/$corpus.yara.json")
  i_cpu=$(python3 "$here/report.py" cpu "$out/$corpus.iotguard.json.hf")
  c_cpu=$(python3 "$here/report.py" cpu "$out/$corpus.clamscan.json")
  {
    echo
    echo "### corpus: $corpus"
    echo
    echo "$files files, $(awk -v b="$bytes" 'BEGIN{printf "%.1f MB", b/1e6}'), $elves ELF, $distinct distinct contents."
    echo
    echo "| tool | wall s (mean ± sd) | MB/s | CPU s | MB per CPU s | max RSS MB | output |"
    echo "|---|---|---|---|---|---|---|"
    python3 "$here/report.py" row "yara -r -p $cores" "$out/$corpus.yara.json" "$bytes" "$(rss yara)" "$yara_hits matches"
    python3 "$here/report.py" row "iotguard scan -j $cores --no-cache" "$out/$corpus.iotguard.json.hf" "$bytes" "$(rss iotguard)" "$iot_hits findings"
    python3 "$here/report.py" row "iotguard scan -j $cores, re-scan with cache" "$out/$corpus.iotguard-cached.json" "$bytes" "$(rss iotguard-cached)" "(cache hits)"
    python3 "$here/report.py" row "clamscan -r (1 thread)" "$out/$corpus.clamscan.json" "$bytes" "$(rss clamscan)" "$clam_hits FOUND"
    echo
    echo "- Match sets: $(cat "$out/$corpus.compare" | tail -1)"
    awk -v y="$y_mean" -v i="$i_mean" -v c="$c_mean" -v yc="$y_cpu" -v ic="$i_cpu" -v cc="$c_cpu" \
      'BEGIN{printf "- iotguard speed-up, wall time: %.2fx yara, %.1fx clamscan; CPU time: %.2fx yara, %.1fx clamscan\n", y/i, c/i, yc/ic, cc/ic}'
  } >>"$section"
done

cat "$section"
if [ $status -ne 0 ]; then
  echo "FAIL: iotguard's match set differs from yara's (see $out/*.compare)" >&2
  exit 1
fi
