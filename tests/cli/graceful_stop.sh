#!/usr/bin/env bash
# Graceful stop (issue 6): SIGTERM to a one-process run and SIGUSR1 to mpirun (what
# `sbatch --signal=B:USR1@...` delivers through the batch script) stop handing out
# units, let units in flight finish, record them, and exit 4 ("stopped, resumable");
# the next run resumes and the output equals a clean run byte for byte.
source "$(dirname "$0")/lib.sh"
B="$NBA_BIN"
clean_reference 23

stop_and_resume() {  # NAME SIGNAL COMMAND...
  local name=$1 sig=$2; shift 2
  local out="$WORK/$name"
  NBA_FAULT_DATE_DELAY_MS=80 "$@" --input "$WORK/in.h5" --out "$out" --partition week >"$WORK/$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 200); do  # wait until some units are recorded
    [[ -f "$out/ledger.jsonl" ]] && [[ $(grep -c '"done"' "$out/ledger.jsonl") -gt 20 ]] && break
    sleep 0.1
  done
  kill -s "$sig" "$pid"
  local rc=0
  wait "$pid" || rc=$?
  [[ $rc -eq 4 ]] || { tail -5 "$WORK/$name.log"; fail "$name: exit $rc after SIG$sig, wanted 4"; }
  grep -q "STOPPED by signal" "$WORK/$name.log" || fail "$name: no STOPPED message"
  local left
  left=$("$B" gaps --input "$WORK/in.h5" --out "$out" | tail -1 | awk '{print $1}') || true
  [[ ${left:-0} -gt 0 ]] || fail "$name: the stop came too late to test anything"
  "$B" run --input "$WORK/in.h5" --out "$out" 2>&1 | grep -q "computed $left dates" || fail "$name: resume did not compute the $left remaining dates"
  "$B" digest --index "$out/index.h5" | diff -q - "$WORK/clean.digest" >/dev/null || fail "$name: output differs from a clean run"
  pass "$name: SIG$sig -> exit 4 with $left dates left; resume completes to the same bytes"
}

stop_and_resume single TERM "$B" run
stop_and_resume mpirun USR1 mpirun -np 3 --oversubscribe "$B" run
