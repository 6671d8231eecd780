#!/usr/bin/env bash
# Issue 7, points 1 and 2: a worker that dies (SIGKILL) or hangs (SIGSTOP) mid-unit.
# Under `mpirun --enable-recovery` the coordinator notices the silence (heartbeat
# deadline, --worker-timeout), requeues the unit to a live worker, finishes,
# reports the lost rank, and the output equals a clean run byte for byte.
# Without --enable-recovery mpirun ends the job with its own message; a rerun
# completes to the same bytes. (mpirun --enable-recovery always exits 0, so the
# run's own exit code is read from --exit-code-file.)
source "$(dirname "$0")/lib.sh"
B="$NBA_BIN"
# The deadline also covers a worker's start-up (loading the input), which a
# sanitizer build makes several times slower: scripts/test-sanitized.sh raises it.
# Generous: a rank starved of CPU by the machine must not be a false loss.
T=${NBA_TEST_WORKER_TIMEOUT:-10}
clean_reference 31

# start_slow_run NAME [mpirun flags...]: 3 ranks, 60 ms per date, week units.
start_slow_run() {
  local name=$1; shift
  NBA_TEST_TAG="$WORK/$name" NBA_FAULT_DATE_DELAY_MS=60 \
    mpirun -np 3 --oversubscribe -x NBA_TEST_TAG -x NBA_FAULT_DATE_DELAY_MS "$@" \
    "$B" run --input "$WORK/in.h5" --out "$WORK/$name" --partition week --worker-timeout "$T" \
    --exit-code-file "$WORK/$name.rc" \
    >"$WORK/$name.log" 2>&1 &
  RUN_PID=$!
  wait_for_done_records "$WORK/$name" 10
}

lost_unit_of_manifest() {  # prints "rank unit killed" of the first lost worker
  "$PY" -c "import json; m=json.load(open('$1/manifest.json')); l=m['lost_workers'][0]; print(l['rank'], l.get('unit','-'), l['killed'])"
}

# 1. SIGKILL under --enable-recovery: requeued, finished, reported, same bytes.
start_slow_run killed --enable-recovery
victim=$(pid_of_rank "$WORK/killed" 1) || fail "rank 1 not found"
kill -KILL "$victim"
rc=0; wait "$RUN_PID" || rc=$?
[[ $rc -eq 0 && $(cat "$WORK/killed.rc") == 0 ]] || { tail -20 "$WORK/killed.log"; fail "recovery run exit $rc/$(cat "$WORK/killed.rc"), wanted 0"; }
grep -q "LOST worker rank 1" "$WORK/killed.log" || fail "the lost rank is not reported"
grep -q "requeued" "$WORK/killed.log" || fail "no unit was requeued"
read -r rank unit _ < <(lost_unit_of_manifest "$WORK/killed")
[[ $rank == 1 && $unit != - ]] || fail "manifest does not name rank 1 and the unit it held ($rank $unit)"
same_as_clean "$WORK/killed" || fail "output after a lost worker differs from a clean run"
pass "worker SIGKILL under --enable-recovery: unit $unit requeued, rank 1 reported, same bytes"

# 2. SIGSTOP (hung worker) under --enable-recovery: the deadline fires, the unit
#    is requeued, the hung process is killed so mpirun can exit.
start_slow_run hung --enable-recovery
victim=$(pid_of_rank "$WORK/hung" 2) || fail "rank 2 not found"
kill -STOP "$victim"
rc=0; wait "$RUN_PID" || rc=$?
[[ $rc -eq 0 && $(cat "$WORK/hung.rc") == 0 ]] || { tail -20 "$WORK/hung.log"; fail "hung-worker run exit $rc/$(cat "$WORK/hung.rc"), wanted 0"; }
grep -Eq "worker rank 2 .* silent for ${T}s: declared lost, killed" "$WORK/hung.log" || fail "no deadline message for rank 2"
read -r rank unit killed < <(lost_unit_of_manifest "$WORK/hung")
[[ $rank == 2 && $unit != - && $killed == True ]] || fail "manifest: $rank $unit $killed"
[[ ! -e /proc/$victim ]] || fail "the hung worker is still there"
same_as_clean "$WORK/hung" || fail "output after a hung worker differs from a clean run"
pass "worker SIGSTOP: deadline fired after $T s, unit $unit requeued, process killed, same bytes"

# 3. SIGKILL without --enable-recovery: mpirun ends the job and says which rank
#    died; nothing recorded is lost and a rerun completes to the same bytes.
start_slow_run norecovery
victim=$(pid_of_rank "$WORK/norecovery" 1) || fail "rank 1 not found"
kill -KILL "$victim"
rc=0; wait "$RUN_PID" || rc=$?
[[ $rc -ne 0 ]] || fail "mpirun exit 0 after a worker died without --enable-recovery"
grep -Eiq "rank 1 .*(exited on signal 9|killed)" "$WORK/norecovery.log" || { tail -20 "$WORK/norecovery.log"; fail "no message naming the dead rank"; }
done_before=$(grep -c '"done"' "$WORK/norecovery/ledger.jsonl")
expect_exit 0 "computed [0-9]+ dates" -- mpirun -np 3 --oversubscribe "$B" run --input "$WORK/in.h5" --out "$WORK/norecovery"
same_as_clean "$WORK/norecovery" || fail "rerun after an aborted job differs from a clean run"
pass "worker SIGKILL without recovery: job ended (exit $rc, rank named), $done_before records kept, rerun completes to the same bytes"

# 4. A unit that kills every worker it is given is failed after two losses, not
#    retried forever: the rest of the run completes and the exit code says so.
crash_date=$("$PY" -c "import json; r=[json.loads(l) for l in open('$WORK/clean/ledger.jsonl')]; d=sorted(x['date'] for x in r if x['status']=='done'); print(d[len(d)//2])")
NBA_FAULT_CRASH_DATE=$crash_date expect_exit 0 "FAILED dates .*" -- \
  mpirun -np 4 --oversubscribe --enable-recovery -x NBA_FAULT_CRASH_DATE "$B" run --input "$WORK/in.h5" \
  --out "$WORK/poison" --partition week --worker-timeout "$T" --exit-code-file "$WORK/poison.rc"
[[ $(cat "$WORK/poison.rc") == 3 ]] || fail "poison run: exit code file says $(cat "$WORK/poison.rc"), wanted 3"
grep -q '"status":"failed"' "$WORK/poison/ledger.jsonl" || fail "the poison unit is not recorded failed"
"$PY" - "$WORK/poison" "$crash_date" <<'PYEOF' || fail "poison unit: wrong failure record"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1] + "/ledger.jsonl")]
bad = [r for r in recs if r["status"] == "failed"]
assert any(r["date"] == sys.argv[2] for r in bad), "crash date not failed"
assert all("workers were lost while computing it" in r["error"] for r in bad), bad[0]["error"]
assert len(json.load(open(sys.argv[1] + "/manifest.json"))["lost_workers"]) == 2
PYEOF
expect_exit 0 "computed [0-9]+ dates" -- "$B" run --input "$WORK/in.h5" --out "$WORK/poison"
same_as_clean "$WORK/poison" || fail "after the poison unit was retried the output differs from a clean run"
pass "a unit that kills its workers: failed after 2 losses ($crash_date), rest completed, exit 3; rerun fixes it"

# 5. One worker that cannot work among several (docs/failure-modes.md row 10):
#    it says why and gets no work; the other two compute everything.
expect_exit 0 "worker rank 2 cannot work: rank 2: injected: this worker cannot work" -- \
  env NBA_FAULT_UNUSABLE_RANK=2 mpirun -np 4 --oversubscribe -x NBA_FAULT_UNUSABLE_RANK "$B" run \
  --input "$WORK/in.h5" --out "$WORK/one-bad" --partition week
"$PY" - "$WORK/one-bad" <<'PYEOF' || fail "one bad worker: units went to it, or not to both others"
import json, sys
m = json.load(open(sys.argv[1] + "/manifest.json"))
ranks = {u["rank"] for u in m["units"]}
assert ranks == {1, 3}, ranks
assert all(u["status"] == "done" for u in m["units"])
PYEOF
same_as_clean "$WORK/one-bad" || fail "one bad worker: output differs from a clean run"
pass "one worker of three cannot work: it says why, gets no unit, the other two complete the run (exit 0), same bytes"
