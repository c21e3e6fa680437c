#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Benign corpus: real Debian 12 packages for the CPUs IoT devices use,
# downloaded with `apt-get download` (never installed) and unpacked with
# `dpkg-deb -x`, so the detections and heuristics can be checked for false
# positives on the very programs routers ship (busybox, dropbear, iptables...).
#
#   tests/benign/fetch.sh CACHEDIR
#
# Result: CACHEDIR/debs/<arch>/*.deb and CACHEDIR/root/<arch>/<package>/...
# plus CACHEDIR/packages.txt (one "<arch> <package> <version>" line each).
# Idempotent: foreign architectures are added and apt's lists refreshed only
# when missing; packages already downloaded or unpacked are kept.
#
# Environment: BENIGN_ARCHS and BENIGN_PACKAGES override the lists below.
# Exit status: 0 ready, 77 the corpus cannot be fetched here (no network, no
# root for a missing architecture, no apt) -- CTest reports that as skipped --
# and 1 on other errors.
set -euo pipefail

read -r -a ARCHS <<<"${BENIGN_ARCHS:-armel armhf arm64 mipsel mips64el i386 amd64 ppc64el}"
read -r -a PACKAGES <<<"${BENIGN_PACKAGES:-busybox busybox-static dropbear-bin openssl iptables \
curl wget libc6 libssl3 libcurl4 zlib1g dnsmasq-base coreutils netcat-openbsd iproute2 libpcap0.8 \
libnftnl11 tcpdump}"

skip() { echo "benign: SKIP: $*" >&2; exit 77; }

[[ $# -eq 1 ]] || { sed -n '3,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 1; }
if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then
  skip "no apt-get/dpkg-deb"
fi
cache=$(mkdir -p "$1" && cd "$1" && pwd)

native=$(dpkg --print-architecture)
have_lists() {  # apt has a package list for this architecture
  [[ $1 == "$native" ]] && return 0
  compgen -G "/var/lib/apt/lists/*_binary-$1_Packages*" >/dev/null
}
missing=()
foreign=$(dpkg --print-foreign-architectures)  # whole, before grep: pipefail + grep -q
for a in "${ARCHS[@]}"; do
  [[ $a == "$native" ]] || grep -qx "$a" <<<"$foreign" || missing+=("$a")
done
need_update=0
if [[ ${#missing[@]} -gt 0 ]]; then
  [[ $(id -u) -eq 0 ]] || skip "architectures ${missing[*]} not configured and not root"
  for a in "${missing[@]}"; do dpkg --add-architecture "$a"; done
  need_update=1
fi
for a in "${ARCHS[@]}"; do have_lists "$a" || need_update=1; done
if [[ $need_update -eq 1 ]]; then
  [[ $(id -u) -eq 0 ]] || skip "apt lists missing and not root"
  # Partial failures (a mirror mid-sync) leave usable lists; only a missing
  # download below means the corpus cannot be had.
  timeout 300 apt-get update -qq ||
    echo "benign: apt-get update reported errors; using the lists apt has" >&2
fi

# Downloads run as the unprivileged _apt user when it exists; give it the dir.
status=0
for a in "${ARCHS[@]}"; do
  dir=$cache/debs/$a
  mkdir -p "$dir"
  want=()
  for p in "${PACKAGES[@]}"; do
    compgen -G "$dir/${p}_*_$a.deb" >/dev/null || compgen -G "$dir/${p}_*_all.deb" >/dev/null ||
      want+=("$p:$a")
  done
  if [[ ${#want[@]} -gt 0 ]]; then
    echo "benign: $a: downloading ${#want[@]} packages"
    # One call per architecture; a package missing on one CPU (e.g. busybox-static)
    # must not stop the rest, so fall back to one at a time.
    if ! (cd "$dir" && timeout 600 apt-get download -qq "${want[@]}" 2>"$dir/.err"); then
      for w in "${want[@]}"; do
        (cd "$dir" && timeout 300 apt-get download -qq "$w" 2>>"$dir/.err") ||
          echo "benign: $a: cannot download $w: $(tail -n1 "$dir/.err")" >&2
      done
    fi
  fi
  for deb in "$dir"/*.deb; do
    [[ -e $deb ]] || continue
    pkg=$(dpkg-deb -f "$deb" Package)
    dst=$cache/root/$a/$pkg
    if [[ ! -f $dst/.unpacked || $deb -nt $dst/.unpacked ]]; then
      rm -rf "$dst" && mkdir -p "$dst"
      dpkg-deb -x "$deb" "$dst" || { echo "benign: cannot unpack $deb" >&2; status=1; }
      touch "$dst/.unpacked"
    fi
  done
done

# Nothing at all arrived: the network is not reachable from here.
if ! compgen -G "$cache/debs/*/*.deb" >/dev/null; then
  skip "no package could be downloaded (network unreachable?)"
fi
: >"$cache/packages.txt.tmp"
for deb in "$cache"/debs/*/*.deb; do
  # shellcheck disable=SC2016 # dpkg-query fields, not shell variables
  dpkg-deb --show --showformat='${Architecture} ${Package} ${Version}\n' "$deb" \
    >>"$cache/packages.txt.tmp"
done
sort "$cache/packages.txt.tmp" >"$cache/packages.txt" && rm -f "$cache/packages.txt.tmp"
echo "benign: $(wc -l <"$cache/packages.txt") packages for ${#ARCHS[@]} architectures in $cache"
exit $status
