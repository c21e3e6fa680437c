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

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../../scripts/lib/debian-download.sh
source "$here/../../scripts/lib/debian-download.sh"
DEBIAN_LOG=benign

read -r -a ARCHS <<<"${BENIGN_ARCHS:-armel armhf arm64 mipsel mips64el i386 amd64 ppc64el}"
read -r -a PACKAGES <<<"${BENIGN_PACKAGES:-busybox busybox-static dropbear-bin openssl iptables \
curl wget libc6 libssl3 libcurl4 zlib1g dnsmasq-base coreutils netcat-openbsd iproute2 libpcap0.8 \
libnftnl11 tcpdump}"

skip() { debian_note "SKIP: $*"; exit 77; }

[[ $# -eq 1 ]] || { sed -n '3,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 1; }
if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then
  skip "no apt-get/dpkg-deb"
fi
cache=$(mkdir -p "$1" && cd "$1" && pwd)
aptcache=$(mktemp -d)
trap 'rm -rf "$aptcache"' EXIT
debian_apt_cache_init "$aptcache"
rc=0
debian_prepare_archs "${ARCHS[@]}" || rc=$?
[[ $rc -eq 0 ]] || exit "$rc"

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
    # A package missing on one CPU (e.g. busybox-static) must not stop the rest.
    debian_download "$dir" 600 "${want[@]}" || true
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
