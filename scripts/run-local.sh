#!/usr/bin/env bash
# Launches `nba-precompute run` on this machine under mpirun.
#   scripts/run-local.sh --input input.h5 --out out [run options...]
# NP defaults to the core count + 1 (rank 0 mostly waits, so the workers get
# every core); override with NP=4. Set NBA_BIN to use another binary.
set -euo pipefail
cd "$(dirname "$0")/.."
NBA_BIN=${NBA_BIN:-build/coordinator/nba-precompute}
NP=${NP:-$(( $(nproc) + 1 ))}
if [[ $(id -u) -eq 0 ]]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi
# One node: the ob1 messaging layer over shared memory (vader). Naming it skips
# Open MPI's probing of the UCX/libfabric layers, 0.2 s of every start-up here
# (bench/REPORT.md, section 3); on a cluster, leave the choice to the site.
exec mpirun -np "$NP" --oversubscribe --mca pml ob1 --mca btl self,vader,tcp "$NBA_BIN" run "$@"
