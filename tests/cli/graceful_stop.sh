#!/usr/bin/env bash
# Graceful stop (issue 6, issue 20 defect 3): SIGTERM or SIGINT to a one-process
# run, SIGUSR1 to mpirun (what `sbatch --signal=B:USR1@...` delivers through the
# batch script), and SIGINT/SIGTERM to scripts/run-local.sh stop handing out
# units, let units in flight finish, record them, and exit 4 ("stopped,
# resumable"); the next run resumes and the output equals a clean run byte for
# byte. SIGTERM to a bare mpirun is Open MPI's: it exits 1 and kills the ranks
# odls_base_sigkill_timeout seconds after it SIGTERMs them; the run's code (4)
# is in --exit-code-file. A grace period that expires abandons the units still
# running, and the run says so.
source "$(dirname "$0")/lib.sh"
B="$NBA_BIN"
REPO=$(cd "$(dirname "$0")/../.." && pwd)
clean_reference 23

# stop_and_resume NAME SIGNAL WANT_EXIT COMMAND...: runs COMMAND on the clean
# store, sends SIGNAL once 20 dates are recorded, expects WANT_EXIT, checks that
# the summary and manifest count what was done, then resumes.
stop_and_resume() {
  local name=$1 sig=$2 want=$3; shift 3
  local out="$WORK/$name"
  NBA_FAULT_DATE_DELAY_MS=${DELAY_MS:-80} "$@" --input "$WORK/in.h5" --out "$out" --partition week \
    --exit-code-file "$WORK/$name.exit" >"$WORK/$name.log" 2>&1 &
  local pid=$!
  wait_for_done_records "$out" 100  # 20 dates x 5 processors
  kill -s "$sig" "$pid"
  local rc=0
  wait "$pid" || rc=$?
  [[ $rc -eq $want ]] || { tail -5 "$WORK/$name.log"; fail "$name: exit $rc after SIG$sig, wanted $want"; }
  [[ $(cat "$WORK/$name.exit") == 4 ]] || fail "$name: the exit code file says $(cat "$WORK/$name.exit"), wanted 4"
  grep -q "STOPPED by signal" "$WORK/$name.log" || fail "$name: no STOPPED message"
  # The summary and the manifest count what was done, not what was planned (defect 10).
  grep -Eq "computed [0-9]+ of [0-9]+ planned dates in [0-9]+ of [0-9]+ units .*dates not done \\([0-9]+ units not started\\)" \
    "$WORK/$name.log" || { grep "^Run " "$WORK/$name.log"; fail "$name: the summary does not say what was left undone"; }
  "$PY" - "$out" <<'PYEOF' || fail "$name: the manifest does not count what was done"
import json, sys
m = json.load(open(sys.argv[1] + "/manifest.json"))
w = m["work"]
done = sum(u["dates"] for u in m["units"] if u["status"] == "done")
assert w["dates_done"] == done, (w, done)
assert w["dates_done"] + w["dates_failed"] + w["dates_not_done"] == w["dates_planned"], w
assert w["dates_not_done"] > 0 and w["units_not_started"] > 0, w
assert m["timers"]["dates"] == w["dates_done"] + w["dates_failed"], (m["timers"]["dates"], w)
PYEOF
  local left
  left=$("$B" gaps --input "$WORK/in.h5" --out "$out" | tail -1 | awk '{print $1}') || true
  [[ ${left:-0} -gt 0 ]] || fail "$name: the stop came too late to test anything"
  outputs "computed $left dates" "$B" run --input "$WORK/in.h5" --out "$out" || fail "$name: resume did not compute the $left remaining dates"
  same_as_clean "$out" || fail "$name: output differs from a clean run"
  pass "$name: SIG$sig -> exit $want (exit code file 4) with $left dates left; summary and manifest count what was done; resume completes to the same bytes"
}

stop_and_resume single-term TERM 4 "$B" run
stop_and_resume single-int INT 4 "$B" run
stop_and_resume mpirun-usr1 USR1 4 mpirun -np 3 --oversubscribe "$B" run
# run-local.sh turns SIGINT/SIGTERM (a terminal's Ctrl-C) into SIGUSR1 for mpirun.
# A background job of this script starts with SIGINT ignored, which bash cannot
# trap; a terminal's foreground job has it at its default, as here.
default_sigint() { exec "$PY" -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])' "$@"; }
stop_and_resume run-local-int INT 4 default_sigint env NP=3 NBA_BIN="$B" bash "$REPO/scripts/run-local.sh"
stop_and_resume run-local-term TERM 4 env NP=3 NBA_BIN="$B" bash "$REPO/scripts/run-local.sh"
# A bare mpirun: Open MPI exits 1; rank 0 stops gracefully within the time
# mpirun gives it (odls_base_sigkill_timeout) and leaves its code in the file.
# Its first step is SIGCONT and a wait of that timeout, so the units are slowed
# enough for the run to be still going when the SIGTERM follows (SIGINT takes
# the same path in Open MPI).
DELAY_MS=300 stop_and_resume mpirun-term TERM 1 mpirun -np 3 --oversubscribe --mca odls_base_sigkill_timeout 6 "$B" run

# --grace-seconds expiring: units still running are abandoned, the run says so,
# exits 4, and what they computed is not recorded (their dates are redone).
out="$WORK/grace"
NBA_FAULT_DATE_DELAY_MS=700 mpirun -np 3 --oversubscribe "$B" run --input "$WORK/in.h5" --out "$out" --partition week \
  --grace-seconds 1 --exit-code-file "$WORK/grace.exit" >"$WORK/grace.log" 2>&1 &
pid=$!
wait_for_done_records "$out" 5
kill -USR1 "$pid"
rc=0; wait "$pid" || rc=$?
[[ $(cat "$WORK/grace.exit") == 4 ]] || { tail -5 "$WORK/grace.log"; fail "grace: exit code file $(cat "$WORK/grace.exit"), wanted 4"; }
[[ $rc -eq 4 ]] || { tail -5 "$WORK/grace.log"; fail "grace: mpirun exit $rc, wanted 4"; }
grep -q "units still running when the grace period ended were abandoned" "$WORK/grace.log" \
  || { tail -5 "$WORK/grace.log"; fail "grace: the expired grace period is not reported"; }
"$B" run --input "$WORK/in.h5" --out "$out" >/dev/null 2>&1 || fail "grace: resume failed"
same_as_clean "$out" || fail "grace: output after resume differs from a clean run"
pass "--grace-seconds 1 expired with 4.9 s units in flight: exit 4, abandonment reported; resume completes to the same bytes"
