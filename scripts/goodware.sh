#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Goodware corpus for the signature lab: the ELF files of Debian 12 packages
# for the CPUs IoT devices use, downloaded with `apt-get download` (never
# installed) and unpacked with `dpkg-deb -x`. Malware rules must stay silent
# on them: they are the programs and libraries that firmware ships.
#
#   scripts/goodware.sh [OPTIONS] [OUTDIR]
#
# OUTDIR defaults to ${IOTGUARD_GOODWARE:-/var/cache/iotguard/goodware}.
#   --archs "LIST"   architectures, done in this order (default:
#                    amd64 armel mipsel i386 armhf arm64 mips64el ppc64el s390x)
#   --packages FILE  seed packages (default: scripts/goodware-packages.txt);
#                    their Depends and Pre-Depends are added recursively
#   --no-deps        the seeds alone
#   --jobs N         download-and-extract batches at once (default 4)
#   --batch N        packages per apt-get download call (default 40)
#   --timeout SECS   bound of each apt-get download call (default 300)
#   --keep-debs      keep the .deb files in OUTDIR/debs/<arch>/
#   --help           this text
#
# Result: OUTDIR/<arch>/<package>/<path in package>, ELF files only, mode 0644
# (no set-id or exec bits); identical files are hard links of one another.
# OUTDIR/files.tsv has one line per unique file (arch, package, version,
# source, path relative to OUTDIR, size, sha256), OUTDIR/duplicates.tsv the
# other paths of the same contents, OUTDIR/packages.tsv one line per package
# and OUTDIR/SUMMARY.txt the counts per architecture. Resumable: a package
# already extracted at its current version is skipped; files.tsv and
# SUMMARY.txt are rewritten after each architecture.
#
# Exit status: 0 ready, 77 the corpus cannot be fetched here (no apt, no root
# for a missing architecture, no network), 1 other errors (e.g. some
# downloads failed: run again to resume).
set -euo pipefail
export LC_ALL=C # byte-wise reads (ELF magic) and sorting

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/debian-download.sh
source "$here/lib/debian-download.sh"
DEBIAN_LOG=goodware

die() { debian_note "$*"; exit 1; }
usage() { sed -n '3,33p' "$0" | sed 's/^# \{0,1\}//'; }

# --- One batch: download, keep the ELF files, write one manifest each -----

# OUTDIR/.state/<arch>/<package>.tsv: a "#" line (package, version, source,
# ELF count), then one files.tsv line per ELF file of the package.
# shellcheck disable=SC2015 # each "|| {...}" is the error path of the whole chain
extract_deb() {
  local out=$1 arch=$2 deb=$3 pkg="" ver src work="" size rel n=0 i
  local rels=() sizes=() sums=()
  # shellcheck disable=SC2016 # dpkg-query fields, not shell variables
  IFS=$'\t' read -r pkg ver src < <(dpkg-deb --show \
    --showformat='${Package}\t${Version}\t${source:Package}\n' "$deb")
  [[ -n $src ]] || src=$pkg
  work=$(mktemp -d "$out/.tmp/x.XXXXXX")
  if [[ -z $pkg || -z $work ]] || ! dpkg-deb -x "$deb" "$work/root"; then
    debian_note "$arch: cannot unpack $(basename "$deb")"
    rm -rf "$work"
    return 1
  fi
  # An ELF header is at least 52 bytes. Names with a tab, newline or
  # backslash would break the TSV lines; Debian ships none that are ELF.
  while IFS=$'\t' read -r -d '' size rel; do
    [[ $rel == *[$'\t\n\\']* ]] && continue
    debian_is_elf "$work/root/$rel" || continue
    rels+=("$rel") sizes+=("$size")
    printf '%s\0' "$rel" >>"$work/list"
  done < <(find "$work/root" -type f -size +51c -printf '%s\t%P\0')
  n=${#rels[@]}
  # Called in an || list, where set -e is off: each step checks itself.
  if [[ $n -gt 0 ]]; then
    mkdir "$work/keep" &&
      (cd "$work/root" && xargs -0 cp -l --parents -t "$work/keep" <"$work/list") &&
      mapfile -t sums < <(cd "$work/keep" && xargs -0 sha256sum -- <"$work/list" | cut -c1-64) &&
      [[ ${#sums[@]} -eq $n ]] &&
      find "$work/keep" -type d -exec chmod 0755 {} + -o -type f -exec chmod 0644 {} + ||
      { debian_note "$arch: $pkg: cannot keep its ELF files"; rm -rf "$work"; return 1; }
  fi
  {
    printf '#\t%s\t%s\t%s\t%s\n' "$pkg" "$ver" "$src" "$n"
    for ((i = 0; i < n; i++)); do
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$arch" "$pkg" "$ver" "$src" \
        "$arch/$pkg/${rels[i]}" "${sizes[i]}" "${sums[i]}"
    done
  } >"$work/manifest" &&
    rm -rf "${out:?}/$arch/$pkg" && mkdir -p "$out/$arch" &&
    { [[ $n -eq 0 ]] || mv "$work/keep" "$out/$arch/$pkg"; } &&
    mv "$work/manifest" "$out/.state/$arch/$pkg.tsv" ||
    { debian_note "$arch: $pkg: cannot move its files to $out"; rm -rf "$work"; return 1; }
  rm -rf "$work"
  if [[ ${GOODWARE_KEEP_DEBS:-0} -eq 1 ]]; then
    mkdir -p "$out/debs/$arch" && mv "$deb" "$out/debs/$arch/"
  fi
}

# --worker OUTDIR ARCH PKG...: run by xargs, one batch of one architecture.
worker() {
  local out=$1 arch=$2 tmp deb status=0 want=() p done_
  shift 2
  debian_apt_cache_init "$GOODWARE_APT_CACHE"
  for p in "$@"; do want+=("$p:$arch"); done
  tmp=$(mktemp -d "$out/.tmp/dl.XXXXXX")
  debian_download "$tmp" "$GOODWARE_TIMEOUT" "${want[@]}" || status=1
  for deb in "$tmp"/*.deb; do
    [[ -e $deb ]] || continue
    extract_deb "$out" "$arch" "$deb" || status=1
  done
  rm -rf "$tmp"
  done_=$(find "$out/.state/$arch" -name '*.tsv' | wc -l)
  debian_note "$arch: $done_/$GOODWARE_TOTAL packages extracted"
  return $status
}

if [[ ${1:-} == --worker ]]; then
  shift
  worker "$@"
  exit
fi

# --- Options ---------------------------------------------------------------

archs="amd64 armel mipsel i386 armhf arm64 mips64el ppc64el s390x"
seeds_file=$here/goodware-packages.txt
deps=1 jobs=4 batch=40 timeout_s=300 keep_debs=0
out=${IOTGUARD_GOODWARE:-/var/cache/iotguard/goodware}
while [[ $# -gt 0 ]]; do
  case $1 in
    --archs) archs=${2:?--archs needs a list}; shift 2 ;;
    --packages) seeds_file=${2:?--packages needs a file}; shift 2 ;;
    --no-deps) deps=0; shift ;;
    --jobs) jobs=${2:?}; shift 2 ;;
    --batch) batch=${2:?}; shift 2 ;;
    --timeout) timeout_s=${2:?}; shift 2 ;;
    --keep-debs) keep_debs=1; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; exit 1 ;;
    *) out=$1; shift ;;
  esac
done
read -r -a ARCHS <<<"$archs"
[[ -r $seeds_file ]] || die "cannot read $seeds_file"
for n in "$jobs" "$batch" "$timeout_s"; do [[ $n =~ ^[1-9][0-9]*$ ]] || die "not a count: $n"; done

for tool in apt-get apt-cache dpkg dpkg-deb; do
  command -v "$tool" >/dev/null || { debian_note "SKIP: no $tool"; exit 77; }
done

mkdir -p "$out" && out=$(cd "$out" && pwd)
exec 9>"$out/.lock"
flock -n 9 || die "another run holds $out/.lock"
rm -rf "$out/.tmp" && mkdir -p "$out/.tmp" "$out/.state"
trap 'rm -rf "$out/.tmp"' EXIT
debian_apt_cache_init "$out/.tmp"
rc=0
debian_prepare_archs "${ARCHS[@]}" || rc=$?
[[ $rc -eq 0 ]] || exit "$rc"
start=$(date +%s)

# --- The package set: seeds and their dependencies on the native arch -----

mapfile -t seeds < <(sed 's/#.*//' "$seeds_file" | tr -s ' \t' '\n' | grep . || true)
[[ ${#seeds[@]} -gt 0 ]] || die "no package in $seeds_file"
if [[ $deps -eq 1 ]]; then
  # Top-level lines are packages; "<virtual>" and "name:arch" lines (the
  # providers of Multi-Arch: foreign names on every arch) are left out.
  mapfile -t names < <({
    printf '%s\n' "${seeds[@]}"
    apt-cache "${DEBIAN_APT_OPTS[@]}" depends --recurse --no-recommends --no-suggests \
      --no-conflicts --no-breaks --no-replaces --no-enhances "${seeds[@]}" 2>/dev/null |
      grep -v '^[ <]' | grep -v ':'
  } | sort -u)
else
  mapfile -t names < <(printf '%s\n' "${seeds[@]}" | sort -u)
fi
debian_note "${#seeds[@]} seeds, ${#names[@]} binary packages in the set"

# files.tsv keeps the first path of each sha256 (arch order, then package);
# the other paths become hard links of it and lines of duplicates.tsv.
# packages.tsv and the counts of SUMMARY.txt come from the manifests' "#" lines.
finalize() {
  local a manifests=() path kept f
  for a in "${ARCHS[@]}"; do
    [[ -d $out/.state/$a ]] || continue
    mapfile -t -O ${#manifests[@]} manifests < <(find "$out/.state/$a" -name '*.tsv' | sort)
  done
  [[ ${#manifests[@]} -gt 0 ]] || return 0
  awk -F'\t' -v OFS='\t' -v dir="$out" '
    BEGIN {
      F = dir "/files.tsv.tmp"; D = dir "/duplicates.tsv.tmp"; P = dir "/packages.tsv.tmp"
      print "arch", "package", "version", "source", "path", "size", "sha256" > F
      print "arch", "package", "path", "sha256", "same_as" > D
      print "arch", "package", "version", "source", "elf_files" > P
    }
    FNR == 1 {
      a = FILENAME; sub(/\/[^\/]*$/, "", a); sub(/.*\//, "", a)
      if (!(a in npkg)) arch[++narch] = a
      print a, $2, $3, $4, $5 > P
      npkg[a]++; if (!src[a, $4]++) nsrc[a]++; if (!srcall[$4]++) nsrcall++
      pkg = $2; next
    }
    $7 in first { print a, pkg, $5, $7, first[$7] > D; ndup[a]++; next }
    { first[$7] = $5; print > F; nfile[a]++; bytes[a] += $6 }
    END {
      C = dir "/.tmp/counts"
      printf "%-9s %9s %9s %10s %14s %10s\n", "arch", "packages", "sources", "elf_files", "bytes", "dup_paths" > C
      for (i = 1; i <= narch; i++) {
        a = arch[i]
        printf "%-9s %9d %9d %10d %14.0f %10d\n", a, npkg[a], nsrc[a], nfile[a], bytes[a], ndup[a] > C
        tp += npkg[a]; tf += nfile[a]; tb += bytes[a]; td += ndup[a]
      }
      printf "%-9s %9d %9d %10d %14.0f %10d\n", "total", tp, nsrcall, tf, tb, td > C
    }' "${manifests[@]}"
  tail -n +2 "$out/duplicates.tsv.tmp" | while IFS=$'\t' read -r _ _ path _ kept; do
    [[ $out/$path -ef $out/$kept ]] || ln -f "$out/$kept" "$out/$path"
  done
  for f in files duplicates packages; do mv "$out/$f.tsv.tmp" "$out/$f.tsv"; done
  summary >"$out/SUMMARY.txt.tmp" && mv "$out/SUMMARY.txt.tmp" "$out/SUMMARY.txt"
}

summary() {
  echo "IoTGuard goodware corpus: the ELF files of Debian 12 (bookworm) packages"
  echo "made by scripts/goodware.sh, $(date -u '+%Y-%m-%d %H:%M UTC') (this run: $(($(date +%s) - start)) s)"
  echo "packages: binary packages extracted (with or without ELF files); sources: their source"
  echo "packages (total: over all architectures); elf_files, bytes: unique contents;"
  echo "dup_paths: further paths of contents kept once (hard links, duplicates.tsv)"
  echo
  cat "$out/.tmp/counts"
  echo
  echo "disk: $(du -sh --exclude=.tmp --exclude=debs "$out" | cut -f1)"
}

# --- Arch by arch ------------------------------------------------------------

# The candidates of NAME... as "package version source architecture" lines.
candidates() {
  apt-cache "${DEBIAN_APT_OPTS[@]}" show --no-all-versions "$@" 2>/dev/null |
    awk -F': ' -v OFS='\t' '
      /^Package: / { p = $2; s = $2; v = ""; ar = "" }
      /^Source: / { s = $2; sub(/ .*/, "", s) }
      /^Version: / { v = $2 }
      /^Architecture: / { ar = $2 }
      /^$/ && p != "" { print p, v, s, ar; p = "" }
      END { if (p != "") print p, v, s, ar }' | sort -u
}

# Architecture: all packages hold no ELF file of any one CPU: left out.
# "name:arch" does not find them on a foreign arch, so ask the native one.
candidates "${names[@]}" | awk -F'\t' '$4 == "all" { print $1 }' | sort -u >"$out/.tmp/arch-all"
n_all=$(wc -l <"$out/.tmp/arch-all")

export GOODWARE_APT_CACHE=$out/.tmp GOODWARE_TIMEOUT=$timeout_s GOODWARE_KEEP_DEBS=$keep_debs
status=0 got_any=0 failed_any=0
for a in "${ARCHS[@]}"; do
  mkdir -p "$out/.state/$a"
  candidates "${names[@]/%/:$a}" | awk -F'\t' -v a="$a" '$4 == a' >"$out/.state/$a.index"
  mapfile -t rows <"$out/.state/$a.index"
  printf '%s\n' "${names[@]}" | sort -u |
    comm -23 - <(cut -f1 "$out/.state/$a.index" | sort -u - "$out/.tmp/arch-all") \
      >"$out/.state/$a.missing"
  if [[ -s $out/.state/$a.missing ]]; then
    debian_note "$a: not built for $a, skipped: $(tr '\n' ' ' <"$out/.state/$a.missing")"
  fi
  todo=()
  for r in "${rows[@]}"; do
    IFS=$'\t' read -r p v _ _ <<<"$r"
    m=$out/.state/$a/$p.tsv
    if [[ -f $m ]] && IFS=$'\t' read -r _ _ mv_ _ <"$m" && [[ $mv_ == "$v" ]]; then continue; fi
    todo+=("$p")
  done
  export GOODWARE_TOTAL=${#rows[@]}
  debian_note "$a: ${#rows[@]} packages ($n_all arch-independent ones left out)," \
    "$((${#rows[@]} - ${#todo[@]})) already extracted, ${#todo[@]} to fetch"
  if [[ ${#todo[@]} -gt 0 ]]; then
    before=$(find "$out/.state/$a" -name '*.tsv' -newer "$out/.lock" | wc -l)
    printf '%s\n' "${todo[@]}" |
      xargs -P "$jobs" -n "$batch" "$0" --worker "$out" "$a" || { status=1; failed_any=1; }
    after=$(find "$out/.state/$a" -name '*.tsv' -newer "$out/.lock" | wc -l)
    [[ $after -gt $before ]] && got_any=1
  fi
  finalize
  debian_note "$a: done after $(($(date +%s) - start)) s: $(grep -s "^$a " "$out/SUMMARY.txt" | tr -s ' ' || true)"
done

if [[ $failed_any -eq 1 && $got_any -eq 0 ]] && ! compgen -G "$out/.state/*/*.tsv" >/dev/null; then
  debian_note "SKIP: no package could be downloaded (network unreachable?)"
  exit 77
fi
[[ $status -eq 0 ]] || debian_note "some packages failed; run again to resume"
debian_note "ready in $(($(date +%s) - start))s: $out/SUMMARY.txt"
exit $status
