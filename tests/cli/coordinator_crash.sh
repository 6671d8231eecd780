#!/usr/bin/env bash
# Issue 7, point 3: the coordinator dies at random points. For several seeds, rank
# 0 of an mpirun job is SIGKILLed after a random number of recorded dates (the
# kill must happen and end the job, or the test fails), and a single-process run
# SIGKILLs itself right after a random number of recorded units. Each time a rerun resumes from the ledger and
# shards, computes exactly the dates that had no complete record, and the final
# output is byte-identical to one clean run.
source "$(dirname "$0")/lib.sh"
B="$NBA_BIN"
clean_reference 41
total=$("$PY" -c "import json; print(len({r['date'] for r in map(json.loads, open('$WORK/clean/ledger.jsonl')) if r['status']=='done'}))")

# Dates whose every processor has a "done" record (what a resume may skip).
complete_dates() {
  [[ -f "$1/ledger.jsonl" ]] || { echo 0; return; }
  "$PY" - "$1/ledger.jsonl" <<'PYEOF'
import json, sys
latest = {}
for line in open(sys.argv[1]):
    try:
        r = json.loads(line)
    except ValueError:
        continue  # a torn last line
    latest[(r["processor"], r["date"])] = r["status"]
by_date = {}
for (p, d), st in latest.items():
    by_date.setdefault(d, []).append(st)
print(sum(1 for s in by_date.values() if len(s) == 5 and all(x == "done" for x in s)))
PYEOF
}

resume_and_check() {  # OUT LABEL
  local before; before=$(complete_dates "$1")
  local want=$(( total - before ))
  local log; log=$("$B" run --input "$WORK/in.h5" --out "$1" 2>&1) || { echo "$log" | tail; fail "$2: resume failed"; }
  grep -q "computed $want dates" <<<"$log" || { echo "$log" | grep computed; fail "$2: resume should compute exactly $want dates ($before of $total were complete)"; }
  same_as_clean "$1" || fail "$2: output differs from a clean run"
  echo "$before"
}

# kill_rank0_after OUT RECORDS PID_OF_MPIRUN: waits for RECORDS done records,
# then SIGKILLs this test's rank 0; fails if it cannot find it (the job must
# still be running at that point, or the seed proves nothing).
kill_rank0_after() {
  local out=$1 records=$2 job=$3 coordinator
  wait_for_done_records "$out" "$records"
  coordinator=$(pid_of_rank "$out" 0) || fail "rank 0 of the job writing $out not found after $records records"
  kill -KILL "$coordinator" || fail "rank 0 (pid $coordinator) could not be killed"
  echo "$coordinator"
}

done_total=$(grep -c '"done"' "$WORK/clean/ledger.jsonl")
for seed in 1 2 3 4; do
  RANDOM=$seed
  records=$(( 1 + RANDOM % (done_total * 3 / 4) ))
  out="$WORK/mpi-$seed"
  NBA_TEST_TAG="$out" NBA_FAULT_DATE_DELAY_MS=15 mpirun -np 3 --oversubscribe -x NBA_TEST_TAG -x NBA_FAULT_DATE_DELAY_MS \
    "$B" run --input "$WORK/in.h5" --out "$out" --partition days:5 >"$out.log" 2>&1 &
  job=$!
  kill_rank0_after "$out" "$records" "$job" >/dev/null
  rc=0; wait "$job" || rc=$?
  [[ $rc -ne 0 ]] || fail "seed $seed: mpirun exited 0 although rank 0 was killed"
  grep -q "computed" "$out.log" && fail "seed $seed: the run finished before rank 0 was killed"
  before=$(resume_and_check "$out" "seed $seed")
  pass "seed $seed: rank 0 killed after $records done records ($before/$total dates complete; mpirun exit $rc); resume computed the rest, same bytes"
done

# Under --enable-recovery nothing but the workers themselves can end them when
# rank 0 dies (issue 20, defect 2): each stops once rank 0 has been silent for
# --worker-timeout, so mpirun returns, and the rerun resumes.
out="$WORK/recovery"
NBA_TEST_TAG="$out" NBA_FAULT_DATE_DELAY_MS=40 mpirun -np 3 --oversubscribe --enable-recovery -x NBA_TEST_TAG \
  -x NBA_FAULT_DATE_DELAY_MS "$B" run --input "$WORK/in.h5" --out "$out" --partition days:5 --worker-timeout 5 \
  >"$out.log" 2>&1 &
job=$!
kill_rank0_after "$out" $(( done_total / 3 )) "$job" >/dev/null
killed_at=$SECONDS
for _ in $(seq 1 600); do kill -0 "$job" 2>/dev/null || break; sleep 0.1; done
kill -0 "$job" 2>/dev/null && { pkill -KILL -f "$out" || true; fail "mpirun --enable-recovery still running 60 s after rank 0 died"; }
wait "$job" || true  # mpirun --enable-recovery exits 0 whatever became of the ranks
elapsed=$(( SECONDS - killed_at ))
[[ $(grep -c "no word from the coordinator (rank 0) for 5s: it is gone; stopping" "$out.log") -eq 2 ]] \
  || { tail -5 "$out.log"; fail "the two workers did not report the lost coordinator"; }
pid_of_rank "$out" 1 >/dev/null && fail "a worker outlived mpirun"
before=$(resume_and_check "$out" "recovery")
pass "--enable-recovery: rank 0 killed, both workers stopped and mpirun returned after ${elapsed} s ($before/$total dates complete); resume completes, same bytes"

for seed in 5 6 7; do
  RANDOM=$seed
  units=$(( 1 + RANDOM % 30 ))
  out="$WORK/single-$seed"
  rc=0
  NBA_FAULT_KILL_COORDINATOR_AFTER_UNITS=$units "$B" run --input "$WORK/in.h5" --out "$out" --partition days:3 \
    >"$out.log" 2>&1 || rc=$?
  [[ $rc -eq 137 ]] || fail "seed $seed: the run was not killed (exit $rc)"
  before=$(resume_and_check "$out" "seed $seed")
  pass "seed $seed: killed after $units recorded units ($before/$total dates complete); resume computed the rest, same bytes"
done
