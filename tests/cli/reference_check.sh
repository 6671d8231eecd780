#!/usr/bin/env bash
# The independent reference (tests/reference/check_run.py) on a synthetic
# season, which carries data_hash/processed_at columns like the real exports:
# every stored value, failure record, date status and rendered PCF context
# JSON must equal it. Then the check itself must fail on each kind of damage:
# a stored column it does not know, a changed value, failure reason or date
# status, a changed export text, a duplicated key.
source "$(dirname "$0")/lib.sh"
B="$NBA_BIN"
CHECK="$NBA_TESTS_DIR/reference/check_run.py"
"$B" --quiet synth --out "$WORK/csv" --seasons 1 --seed 23 --roster-scale 0.5 --store "$WORK/in.h5"
# --include-bootstrap: MLFS's bootstrap-date rows are checked too.
mpirun -np 3 --oversubscribe "$B" --quiet run --input "$WORK/in.h5" --out "$WORK/out" --include-bootstrap >/dev/null
"$B" --quiet export --out "$WORK/out" --processor pcf --output "$WORK/pcf.ndjson"
"$B" --quiet export --out "$WORK/out" --processor mlfs --end 2023-12-15 --output "$WORK/mlfs.ndjson"
"$PY" "$CHECK" "$WORK/csv" "$WORK/out/index.h5" "$WORK/pcf.ndjson" "$WORK/mlfs.ndjson" >"$WORK/clean.log" || { tail -20 "$WORK/clean.log"; fail "reference check of a clean run"; }
grep -q "0 mismatches" "$WORK/clean.log" && tail -6 "$WORK/clean.log"
grep -q "14 bootstrap dates checked" "$WORK/clean.log" || fail "the bootstrap dates were not checked"

# Damage a copy: shards are changed in place (the index reads through them).
cp -r "$WORK/out" "$WORK/bad"
"$PY" - "$WORK/bad" "$WORK/pcf.ndjson" "$WORK/bad.ndjson" <<'PYEOF'
import glob, json, sys, h5py
out = sys.argv[1]
shard = sorted(glob.glob(f"{out}/shards/*/*.h5"))[-1]
with h5py.File(shard, "r+") as f:
    h = f["pdc"]["data_hash"]
    v = h[0]
    h[0] = (b"0" if v[:1] != b"0" else b"1") + v[1:]
    r = f["failures"]["failure_reason"]
    r[0] = r[0][:-1] + (b"?" if r[0][-1:] != b"?" else b"!")
    f["date_status"]["rows"][0] = f["date_status"]["rows"][0] + 1
with h5py.File(f"{out}/index.h5", "r+") as f:
    f["pcf"].create_dataset("unknown_column", data=[0.0] * f["pcf"].attrs["rows"])
lines = open(sys.argv[2]).read().splitlines()
row = json.loads(lines[0])
row["pace_context_json"] = row["pace_context_json"].replace("100.0", "100.5")
lines[0] = json.dumps(row)
open(sys.argv[3], "w").write("\n".join(lines) + "\n")
PYEOF
if "$PY" "$CHECK" "$WORK/csv" "$WORK/bad/index.h5" "$WORK/bad.ndjson" >"$WORK/bad.log" 2>&1; then
  fail "the reference check passed a damaged run"
fi
for pattern in "data_hash: run" "failures differing" "date_status: run" "stored columns the reference does not check: \['unknown_column'\]" \
               "pace_context_json: run"; do
  grep -Eq -- "$pattern" "$WORK/bad.log" || { tail -30 "$WORK/bad.log"; fail "the check did not report /$pattern/"; }
done
pass "the check fails on a changed hash, failure reason, date status, rendered JSON and an unknown column"

cp -r "$WORK/out" "$WORK/dup"
"$PY" - "$WORK/dup" <<'PYEOF'
import glob, sys, h5py
shard = sorted(glob.glob(f"{sys.argv[1]}/shards/*/*.h5"))[0]
with h5py.File(shard, "r+") as f:
    k = f["psza"]["player_lookup"]
    k[1] = k[0]  # the same player twice on the shard's first date
PYEOF
if "$PY" "$CHECK" "$WORK/csv" "$WORK/dup/index.h5" >"$WORK/dup.log" 2>&1; then fail "the check passed a duplicated key"; fi
grep -q "duplicated keys" "$WORK/dup.log" || { cat "$WORK/dup.log"; fail "no duplicate reported"; }
pass "the check fails on a duplicated (date, player) row"
