#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs everything IoTGuard needs on Debian 12, as root. Idempotent: packages
# already present are skipped by apt-get, and apt's lists are refreshed at most
# once an hour.
#   scripts/install-deps.sh          build + runtime dependencies
#   scripts/install-deps.sh --test   also cross compilers, qemu, fuzzing and peer tools
set -euo pipefail

BUILD_PKGS=(
  build-essential cmake ninja-build pkg-config git file
  libyara-dev libucl-dev liblzma-dev zlib1g-dev libarchive-dev libsquashfs-dev
  libpcap-dev libssl-dev libcrypt-dev libsqlite3-dev libcli11-dev
  nlohmann-json3-dev libfmt-dev
)
TEST_PKGS=(
  libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev clang-format
  binutils-multiarch qemu-user-static python3
  gcc-i686-linux-gnu gcc-arm-linux-gnueabi gcc-arm-linux-gnueabihf gcc-aarch64-linux-gnu
  gcc-mips-linux-gnu gcc-mipsel-linux-gnu gcc-mips64el-linux-gnuabi64
  gcc-powerpc-linux-gnu gcc-powerpc64le-linux-gnu gcc-s390x-linux-gnu
  gcc-sh4-linux-gnu gcc-m68k-linux-gnu gcc-sparc64-linux-gnu gcc-riscv64-linux-gnu
  libc6-dev-i386-cross libc6-dev-armel-cross libc6-dev-armhf-cross libc6-dev-arm64-cross
  libc6-dev-mips-cross libc6-dev-mipsel-cross libc6-dev-mips64el-cross libc6-dev-powerpc-cross
  libc6-dev-ppc64el-cross libc6-dev-s390x-cross libc6-dev-sh4-cross libc6-dev-m68k-cross
  libc6-dev-sparc64-cross libc6-dev-riscv64-cross
  yara hyperfine time python3-jsonschema
  busybox-static
  squashfs-tools cpio xz-utils bzip2 zip u-boot-tools
  iptables
)

want=("${BUILD_PKGS[@]}")
if [[ "${1:-}" == "--test" ]]; then
  want+=("${TEST_PKGS[@]}")
  # npm fetches the SARIF schema for a test; a machine may already have its
  # own Node.js (not Debian's), which Debian's npm package would conflict with.
  command -v npm >/dev/null || want+=(npm)
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: run as root (apt-get)" >&2
  exit 2
fi

# apt-get update: a mirror mid-sync fails some index files; the lists apt
# already has are usually enough, and apt-get install says plainly if not.
refresh_lists() {
  apt-get update -qq || echo "install-deps: apt-get update reported errors; using the lists apt has" >&2
}

# tests/audit/make_root.sh downloads busybox-static:armel for its fixture roots.
# (Outputs are captured before grep: with pipefail, grep -q closing the pipe
# early would fail the pipeline and read as "absent".)
foreign=$(dpkg --print-foreign-architectures)
if [[ "${1:-}" == "--test" ]] && ! grep -qx armel <<<"$foreign"; then
  dpkg --add-architecture armel
  refresh_lists
fi

missing=()
for p in "${want[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#want[@]} packages present"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
stamp=/var/lib/apt/periodic/iotguard-update-stamp
if [[ ! -f $stamp ]] || [[ -n $(find "$stamp" -mmin +60 2>/dev/null) ]]; then
  refresh_lists
  mkdir -p "$(dirname "$stamp")" && touch "$stamp"
fi
echo "install-deps: installing ${missing[*]}"
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
