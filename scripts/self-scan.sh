#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# IoTGuard must not detect itself. Scans, with BUILD_DIR's iotguard and the
# pattern file in this tree (whatever rules it holds now), at
# --min-severity medium:
#   1. what BUILD_DIR built for the product (its src/: objects, libraries and
#      the iotguard binary; tests and the cross-built corpus carry indicator
#      strings on purpose and are not the product),
#   2. an install of it (cmake --install into a temporary prefix), without
#      the pattern file it ships,
#   3. the source tree without tests/, signatures/, build/ and .git.
# Exits 1 naming every finding, 2 when a scan could not run or read a file.
# Indicator strings belong in core/obfuscated.h literals or in the pattern
# file (docs/architecture.md, "Indicator strings").
# usage: scripts/self-scan.sh BUILD_DIR
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
iotguard=$build/src/cli/iotguard
[[ -x $iotguard ]] || { echo "self-scan: no $iotguard (build the iotguard target)" >&2; exit 2; }

prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null

# The source tree: files git knows (tracked, or new and not ignored), else
# everything but the excluded top-level folders.
sources=()
if git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  while IFS= read -r -d '' f; do
    [[ -f $repo/$f ]] && sources+=("$repo/$f")
  done < <(git -C "$repo" ls-files -z --cached --others --exclude-standard -- \
    ':!:tests/' ':!:signatures/')
else
  for f in "$repo"/* "$repo"/.[!.]*; do
    case ${f##*/} in tests | signatures | build | .git) continue ;; esac
    [[ -e $f ]] && sources+=("$f")
  done
fi

# ASan's leak check has nothing to say about a scan and slows it.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
failed=0
scan() {
  local what=$1 rc=0 out
  shift
  out=$("$iotguard" scan --db "$repo/signatures" --no-cache --no-progress -i -q \
    --min-severity medium "$@" 2>&1) || rc=$?
  case $rc in
    0) echo "-- self-scan: $what: clean" ;;
    1)
      echo "-- self-scan: $what: IoTGuard detects itself:"
      printf '%s\n' "$out" | sed 's/^/   /'
      failed=1
      ;;
    *)
      echo "-- self-scan: $what: the scan failed (exit $rc):"
      printf '%s\n' "$out" | sed 's/^/   /'
      [[ $failed -eq 1 ]] || failed=2
      ;;
  esac
}

scan "build ($build/src)" "$build/src"
scan "install ($prefix)" --exclude "$prefix/share/iotguard/signatures" "$prefix"
scan "source tree (${#sources[@]} files)" "${sources[@]}"
if [[ $failed -ne 0 ]]; then
  echo "self-scan failed: keep indicator strings out of the product (core/obfuscated.h)" >&2
fi
exit "$failed"
