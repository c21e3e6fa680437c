#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Sets everything up on Debian 12 (as root), builds under ASan+UBSan and runs
# every test: unit, CLI end-to-end, cross-architecture corpus and malformed input.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
cmake --preset asan-ubsan >/dev/null
cmake --build --preset asan-ubsan
ctest --preset asan-ubsan -j"$(nproc)" "$@"
