#!/usr/bin/env bash
# The operator's scenario (issue 5): run half a season, start the full season and
# kill the coordinator mid-run, run again, inject a Phase 3 correction for one
# date, run again. At every step the coverage/gaps output shows exactly the dates
# expected (computed here independently from the shards and the inputs), and the
# final output is byte-identical to one clean run on the final inputs.
source "$(dirname "$0")/lib.sh"
B="$NBA_BIN"
"$B" --quiet synth --out "$WORK/csv" --seasons 1 --seed 17 --store "$WORK/in.h5"
OUT="$WORK/out"

# Dates done according to the shards on disk (independent of the ledger).
shard_dates() {
  "$PY" - "$OUT" <<'PYEOF'
import sys, glob, h5py
dates = set()
for p in glob.glob(f"{sys.argv[1]}/shards/*/*.h5"):
    with h5py.File(p, "r") as f:
        dates.update(f["date_status"]["analysis_date"].asstr()[:])
print(len(dates))
PYEOF
}
done_dates() {  # total "done" over the tdza coverage table
  "$B" coverage --input "$WORK/in.h5" --out "$OUT" | awk '$1=="tdza"{t=1} t&&$1=="total"{print $4; exit}'
}
missing_dates() {
  "$B" coverage --input "$WORK/in.h5" --out "$OUT" | awk '$1=="tdza"{t=1} t&&$1=="total"{print $8; exit}'
}
computable=$("$B" run --input "$WORK/in.h5" --out "$WORK/dry" --dry-run | awk -F': ' '/dates to compute/{split($2,a," "); print a[1]}')
[[ $computable -gt 100 ]] || fail "dry run reports $computable dates to compute"
[[ ! -e "$WORK/dry/ledger.jsonl" && ! -d "$WORK/dry/shards" ]] || fail "dry run wrote something"
pass "dry run: $computable dates to compute, nothing written"

# 1. Half a season.
"$B" --quiet run --input "$WORK/in.h5" --out "$OUT" --end 2024-01-15 >/dev/null
half=$(shard_dates)
[[ $(done_dates) -eq $half && $(missing_dates) -eq $((computable - half)) ]] || fail "after half: coverage $(done_dates)/$(missing_dates), shards $half"
pass "half season: $half dates done, $((computable - half)) missing"

# 2. The full season, coordinator killed after 3 units (single process: deterministic order).
rc=0
NBA_FAULT_KILL_COORDINATOR_AFTER_UNITS=3 "$B" --quiet run --input "$WORK/in.h5" --out "$OUT" >/dev/null 2>&1 || rc=$?
[[ $rc -eq 137 ]] || fail "the killed run should die of SIGKILL (137), got $rc"
after_kill=$(shard_dates)
[[ $after_kill -gt $half && $after_kill -lt $computable ]] || fail "killed run left $after_kill dates"
[[ $(done_dates) -eq $after_kill ]] || fail "coverage says $(done_dates) done, shards hold $after_kill dates"
list_gaps() { "$B" gaps --input "$WORK/in.h5" --out "$OUT" "$@" || [[ $? -eq 3 ]]; }  # exit 3 = gaps exist
gaps=$(list_gaps | tail -1 | awk '{print $1}')
[[ $gaps -eq $((computable - after_kill)) ]] || fail "gaps lists $gaps dates, expected $((computable - after_kill))"
pass "killed mid-run: $after_kill dates done and indexed, $gaps gaps listed"

# 3. Run again: resumes, computes only the gaps.
"$B" run --input "$WORK/in.h5" --out "$OUT" 2>&1 | grep -q "computed $gaps dates" || fail "rerun did not compute exactly the $gaps gaps"
[[ $(done_dates) -eq $computable && $(missing_dates) -eq 0 ]] || fail "not complete after resume"
"$B" gaps --input "$WORK/in.h5" --out "$OUT" >/dev/null || fail "gaps should be empty (exit 0)"
pass "resume computed exactly the $gaps missing dates"

# 4. A Phase 3 correction for one date: exactly the dates whose windows hold it are stale.
fix=2024-02-01
zcat "$WORK/csv/player_game_summary.csv.gz" |
  awk -F, -v d=$fix 'BEGIN{OFS=","} NR>1 && $5==d && !done {$9=$9+3; done=1} {print}' | gzip >"$WORK/pgs.gz"
mv "$WORK/pgs.gz" "$WORK/csv/player_game_summary.csv.gz"
"$B" --quiet import --from "$WORK/csv" --store "$WORK/in.h5" 2>/dev/null
expected=$("$PY" - "$WORK/in.h5" "$OUT" $fix <<'PYEOF'
import sys, json
# Computed dates on or after the corrected date (same season): they read it.
dates = set()
for line in open(f"{sys.argv[2]}/ledger.jsonl"):
    r = json.loads(line)
    if r["status"] == "done" and r["date"] >= sys.argv[3]:
        dates.add(r["date"])
print(len(dates))
PYEOF
)
stale=$(list_gaps | grep -c " stale ")
first=$(list_gaps | head -1 | awk '{print $1}')
[[ $stale -eq $expected && $first == "$fix" ]] || fail "correction: $stale stale dates from $first, expected $expected from $fix"
"$B" run --input "$WORK/in.h5" --out "$OUT" 2>&1 | grep -q "computed $expected dates" || fail "did not recompute exactly the stale dates"
"$B" gaps --input "$WORK/in.h5" --out "$OUT" >/dev/null || fail "gaps remain after recompute"
pass "correction on $fix: exactly $expected dates recomputed"

# 5. Byte-identical to one clean run on the final inputs.
"$B" --quiet run --input "$WORK/in.h5" --out "$WORK/clean" >/dev/null
"$B" digest --index "$OUT/index.h5" >"$WORK/a.digest"
"$B" digest --index "$WORK/clean/index.h5" >"$WORK/b.digest"
diff -u "$WORK/b.digest" "$WORK/a.digest" || fail "resumed output differs from a clean run"
pass "final output byte-identical to a clean run ($(wc -l <"$WORK/a.digest") datasets)"

# --force recomputes everything; --retry-failed with nothing failed computes nothing.
"$B" run --input "$WORK/in.h5" --out "$OUT" --retry-failed 2>&1 | grep -q "computed 0 dates" || fail "--retry-failed"
"$B" run --input "$WORK/in.h5" --out "$OUT" --force 2>&1 | grep -q "computed $computable dates" || fail "--force"
"$B" digest --index "$OUT/index.h5" | diff -q - "$WORK/b.digest" >/dev/null || fail "--force changed the output"
pass "--force recomputes all $computable dates; --retry-failed finds nothing to retry"

# A run log per run id, and JSON gaps.
ls "$OUT"/logs/*.log >/dev/null || fail "no run log"
"$B" gaps --input "$WORK/in.h5" --out "$OUT" --format json | "$PY" -c "import json,sys; assert json.load(sys.stdin) == []"
pass "run logs written; gaps --format json"

# A unit that fails: its dates are recorded failed with the error, the rest of the
# run completes, the exit code is 3 with the dates listed; --retry-failed fixes it.
rc=0
NBA_FAULT_FAIL_DATE=2024-03-05 mpirun -np 3 --oversubscribe "$B" run --input "$WORK/in.h5" --out "$WORK/fail" \
  >"$WORK/fail.log" 2>&1 || rc=$?
[[ $rc -eq 3 ]] || { tail "$WORK/fail.log"; fail "a failed unit should exit 3, got $rc"; }
grep -q "FAILED dates" "$WORK/fail.log" && grep -q "2024-03-05  .*injected failure" "$WORK/fail.log" || fail "failed dates not listed"
failed=$("$B" gaps --input "$WORK/in.h5" --out "$WORK/fail" --format json |
  "$PY" -c "import json,sys; g=json.load(sys.stdin); assert all(x['condition']=='failed' and 'injected' in x['error'] for x in g); print(len(g))" ) || true
[[ ${failed:-0} -ge 1 ]] || fail "gaps does not list the failed dates"
"$B" run --input "$WORK/in.h5" --out "$WORK/fail" --retry-failed 2>&1 | grep -q "computed $failed dates" || fail "--retry-failed"
"$B" digest --index "$WORK/fail/index.h5" | diff -q - "$WORK/b.digest" >/dev/null || fail "after retry the output differs from a clean run"
pass "failed unit: exit 3, $failed dates listed and recorded; --retry-failed completes the output"
