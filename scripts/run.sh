#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Sets everything up on Debian 12 (as root), builds the release binary and runs
# the main job on this machine. Extra arguments go to the main job.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
bin=build/release/src/cli/iotguard
echo "== iotguard $($bin --version | cut -d' ' -f2): describing this machine's core binaries"
# Main job for now: describe a few system binaries. The scan and audit issues
# replace this with `iotguard check` (scan + audit of this machine).
targets=()
for f in /bin/sh /bin/ls /usr/bin/busybox /sbin/init /usr/lib/systemd/systemd; do
  [[ -e $f ]] && targets+=("$(readlink -f "$f")")
done
exec "$bin" info --no-sections "$@" "${targets[@]}"
