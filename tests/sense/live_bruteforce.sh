#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Live test for `iotguard sense --iface`: two network namespaces joined by a
# veth pair; busybox telnetd in one (its login program always refuses), a
# bounded brute force of 30 logins from the other, and `iotguard sense`
# capturing on the server's veth. Passes when the brute-force alert names the
# attacker. Exit 77 (skipped) without root, ip netns, busybox or python3.
set -uo pipefail
IOTGUARD=${1:?usage: live_bruteforce.sh path/to/iotguard}
skip() { echo "SKIP: $*"; exit 77; }
[[ $(id -u) -eq 0 ]] || skip "needs root"
command -v ip >/dev/null || skip "no ip(8)"
applets=$(busybox --list 2>/dev/null || true)  # whole, before grep: pipefail + grep -q
grep -qx telnetd <<<"$applets" || skip "no busybox with telnetd (Debian: apt-get install busybox-static)"
command -v python3 >/dev/null || skip "no python3"

tag=$$
NS_SRV=igs_srv_$tag NS_ATK=igs_atk_$tag
V_SRV=igvs$tag V_ATK=igva$tag
SRV_IP=192.168.213.1 ATK_IP=192.168.213.2
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  ip netns del "$NS_SRV" 2>/dev/null
  ip netns del "$NS_ATK" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$NS_SRV" || skip "cannot create network namespaces"
ip netns add "$NS_ATK" || skip "cannot create network namespaces"
ip link add "$V_SRV" type veth peer name "$V_ATK" || skip "cannot create veth"
ip link set "$V_SRV" netns "$NS_SRV"
ip link set "$V_ATK" netns "$NS_ATK"
ip -n "$NS_SRV" addr add $SRV_IP/24 dev "$V_SRV"
ip -n "$NS_ATK" addr add $ATK_IP/24 dev "$V_ATK"
ip -n "$NS_SRV" link set "$V_SRV" up
ip -n "$NS_ATK" link set "$V_ATK" up
ip -n "$NS_SRV" link set lo up

# A login program that prompts like login(1) and always refuses.
cat >"$work/login" <<'LOGIN'
#!/bin/sh
printf 'iotcam login: '
read -r user
printf 'Password: '
read -r pass
sleep 0.1
printf '\r\nLogin incorrect\r\n'
exit 1
LOGIN
chmod +x "$work/login"

ip netns exec "$NS_SRV" busybox telnetd -F -p 23 -l "$work/login" &
pids+=($!)
ip netns exec "$NS_SRV" "$IOTGUARD" sense --format json --iface "$V_SRV" --duration 90 \
  >"$work/out.jsonl" 2>"$work/err" &
sense_pid=$!
pids+=($sense_pid)
for _ in $(seq 100); do grep -q "capturing on" "$work/err" 2>/dev/null && break; sleep 0.1; done
grep -q "capturing on" "$work/err" || { cat "$work/err"; echo "FAIL: sensor did not start"; exit 1; }

ip netns exec "$NS_ATK" python3 - "$SRV_IP" <<'PY'
import socket, sys, time
host = sys.argv[1]
creds = [("root", "xc3511"), ("root", "vizxv"), ("admin", "admin"), ("root", "888888"),
         ("root", "default"), ("support", "support")]
def read_until(s, token, limit=4096):
    buf = b""
    s.settimeout(5)
    while token not in buf and len(buf) < limit:
        chunk = s.recv(512)
        if not chunk:
            break
        buf += chunk
    return buf
ok = 0
for i in range(30):
    for attempt in range(20):
        try:
            s = socket.create_connection((host, 23), timeout=5)
            break
        except OSError:
            time.sleep(0.1)
    else:
        sys.exit("cannot connect to telnetd")
    user, pw = creds[i % len(creds)]
    read_until(s, b"login:")
    s.sendall(user.encode() + b"\r\n")
    read_until(s, b"Password:")
    s.sendall(pw.encode() + b"\r\n")
    if b"incorrect" in read_until(s, b"incorrect"):
        ok += 1
    s.close()
print(f"brute force: {ok}/30 refused")
PY

sleep 0.5
kill -INT "$sense_pid"
wait "$sense_pid"
rc=$?
echo "sense exit code $rc"
python3 - "$work/out.jsonl" "$ATK_IP" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
hits = [r for r in recs if r.get("type") == "finding" and r["rule"] == "Sense.Telnet.BruteForce"
        and r["evidence"]["hosts"]["host"] == sys.argv[2]]
summary = [r for r in recs if r.get("type") == "summary"]
print(json.dumps(hits[0] if hits else recs, indent=1)[:2000])
if not hits or not summary:
    sys.exit("FAIL: no brute-force alert for the attacker")
if hits[0]["evidence"]["counts"]["failed_logins"] < 5:
    sys.exit("FAIL: too few failed logins counted")
print("PASS")
PY
status=$?
[[ $rc -eq 1 ]] || { echo "FAIL: expected exit code 1"; exit 1; }
exit $status
