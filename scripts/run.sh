#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Sets everything up on Debian 12 (as root), builds the release binary and runs
# the main job on this machine: a scan of its executable directories.
# Extra arguments go to `iotguard scan` (e.g. --format json).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
bin=build/release/src/cli/iotguard
targets=()
for d in /bin /sbin /usr/bin /usr/sbin /usr/local/bin /usr/local/sbin /usr/lib /opt /tmp /dev/shm /var/tmp; do
  [[ -d $d ]] && targets+=("$d")
done
echo "== iotguard $($bin --version | cut -d' ' -f2): scanning ${targets[*]}" >&2
exec "$bin" scan --infected "$@" "${targets[@]}"
