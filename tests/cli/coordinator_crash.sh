#!/usr/bin/env bash
# Issue 7, point 3: the coordinator dies at random points. For several seeds, rank
# 0 of an mpirun job is SIGKILLed after a random delay (anywhere from planning to
# the index rebuild), and a single-process run SIGKILLs itself right after a
# random number of recorded units. Each time a rerun resumes from the ledger and
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

for seed in 1 2 3 4; do
  RANDOM=$seed
  delay_ms=$(( 200 + RANDOM % 2800 ))
  out="$WORK/mpi-$seed"
  NBA_TEST_TAG="$out" NBA_FAULT_DATE_DELAY_MS=15 mpirun -np 3 --oversubscribe -x NBA_TEST_TAG -x NBA_FAULT_DATE_DELAY_MS \
    "$B" run --input "$WORK/in.h5" --out "$out" --partition days:5 >"$out.log" 2>&1 &
  job=$!
  sleep "$(printf '%d.%03d' $(( delay_ms / 1000 )) $(( delay_ms % 1000 )))"
  coordinator=$(pid_of_rank "$out" 0) || true
  [[ -n "$coordinator" ]] && kill -KILL "$coordinator" 2>/dev/null || true
  wait "$job" || true
  before=$(resume_and_check "$out" "seed $seed")
  pass "seed $seed: rank 0 killed after ${delay_ms} ms ($before/$total dates complete); resume computed the rest, same bytes"
done

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
