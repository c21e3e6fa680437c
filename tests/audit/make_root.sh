#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds the audit fixture roots at test time (nothing here is committed):
#   OUT/clean    a BusyBox-style root from Debian's busybox-static for armel
#   OUT/planted  the same root with four planted weaknesses:
#                telnetd in inittab, root:xc3511 in shadow, an ld.so.preload
#                entry, a cron job running /tmp/x
#   OUT/host/busybox  the host architecture's busybox (live namespace tests)
# The busybox binaries are only copied, never run, except host-busybox which
# the live test starts inside its own network namespace.
# Usage: make_root.sh OUT
# Idempotent: roots built by this version of the script are kept (tests in
# several processes share them; they serialise calls with flock).
set -euo pipefail
out=${1:?usage: make_root.sh OUT}
if [[ -f $out/.complete && $out/.complete -nt ${BASH_SOURCE[0]} ]]; then
  exit 0
fi
rm -f "$out/.complete"
mkdir -p "$out/debs"
debs=$(cd "$out/debs" && pwd)

fetch() {  # fetch PKG[:ARCH] -> path of the .deb (cached between runs)
  local spec=$1 f
  f=$(ls "$debs"/"${spec%%:*}"_*"${spec#*:}".deb 2>/dev/null | head -n1 || true)
  if [[ -z $f ]]; then
    (cd "$debs" && apt-get -o APT::Sandbox::User=root download "$spec" >/dev/null 2>&1) || return 1
    f=$(ls "$debs"/"${spec%%:*}"_*"${spec#*:}".deb 2>/dev/null | head -n1 || true)
  fi
  [[ -n $f ]] && echo "$f"
}

host_arch=$(dpkg --print-architecture)
# An IoT architecture first (needs `dpkg --add-architecture armel`, done by
# scripts/install-deps.sh --test); the host's package otherwise.
deb=$(fetch busybox-static:armel || fetch "busybox-static:$host_arch") || {
  echo "make_root: cannot download busybox-static" >&2
  exit 77
}
host_deb=$(fetch "busybox-static:$host_arch") || host_deb=""

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work/iot"
if [[ -n $host_deb ]]; then
  dpkg-deb -x "$host_deb" "$work/host"
  install -D -m 0755 "$work/host/bin/busybox" "$out/host/busybox"
fi

umask 022
build() {  # build DIR PASSWORD
  local r=$1 pw=$2
  rm -rf "$r"
  mkdir -p "$r"/{bin,sbin,usr/bin,usr/sbin,lib,etc/init.d,etc/crontabs,etc/opkg,proc,sys,dev,root,var/run}
  install -d -m 1777 "$r/tmp"
  cp "$work/iot/bin/busybox" "$r/bin/busybox"  # a fresh mtime: the image is "current"
  for a in sh ash cat cp echo ls mkdir mount umount ps kill sleep rm vi grep sed; do
    ln -s busybox "$r/bin/$a"
  done
  for a in init getty ifconfig route udhcpc syslogd klogd reboot; do
    ln -s ../bin/busybox "$r/sbin/$a"
  done
  for a in telnetd crond httpd; do ln -s ../../bin/busybox "$r/usr/sbin/$a"; done
  ln -s /proc/mounts "$r/etc/mtab"
  cat >"$r/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
P
  printf 'root:%s:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n' \
    "$(openssl passwd -6 -salt "$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')" "$pw")" \
    >"$r/etc/shadow"
  chmod 0600 "$r/etc/shadow"
  cat >"$r/etc/inittab" <<'I'
::sysinit:/etc/init.d/rcS
ttyS0::respawn:/sbin/getty -L 115200 ttyS0 vt100
::ctrlaltdel:/sbin/reboot
::shutdown:/bin/umount -a -r
I
  cat >"$r/etc/init.d/rcS" <<'S'
#!/bin/sh
mount -a
mkdir -p /var/run
syslogd
crond -c /etc/crontabs
udhcpc -b -i eth0 -p /var/run/udhcpc.pid
S
  chmod 0755 "$r/etc/init.d/rcS"
  cat >"$r/etc/fstab" <<'F'
proc  /proc  proc   defaults               0 0
sysfs /sys   sysfs  defaults               0 0
tmpfs /tmp   tmpfs  noexec,nosuid,nodev    0 0
F
  echo '0 3 * * * /bin/sync' >"$r/etc/crontabs/root"
  echo 'src/gz base https://updates.example.invalid/packages/base' >"$r/etc/opkg/distfeeds.conf"
  echo 'iotguard-fixture' >"$r/etc/hostname"
}

build "$out/clean" "$(head -c 18 /dev/urandom | base64)"
build "$out/planted" xc3511
p=$out/planted
echo '::respawn:/usr/sbin/telnetd -F -l /bin/sh' >>"$p/etc/inittab"
echo '/lib/libhide.so' >"$p/etc/ld.so.preload"
echo '*/5 * * * * /tmp/x' >>"$p/etc/crontabs/root"
touch "$out/.complete"
echo "make_root: $(basename "$deb") -> $out/{clean,planted}"
