#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Seeds for fuzz_elf, generated (never committed): the small stripped dynamic
# hello programs of the cross-architecture corpus, one per architecture.
#   tests/fuzz/elf_seeds.sh SEED_DIR [CORPUS_DIR]
# CORPUS_DIR (default SEED_DIR/../elf-corpus) is where tests/corpus/build.sh
# compiles; architectures without a cross compiler are skipped.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
seeds=${1:?usage: elf_seeds.sh SEED_DIR [CORPUS_DIR]}
corpus=${2:-$seeds/../elf-corpus}
"$here/../corpus/build.sh" "$corpus" >/dev/null
mkdir -p "$seeds"
n=0
for f in "$corpus"/*/hello.dynamic.stripped; do
  [[ -f $f ]] || continue
  arch=$(basename "$(dirname "$f")")
  cp -f "$f" "$seeds/$arch-hello.dynamic.stripped"
  n=$((n + 1))
done
echo "elf_seeds: $n seeds in $seeds"
