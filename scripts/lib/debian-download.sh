# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
# Downloading Debian packages without installing them, shared by
# tests/benign/fetch.sh (the small benign corpus) and scripts/goodware.sh
# (the goodware corpus). Source it, then set DEBIAN_LOG (the prefix of the
# notes on stderr) and call debian_apt_cache_init before any apt call.
#
#   debian_apt_cache_init DIR        one package cache for the whole run
#   debian_prepare_archs ARCH...     foreign architectures + lists; 77 = cannot
#   debian_download DIR SECS PKG...  apt-get download, one package at a time on error
#   debian_is_elf FILE               the 4-byte ELF magic

DEBIAN_LOG=${DEBIAN_LOG:-debian}
DEBIAN_APT_OPTS=()

debian_note() { echo "$DEBIAN_LOG: $*" >&2; }

# Images made for containers switch apt's package cache off
# (Dir::Cache::pkgcache ""), so every apt call would parse the lists of every
# architecture again: about 30 s with nine of them. Build it once in DIR.
debian_apt_cache_init() {
  DEBIAN_APT_OPTS=(-o "Dir::Cache::pkgcache=$1/pkgcache.bin"
    -o "Dir::Cache::srcpkgcache=$1/srcpkgcache.bin")
}

# apt has a package list for this architecture.
debian_have_lists() {
  [[ $1 == "$(dpkg --print-architecture)" ]] && return 0
  compgen -G "/var/lib/apt/lists/*_binary-$1_Packages*" >/dev/null
}

# Adds the foreign architectures that are missing and refreshes apt's lists
# only when one has none. Returns 77 (after a note) when that needs root.
debian_prepare_archs() {
  local native foreign a missing=() need_update=0
  native=$(dpkg --print-architecture)
  foreign=$(dpkg --print-foreign-architectures) # whole, before grep: pipefail + grep -q
  for a in "$@"; do
    [[ $a == "$native" ]] || grep -qx "$a" <<<"$foreign" || missing+=("$a")
  done
  if [[ ${#missing[@]} -gt 0 ]]; then
    [[ $(id -u) -eq 0 ]] || {
      debian_note "SKIP: architectures ${missing[*]} not configured and not root"
      return 77
    }
    for a in "${missing[@]}"; do dpkg --add-architecture "$a"; done
    need_update=1
  fi
  for a in "$@"; do debian_have_lists "$a" || need_update=1; done
  if [[ $need_update -eq 1 ]]; then
    [[ $(id -u) -eq 0 ]] || {
      debian_note "SKIP: apt lists missing and not root"
      return 77
    }
    # Partial failures (a mirror mid-sync) leave usable lists; only a missing
    # download later means the packages cannot be had.
    timeout 300 apt-get update -qq ||
      debian_note "apt-get update reported errors; using the lists apt has"
  fi
  return 0
}

# Downloads PKG[:ARCH]... into DIR, each call bounded by SECS. One call for
# all first (apt fetches them in parallel); when it fails, one at a time, so
# one package that cannot be had does not stop the rest. apt's errors go to
# DIR/.err. Returns 1 when some package did not arrive.
debian_download() {
  local dir=$1 secs=$2 p status=0
  shift 2
  # apt downloads as the unprivileged _apt user when that can write DIR.
  if [[ $(id -u) -eq 0 ]] && id _apt >/dev/null 2>&1; then chown _apt "$dir"; fi
  (cd "$dir" && timeout "$secs" apt-get "${DEBIAN_APT_OPTS[@]}" download -qq "$@" \
    2>"$dir/.err") && return 0
  for p in "$@"; do
    compgen -G "$dir/${p%%:*}_*.deb" >/dev/null && continue
    if ! (cd "$dir" && timeout "$secs" apt-get "${DEBIAN_APT_OPTS[@]}" download -qq "$p" \
      2>>"$dir/.err"); then
      debian_note "cannot download $p: $(tail -n1 "$dir/.err")"
      status=1
    fi
  done
  return $status
}

# FILE starts with \x7fELF. Needs LC_ALL=C so read counts bytes.
debian_is_elf() {
  local magic
  IFS= read -r -N4 magic <"$1" 2>/dev/null && [[ $magic == $'\x7fELF' ]]
}
