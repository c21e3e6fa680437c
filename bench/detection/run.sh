#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Detection benchmark: how much of the training corpus the pattern file detects, measured on
# samples the rules were not learnt from (grouped k-fold and leave-one-collection-out with
# `iotguard db learn`), its false positives on real Debian ELF files, and its speed next to
# yara 4 on the same rules. Writes bench/DETECTION.md. See bench/README.md.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

usage() {
    cat <<EOF
Usage: bench/detection/run.sh [--folds K] [--quick] [--goodware DIR] [--out FILE] [--jobs N]
                              [--db DIR] [--learn-families shipped|all] [--min-samples N]

Extracts the training corpus into a temporary folder (removed on exit), then measures the
shipped pattern file and \`iotguard db learn\` on it and writes the results as Markdown.

  --folds K        grouped k-fold cross-validation folds (default 5)
  --quick          a smoke run: 3 folds over a quarter of the corpus, two held-out
                   collections, one speed run (a few minutes)
  --goodware DIR   Debian ELF files, <arch>/<package>/<path> (scripts/goodware.sh; default
                   \$IOTGUARD_GOODWARE or /var/cache/iotguard/goodware). Without it the
                   false-positive and goodware-index figures are skipped, and said so.
  --out FILE       where to write the results (default bench/DETECTION.md)
  --jobs N         threads for iotguard and yara (default 2)
  --db DIR         the pattern file to measure (default signatures/ of this tree)
  --learn-families which learnt rules each split keeps: \`shipped\` (default), the families
                   the pattern file's rules/learned_*.yar hold (every family when it has
                   none), or \`all\`, every family families.tsv lets teach
  --min-samples N  passed to \`db learn\` (default: its own)

Environment:
  IOTGUARD         the iotguard binary (default build/release/src/cli/iotguard)
  IOTGUARD_CORPUS  the corpus archive (default <root>/../shared/corpus/training-malware.7z,
                   7z with password "infected")

Exit codes: 0 done, 2 an input is missing or a step failed.
EOF
}

folds=5
quick=()
goodware=${IOTGUARD_GOODWARE:-/var/cache/iotguard/goodware}
out=$root/bench/DETECTION.md
jobs=2
db=$root/signatures
learn_families=shipped
min_samples=()
command_line="bench/detection/run.sh"
while [ $# -gt 0 ]; do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --folds) folds=$2; command_line+=" --folds $2"; shift 2 ;;
        --quick) quick=(--quick); command_line+=" --quick"; shift ;;
        --goodware) goodware=$2; command_line+=" --goodware $2"; shift 2 ;;
        --out) out=$2; command_line+=" --out $2"; shift 2 ;;
        --jobs) jobs=$2; command_line+=" --jobs $2"; shift 2 ;;
        --db) db=$2; command_line+=" --db $2"; shift 2 ;;
        --learn-families) learn_families=$2; command_line+=" --learn-families $2"; shift 2 ;;
        --min-samples) min_samples=(--min-samples "$2"); command_line+=" --min-samples $2"; shift 2 ;;
        *) echo "run.sh: unknown option: $1 (see --help)" >&2; exit 2 ;;
    esac
done

die() { echo "run.sh: $*" >&2; exit 2; }

archive=${IOTGUARD_CORPUS:-$(cd "$root/.." && pwd)/shared/corpus/training-malware.7z}
iotguard=${IOTGUARD:-$root/build/release/src/cli/iotguard}
[ -f "$archive" ] || die "the training corpus is missing: $archive (set IOTGUARD_CORPUS)"
[ -x "$iotguard" ] || die "no iotguard binary at $iotguard (build it, or set IOTGUARD)"
[ -f "$db/manifest.json" ] || die "no pattern file at $db (no manifest.json)"
db=$(cd "$db" && pwd)
for tool in 7z yara python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || die "$tool is missing (apt-get install p7zip-full yara python3 time)"
done
case "$out" in /*) ;; *) out=$PWD/$out ;; esac
mkdir -p "$(dirname "$out")"

started=$(date +%s)
tmp=$(mktemp -d /tmp/iotguard-detbench.XXXXXX)
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== extracting $archive into $tmp" >&2
7z x -y -pinfected -o"$tmp/corpus" "$archive" >/dev/null || die "cannot extract $archive"
[ -f "$tmp/corpus/manifest.tsv" ] && [ -d "$tmp/corpus/samples" ] || die "$archive holds no manifest.tsv and samples/"
# The samples are live malware: nothing here may be executable.
find "$tmp/corpus" -type f -perm /111 -exec chmod a-x {} +

mkdir "$tmp/work"
PYTHONHASHSEED=0 python3 "$here/main.py" \
    --corpus-dir "$tmp/corpus" --iotguard "$iotguard" --db "$db" \
    --goodware "$goodware" --work "$tmp/work" --out "$out" --folds "$folds" --jobs "$jobs" \
    --learn-families "$learn_families" --command "$command_line" --started "$started" "${quick[@]}" "${min_samples[@]}" ||
    die "the benchmark failed (see above)"
