#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark: the same mixed capture (>= 1 GB, generated into bench/work/)
# through `iotguard sense` and `tshark -r` with a comparable display filter,
# each pinned to one core. Appends a "## sense vs tshark" section to
# bench/RESULTS.md. Not run in CI; takes a few minutes.
#   bench/sense_vs_tshark.sh [MEGABYTES]   (default 1100)
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-1100}
WORK=bench/work
mkdir -p "$WORK"

if ! command -v tshark >/dev/null; then
  echo "installing tshark (apt-get)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends tshark >/dev/null
fi

cmake --preset release >/dev/null
cmake --build --preset release -j2 --target iotguard sense_pcapgen >/dev/null
BIN=build/release/src/cli/iotguard
GEN=build/release/tests/sense/sense_pcapgen

PCAP=$WORK/mixed_${MB}MB.pcap
[[ -s $PCAP ]] || "$GEN" mixed "$PCAP" "$MB" >/dev/null
BYTES=$(stat -c %s "$PCAP")
# Packet count and wire bits from the sensor's own summary.
read -r PKTS WIRE < <("$BIN" sense --format json --pcap "$PCAP" --summary-only |
  python3 -c 'import json,sys; s=[json.loads(l) for l in sys.stdin][-1]; print(s["packets"], s["bytes"])')

# CPU seconds (user + sys) of one run: the machine may be shared, and the
# targets are per core. Best of 3 for sense; tshark once (it is slow).
time_cmd() {
  /usr/bin/time -f '%U %S' -o "$WORK/time.txt" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$WORK/time.txt" | awk '{print $1 + $2}'
}
best=999999
for _ in 1 2 3; do
  t=$(time_cmd taskset -c 0 "$BIN" sense --format json --pcap "$PCAP")
  best=$(echo "if ($t < $best) $t else $best" | bc -l)
done
# tshark: dissect every packet and apply a filter covering what sense inspects.
FILTER='(tcp.flags.syn==1 && tcp.flags.ack==0) || telnet || tcp.port==6667 || udp.port==27015 || udp.port==6881 || gre || (udp && udp.length > 512)'
ts=$(time_cmd taskset -c 0 tshark -n -r "$PCAP" -Y "$FILTER" -T fields -e frame.number)

rate() { echo "scale=1; $1 / $2" | bc -l; }
S_PPS=$(rate "$PKTS" "$best"); T_PPS=$(rate "$PKTS" "$ts")
S_GBPS=$(echo "scale=2; $WIRE * 8 / $best / 1000000000" | bc -l)
T_GBPS=$(echo "scale=3; $WIRE * 8 / $ts / 1000000000" | bc -l)
SPEEDUP=$(echo "scale=1; $ts / $best" | bc -l)
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
TSV=$(tshark --version | head -1)

section=$(cat <<MD

## sense vs tshark

$(date -u +%Y-%m-%d), ${CPU}, one core each (\`taskset -c 0\`), release build; times are CPU seconds (user + sys) from
\`/usr/bin/time\` because the build machine is shared (load average $(cut -d' ' -f1 /proc/loadavg)).
Capture: \`sense_pcapgen mixed\` (web downloads with Mirai scans, telnet brute force and a UDP
flood mixed in), $(echo "scale=2; $BYTES / 1000000000" | bc -l) GB file, ${PKTS} packets, average $(echo "$WIRE / $PKTS" | bc) bytes.

| Tool | CPU time (s) | Packets/s | Gbit/s per core |
|---|---:|---:|---:|
| \`iotguard sense --format json\` (best of 3) | $(printf %.2f "$best") | ${S_PPS} | ${S_GBPS} |
| \`${TSV}\` \`-r -Y <filter> -T fields\` | $(printf %.2f "$ts") | ${T_PPS} | ${T_GBPS} |

iotguard sense is ${SPEEDUP}x tshark. tshark filter: \`${FILTER}\`.
Targets (issue 7): >= 2 Gbit/s per core, >= 10x tshark. Reproduce: \`bench/sense_vs_tshark.sh ${MB}\`.
MD
)
echo "$section"
echo "$section" >> bench/RESULTS.md
