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
  "$B" coverage --input "$WORK/in.h5" --out "$OUT" | awk '$1=="tdza"{t=1} t&&$1=="total"{print $5; exit}'
}
missing_dates() {
  "$B" coverage --input "$WORK/in.h5" --out "$OUT" | awk '$1=="tdza"{t=1} t&&$1=="total"{print $9; exit}'
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
outputs "computed $gaps dates" "$B" run --input "$WORK/in.h5" --out "$OUT" || fail "rerun did not compute exactly the $gaps gaps"
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
outputs "computed $expected dates" "$B" run --input "$WORK/in.h5" --out "$OUT" --gaps || fail "run --gaps did not recompute exactly the stale dates"
"$B" gaps --input "$WORK/in.h5" --out "$OUT" >/dev/null || fail "gaps remain after recompute"
pass "correction on $fix: exactly $expected dates recomputed"

# 5. Byte-identical to one clean run on the final inputs.
"$B" --quiet run --input "$WORK/in.h5" --out "$WORK/clean" >/dev/null
"$B" digest --index "$OUT/index.h5" >"$WORK/a.digest"
"$B" digest --index "$WORK/clean/index.h5" >"$WORK/b.digest"
diff -u "$WORK/b.digest" "$WORK/a.digest" || fail "resumed output differs from a clean run"
pass "final output byte-identical to a clean run ($(wc -l <"$WORK/a.digest") datasets)"

# --force recomputes everything; --retry-failed with nothing failed computes nothing.
outputs "computed 0 dates" "$B" run --input "$WORK/in.h5" --out "$OUT" --retry-failed || fail "--retry-failed"
outputs "computed $computable dates" "$B" run --input "$WORK/in.h5" --out "$OUT" --force || fail "--force"
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
outputs "computed $failed dates" "$B" run --input "$WORK/in.h5" --out "$WORK/fail" --retry-failed || fail "--retry-failed"
"$B" digest --index "$WORK/fail/index.h5" | diff -q - "$WORK/b.digest" >/dev/null || fail "after retry the output differs from a clean run"
pass "failed unit: exit 3, $failed dates listed and recorded; --retry-failed completes the output"

# Export: the index's rows as CSV / NDJSON with BigQuery names and values.
"$B" --quiet export --out "$OUT" --processor psza --start 2024-01-01 --end 2024-01-31 --format csv --output "$WORK/psza.csv"
"$B" --quiet export --out "$OUT" --processor pdc --start 2024-01-01 --end 2024-01-31 --output "$WORK/pdc.ndjson"
"$B" --quiet export --out "$OUT" --processor mlfs --end 2023-12-01 >"$WORK/mlfs.ndjson"
"$B" --quiet export --out "$OUT" --processor failures --output "$WORK/failures.ndjson"
"$PY" - "$OUT/index.h5" "$WORK" <<'PYEOF'
import csv, json, math, sys, h5py
f = h5py.File(sys.argv[1], "r")
def window(group, col):
    d = f[group][col].asstr()[:]
    return [i for i, x in enumerate(d) if "2024-01-01" <= x <= "2024-01-31"]
rows = list(csv.DictReader(open(f"{sys.argv[2]}/psza.csv")))
idx = window("psza", "analysis_date")
assert len(rows) == len(idx) > 0, (len(rows), len(idx))
assert list(rows[0].keys())[:3] == ["player_lookup", "universal_player_id", "analysis_date"]
for r, i in zip(rows, idx):
    v = f["psza"]["paint_pct_last_10"][i]
    assert (r["paint_pct_last_10"] == "") if math.isnan(v) else float(r["paint_pct_last_10"]) == v
    assert r["early_season_flag"] in ("true", "false")
nd = [json.loads(l) for l in open(f"{sys.argv[2]}/pdc.ndjson")]
idx = window("pdc", "cache_date")
assert len(nd) == len(idx)
for r, i in zip(nd, idx):
    assert r["points_avg_last_10"] == f["pdc"]["points_avg_last_10"][i]
    assert isinstance(r["is_production_ready"], bool) and isinstance(r["games_played_season"], int)
    v = f["pdc"]["player_age"][i]
    assert r["player_age"] is None if math.isnan(v) else r["player_age"] == v
import numpy as np
ml = [json.loads(l) for l in open(f"{sys.argv[2]}/mlfs.ndjson")]
g = f["mlfs"]
dates = g["game_date"].asstr()[:]
idx = [i for i, x in enumerate(dates) if x <= "2023-12-01"]
assert len(ml) == len(idx) > 0, (len(ml), len(idx))
codes = [c.decode() if isinstance(c, bytes) else c for c in g.attrs["feature_source_codes"]]
feats, srcs, scores = g["features"][:], g["feature_sources"][:], g["feature_quality_score"][:]
players, tiers = g["player_lookup"].asstr()[:], g["quality_tier"].asstr()[:]
for r, i in zip(ml, idx):  # every exported MLFS value is the stored one
    assert r["player_lookup"] == players[i] and r["game_date"] == dates[i]
    # ARRAY<FLOAT64> holds no NULL: a missing (NaN) feature is exported as 0.0, as the original writes it.
    want = [0.0 if np.isnan(v) else float(v) for v in feats[i]]
    assert len(r["features"]) == 64 and r["features"] == want, (r["features"], feats[i])
    # The raw tags as HEAD's JSON object text (feature_sources, HEAD's legacy column, stays NULL).
    assert json.loads(r["feature_sources_json"]) == {str(k): codes[c] for k, c in enumerate(srcs[i])}
    assert r["feature_sources"] is None
    assert r["feature_quality_score"] == scores[i] and r["quality_tier"] == tiers[i]
fl = [json.loads(l) for l in open(f"{sys.argv[2]}/failures.ndjson")]
g = f["failures"]
cols = ["processor", "analysis_date", "entity_id", "failure_category", "failure_reason"]
stored = list(zip(*(g[c].asstr()[:] for c in cols)))
assert len(fl) == len(stored) > 0, (len(fl), len(stored))
assert [tuple(r[c] for c in cols) for r in fl] == stored, "failures export differs from the index"
print(f"ok: export csv ({len(rows)} psza rows) and ndjson ({len(nd)} pdc, {len(ml)} mlfs, {len(fl)} failure rows) equal the index")
PYEOF
expect_exit 2 "use --format ndjson" -- "$B" export --out "$OUT" --processor mlfs --format csv
expect_exit 2 "is after --end" -- "$B" export --out "$OUT" --processor tdza --start 2024-02-02 --end 2024-02-01
pass "export errors are usage errors"

# Progress when not a terminal: periodic log lines with dates, rate and ETA.
"$B" run --input "$WORK/in.h5" --out "$WORK/progress" --partition week 2>"$WORK/progress.err" >/dev/null
grep -Eq "\[[0-9]+/[0-9]+ units, [0-9]+/[0-9]+ dates\] [0-9]+ rows, [0-9.]+ dates/s, ETA" "$WORK/progress.err" || fail "no progress line"
grep -q "run [0-9T]*Z-[0-9]*" "$WORK/progress/logs/"*.log || fail "run log lacks the run id"
pass "progress lines and per-run log"

# Processor subsets: the dependency closure is computed, the rest stays missing;
# completing later gives the same bytes as one full run.
"$B" --quiet run --input "$WORK/in.h5" --out "$WORK/subset" --processors pdc >/dev/null
cov=$("$B" coverage --input "$WORK/in.h5" --out "$WORK/subset")
for p in psza pdc; do
  [[ $(awk -v p=$p '$1==p{t=1} t&&$1=="total"{print $5; exit}' <<<"$cov") -eq $computable ]] || fail "$p not done for --processors pdc"
done
for p in tdza pcf mlfs; do
  [[ $(awk -v p=$p '$1==p{t=1} t&&$1=="total"{print $9; exit}' <<<"$cov") -eq $computable ]] || fail "$p should be missing"
done
"$PY" -c "import h5py,sys; f=h5py.File('$WORK/subset/index.h5'); sys.exit(0 if sorted(f) == ['date_status','failures','pdc','psza','segments'] and sorted(f['segments']) == ['date_status','failures','pdc','psza'] else 1)" \
  || fail "index of a subset run should hold only psza and pdc"
"$B" --quiet run --input "$WORK/in.h5" --out "$WORK/subset" --processors mlfs >/dev/null
"$B" digest --index "$WORK/subset/index.h5" | diff -q - "$WORK/b.digest" >/dev/null || fail "subset runs differ from a full run"
expect_exit 2 "unknown processor 'bogus'" -- "$B" run --input "$WORK/in.h5" --out "$WORK/subset" --processors bogus
pass "--processors pdc computes psza+pdc; adding mlfs completes to the same bytes as a full run"

# Staleness from a changed code version or changed options: records written by
# another build, or under other processor options, are recomputed, exactly those.
for field in code_version options_fingerprint; do
  cp -r "$WORK/clean" "$WORK/stale-$field"
  n=$("$PY" - "$WORK/stale-$field/ledger.jsonl" "$field" <<'PYEOF'
import json, sys
path, field = sys.argv[1], sys.argv[2]
latest = {}
for line in open(path):
    r = json.loads(line)
    latest[(r["processor"], r["date"])] = r
dates = sorted({d for (p, d), r in latest.items() if r["status"] == "done"})[10:13]
with open(path, "a") as f:  # as if these dates had been computed by another build / other options
    for (p, d), r in sorted(latest.items()):
        if d in dates:
            f.write(json.dumps(dict(r, **{field: "0123456789abcdef"})) + "\n")
print(len(dates))
PYEOF
)
  gaps=$("$B" gaps --input "$WORK/in.h5" --out "$WORK/stale-$field" || true)
  [[ $(grep -c " stale " <<<"$gaps") -eq $n ]] || { echo "$gaps"; fail "$field: $n dates should be stale"; }
  outputs "computed $n dates" "$B" run --input "$WORK/in.h5" --out "$WORK/stale-$field" || fail "$field: the rerun should recompute exactly $n dates"
  "$B" digest --index "$WORK/stale-$field/index.h5" | diff -q - "$WORK/b.digest" >/dev/null || fail "$field: output differs"
done
pass "records of another code version or other options are stale: exactly those dates recomputed, same bytes"
