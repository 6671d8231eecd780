#!/usr/bin/env bash
# Installs the Debian 12 packages nba-precompute needs. Idempotent (does
# nothing when all are present), non-interactive, works as root without a
# terminal; uses sudo when not root.
#   scripts/setup.sh           build and run the program (the main job): no daemon, no test tool
#   scripts/setup.sh --python  also Python's h5py/numpy/pandas, for scripts/read_output.py
#   scripts/setup.sh --test    everything the test command needs (the above plus test-only tools)
#   add --list to print the packages instead of installing them
set -euo pipefail

MAIN=(
  build-essential cmake ninja-build git
  openmpi-bin libopenmpi-dev libboost-mpi-dev libboost-serialization-dev
  libhdf5-dev hdf5-tools zlib1g-dev libisal-dev libjemalloc-dev
  libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev
  libssl-dev  # SHA-256 (libcrypto) for the data_hash columns
)
PYTHON=(python3 python3-h5py python3-numpy python3-pandas)  # scripts/read_output.py; the tests read output this way
TEST_ONLY=(
  libgtest-dev
  iproute2 openssh-server openssh-client util-linux  # the two-host test (network namespaces + sshd)
  slurm-wlm munge  # the Slurm test (a one-node cluster started by the test itself)
  clang libclang-rt-14-dev  # the libFuzzer target, built by the test command so it cannot rot (scripts/fuzz.sh)
)

PACKAGES=("${MAIN[@]}")
LIST=0
for arg in "$@"; do
  case "$arg" in
    --python) PACKAGES+=("${PYTHON[@]}") ;;
    --test) PACKAGES+=("${PYTHON[@]}" "${TEST_ONLY[@]}") ;;
    --list) LIST=1 ;;  # print the packages instead of installing them
    *) echo "usage: scripts/setup.sh [--python|--test] [--list]" >&2; exit 2 ;;
  esac
done
if [[ $LIST -eq 1 ]]; then
  printf '%s\n' "${PACKAGES[@]}" | sort -u
  exit 0
fi

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
