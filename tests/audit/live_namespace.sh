#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Live audit in a private network namespace with real processes:
#   - a copy of sleep(1) that is deleted after it starts (ROOTKIT-006)
#   - a listener on 127.0.0.1:48101, Mirai's lock port (ROOTKIT-008)
#   - busybox telnetd on a namespace-only address 10.203.0.1:2323 (EXPO-002)
# then `iotguard audit --format json` inside the namespace. Everything it
# starts is killed on exit; the namespace dies with its last process.
# Usage: live_namespace.sh IOTGUARD BUSYBOX OUT.jsonl   (exit 77: cannot run here)
set -euo pipefail
iotguard=$1 busybox=$2 out=$3
[[ $(id -u) -eq 0 ]] || exit 77
unshare --net true 2>/dev/null || exit 77
work=$(mktemp -d)
export work iotguard busybox out
unshare --net bash -c '
  set -euo pipefail
  pids=()
  cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
  trap cleanup EXIT
  ip link set lo up
  ip link add iotg0 type veth peer name iotg1
  ip addr add 10.203.0.1/24 dev iotg0
  ip link set iotg0 up; ip link set iotg1 up
  cp /bin/sleep "$work/dvrHelper"
  "$work/dvrHelper" 300 & pids+=($!)
  echo "deleted_pid=$!" >"$out.pids"
  "$busybox" telnetd -F -b 127.0.0.1 -p 48101 -l /bin/false & pids+=($!)
  echo "lock_pid=$!" >>"$out.pids"
  "$busybox" telnetd -F -b 10.203.0.1 -p 2323 -l /bin/false & pids+=($!)
  echo "telnet_pid=$!" >>"$out.pids"
  for _ in $(seq 100); do
    grep -q ":BBE5 .* 0A " /proc/net/tcp && grep -q ":0913 .* 0A " /proc/net/tcp && break
    sleep 0.05
  done
  rm -f "$work/dvrHelper"
  "$iotguard" audit --format json --only EXPO,ROOTKIT-006,ROOTKIT-008 >"$out" || [[ $? -eq 1 ]]
'
