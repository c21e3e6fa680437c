#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Cross-compiles harmless C programs for every architecture Debian 12 ships a
# cross compiler for, in four variants each, for the ELF reader's corpus test.
#
#   tests/corpus/build.sh OUTDIR [SOURCE.c...]
#
# Default source: tests/corpus/src/hello.c. Each SOURCE becomes
#   OUTDIR/<arch>/<name>.static            OUTDIR/<arch>/<name>.static.stripped
#   OUTDIR/<arch>/<name>.dynamic           OUTDIR/<arch>/<name>.dynamic.stripped
# where <name> is the source's base name without ".c" (a source containing the
# line "iotguard-corpus: shared-object" gives <name>.so and <name>.so.stripped
# instead). Other harmless samples
# (e.g. family indicator sources) go through the same script by naming them.
#
# Environment: CORPUS_ARCHS="arm64 mips" limits the architectures;
# CORPUS_JOBS (default: nproc) compiles that many architectures at once;
# CORPUS_CFLAGS adds compiler flags.
#
# An architecture whose compiler is missing is skipped with a message. Outputs
# newer than their source and this script are kept (idempotent), and each file
# is written under a temporary name and renamed, so concurrent runs into the
# same OUTDIR never see half-written files. Exit status 0 when every available
# compiler built every variant, 1 when a compile failed, 2 on usage errors.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
self="$here/$(basename "${BASH_SOURCE[0]}")"

# arch  compiler (triple-gcc)  -- the IoT architectures Debian 12 packages.
ARCHS=(
  "amd64 x86_64-linux-gnu-gcc"
  "i386 i686-linux-gnu-gcc"
  "armel arm-linux-gnueabi-gcc"
  "armhf arm-linux-gnueabihf-gcc"
  "arm64 aarch64-linux-gnu-gcc"
  "mips mips-linux-gnu-gcc"
  "mipsel mipsel-linux-gnu-gcc"
  "mips64el mips64el-linux-gnuabi64-gcc"
  "powerpc powerpc-linux-gnu-gcc"
  "ppc64el powerpc64le-linux-gnu-gcc"
  "s390x s390x-linux-gnu-gcc"
  "sh4 sh4-linux-gnu-gcc"
  "m68k m68k-linux-gnu-gcc"
  "sparc64 sparc64-linux-gnu-gcc"
  "riscv64 riscv64-linux-gnu-gcc"
)

usage() {
  sed -n '3,24p' "$self" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# Builds every variant of every source for one architecture.
build_arch() {
  local arch=$1 cc=$2 out=$3
  shift 3
  if ! command -v "$cc" >/dev/null 2>&1; then
    # amd64 on an amd64 host: Debian's native gcc may lack the triple name.
    if [[ $arch == amd64 && $(uname -m) == x86_64 ]] && command -v gcc >/dev/null; then
      cc=gcc
    else
      echo "corpus: skipping $arch: $cc not installed (scripts/install-deps.sh --test)" >&2
      return 0
    fi
  fi
  # The cross C library comes separately (libc6-dev-<arch>-cross); without it
  # gcc fails on <stdio.h>, so say which package is missing instead.
  if [[ $("$cc" -print-file-name=libc.a) != /* ]]; then
    echo "corpus: skipping $arch: $cc has no C library (install libc6-dev-$arch-cross)" >&2
    return 0
  fi
  local strip=${cc%gcc}strip
  command -v "$strip" >/dev/null 2>&1 || strip=strip
  mkdir -p "$out/$arch"
  local src name link dst tmp rc=0
  for src in "$@"; do
    name=$(basename "$src" .c)
    links="static dynamic"
    # A source marked "iotguard-corpus: shared-object" becomes <name>.so
    # (+ .so.stripped) instead: a preload library has no static form.
    grep -q 'iotguard-corpus: shared-object' "$src" && links=so
    for link in $links; do
      dst="$out/$arch/$name.$link"
      if [[ ! $dst -nt $src || ! $dst -nt $self || ! $dst.stripped -nt $dst ]]; then
        tmp=$(mktemp "$dst.XXXXXX")
        # shellcheck disable=SC2086 # CORPUS_CFLAGS is a word list
        if "$cc" -O2 ${CORPUS_CFLAGS:-} $([[ $link == static ]] && echo -static) \
          $([[ $link == so ]] && echo -shared -fPIC) \
          -o "$tmp" "$src" 2>"$tmp.log"; then
          "$strip" -o "$tmp.stripped" "$tmp"
          chmod 0644 "$tmp" "$tmp.stripped"  # data for the reader, not programs to run
          mv -f "$tmp" "$dst"
          mv -f "$tmp.stripped" "$dst.stripped"
          rm -f "$tmp.log"
        else
          echo "corpus: $arch: $cc failed on $src ($link):" >&2
          cat "$tmp.log" >&2
          rm -f "$tmp" "$tmp.log"
          rc=1
        fi
      fi
    done
  done
  return $rc
}

[[ $# -ge 1 && $1 != -h && $1 != --help ]] || usage
out=$1
shift
sources=("$@")
[[ ${#sources[@]} -gt 0 ]] || sources=("$here/src/hello.c")
for s in "${sources[@]}"; do
  [[ -f $s ]] || { echo "corpus: no such source: $s" >&2; exit 2; }
done
mkdir -p "$out"
out=$(cd "$out" && pwd)
abs=()
for s in "${sources[@]}"; do abs+=("$(cd "$(dirname "$s")" && pwd)/$(basename "$s")"); done

selected=()
for entry in "${ARCHS[@]}"; do
  read -r arch cc <<<"$entry"
  if [[ -n ${CORPUS_ARCHS:-} && " $CORPUS_ARCHS " != *" $arch "* ]]; then continue; fi
  selected+=("$arch $cc")
done

# One background job per architecture, at most CORPUS_JOBS at a time.
jobs_max=${CORPUS_JOBS:-$(nproc 2>/dev/null || echo 2)}
status=0
pids=()
for entry in "${selected[@]}"; do
  read -r arch cc <<<"$entry"
  build_arch "$arch" "$cc" "$out" "${abs[@]}" &
  pids+=($!)
  if [[ ${#pids[@]} -ge $jobs_max ]]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || status=1; done
count=$(find "$out" -type f \( -name '*.static*' -o -name '*.dynamic*' \) ! -name '*.log' | wc -l)
echo "corpus: $count files in $out"
exit $status
