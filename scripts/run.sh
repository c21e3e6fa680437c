#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Sets everything up on Debian 12 (as root), builds the release binary and runs
# the main job on this machine: `iotguard check`, a scan of its executable and
# temporary directories plus an audit of the live system. Extra arguments go to
# `iotguard check` (e.g. --format json).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >&2
# The main job needs the binary only; its build log goes to stderr so that
# `--format json` output stays JSON lines.
cmake --preset release >/dev/null
cmake --build --preset release --target iotguard >&2
bin=build/release/src/cli/iotguard
echo "== iotguard $($bin --version | cut -d' ' -f2): scan + audit of this machine (iotguard check)" >&2
exec "$bin" check "$@"
