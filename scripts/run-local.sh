#!/usr/bin/env bash
# Launches `nba-precompute run` on this machine under mpirun.
#   scripts/run-local.sh --input input.h5 --out out [run options...]
# NP defaults to the core count + 1 (rank 0 mostly waits, so the workers get
# every core); override with NP=4. Set NBA_BIN to use another binary.
#
# Ctrl-C, SIGINT and SIGTERM stop the run gracefully: they are passed to mpirun
# as SIGUSR1, which it forwards to the ranks (rank 0 then hands out no new
# units, lets units in flight finish within --grace-seconds and exits 4, which
# mpirun returns). Sent to mpirun itself, SIGINT/SIGTERM make Open MPI kill
# every rank about 2 s later and exit 1 (docs/failure-modes.md, row 9).
set -euo pipefail
cd "$(dirname "$0")/.."
NBA_BIN=${NBA_BIN:-build/coordinator/nba-precompute}
NP=${NP:-$(( $(nproc) + 1 ))}
source scripts/single-node-mpi.sh
# mpirun runs in a session of its own, so that a terminal's Ctrl-C reaches
# only this script, which turns it into SIGUSR1.
setsid mpirun -np "$NP" "$NBA_BIN" run "$@" </dev/null &
launcher=$!
trap 'echo "run-local: stopping the run gracefully (SIGUSR1 to mpirun)" >&2; kill -USR1 $launcher 2>/dev/null || true' INT TERM
while true; do  # `wait` returns early when a trapped signal arrives
  rc=0
  wait "$launcher" || rc=$?
  kill -0 "$launcher" 2>/dev/null || break
done
exit "$rc"
