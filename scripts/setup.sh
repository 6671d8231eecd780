#!/usr/bin/env bash
# Installs every Debian 12 package nba-precompute needs to build, test and run.
# Idempotent (does nothing when all are present), non-interactive, works as root
# without a terminal; uses sudo when not root.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build git
  openmpi-bin libopenmpi-dev libboost-mpi-dev libboost-serialization-dev
  libhdf5-dev hdf5-tools zlib1g-dev libisal-dev libjemalloc-dev
  libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev libgtest-dev
  libssl-dev  # SHA-256 (libcrypto) for the data_hash columns
  python3 python3-h5py python3-numpy  # the tests read the output the way users do (h5py)
  iproute2 openssh-server openssh-client util-linux  # the two-host test (network namespaces + sshd)
  slurm-wlm munge  # the Slurm test (a one-node cluster started by the test itself)
  clang libclang-rt-14-dev  # the libFuzzer target, built by the test command so it cannot rot (scripts/fuzz.sh)
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO="sudo"
echo "setup: installing ${missing[*]}"
$SUDO apt-get update -q </dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
