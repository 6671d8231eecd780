#!/usr/bin/env bash
# Issue 7, points 5 and 7: corrupt or truncated shards, and two runs on one
# output folder.
source "$(dirname "$0")/lib.sh"
B="$NBA_BIN"
clean_reference 53
index_dates() { "$PY" -c "import h5py,sys; f=h5py.File('$1/index.h5'); print(len(set(f['tdza/analysis_date'][:])))"; }

# --- 5. Corrupt and truncated shards -----------------------------------------
cp -r "$WORK/clean" "$WORK/corrupt"
mapfile -t shards < <(cd "$WORK/corrupt" && find shards -name '*.h5' | sort)
# Two different shards past the first, whatever the default partition makes of
# one season (the first holds the early dates on which TDZA writes no rows, which
# the index's TDZA dates below do not count).
(( ${#shards[@]} >= 3 )) || fail "the clean run should have written at least 3 shards, got ${#shards[@]}"
flipped=${shards[1]} truncated=${shards[${#shards[@]} - 1]}
size=$(stat -c %s "$WORK/corrupt/$flipped")
# 64 bytes of garbage in the middle of the file: raw data, which HDF5 itself never checksums.
head -c 64 /dev/urandom | dd of="$WORK/corrupt/$flipped" bs=1 seek=$(( size / 2 )) conv=notrunc status=none
truncate -s $(( $(stat -c %s "$WORK/corrupt/$truncated") / 2 )) "$WORK/corrupt/$truncated"
dates_in() { "$PY" -c "import h5py; f=h5py.File('$WORK/clean/$1'); print(len(set(f['date_status/analysis_date'][:])))"; }
bad=$(( $(dates_in "$flipped") + $(dates_in "$truncated") ))
all=$(index_dates "$WORK/clean")

# Readers of the old index refuse them (issue 20, defect 6): export and digest
# exit 3 naming the shards and their dates instead of printing wrong values.
first_flipped_date=$("$PY" -c "import h5py; f=h5py.File('$WORK/clean/$flipped'); print(min(d.decode() for d in f['date_status/analysis_date'][:]))")
for reader in "export --out $WORK/corrupt --processor pdc --format ndjson --output $WORK/pdc.ndjson" \
              "digest --index $WORK/corrupt/index.h5"; do
  # shellcheck disable=SC2086
  expect_exit 3 "maps 2 shard\(s\) that changed since it was built.*" -- "$B" $reader
  out=$("$B" $reader 2>&1 || true)
  grep -q "$flipped: its bytes changed since the index was built.*dates: .*$first_flipped_date" <<<"$out" \
    || { echo "$out"; fail "$reader does not name the flipped shard and its dates"; }
  grep -q "$truncated: " <<<"$out" || { echo "$out"; fail "$reader does not name the truncated shard"; }
done
[[ ! -e "$WORK/pdc.ndjson" ]] || fail "export wrote a file from damaged shards"
pass "export and digest through the old index refuse the damaged shards (exit 3, shards and dates named)"

# Detected before anything reads them: coverage and gaps list their dates as missing.
rc=0; gaps=$("$B" gaps --input "$WORK/in.h5" --out "$WORK/corrupt") || rc=$?
[[ $rc -eq 3 ]] || fail "gaps should exit 3 when it finds gaps, got $rc"
[[ $(grep -c ' missing' <<<"$gaps") -eq $bad ]] || { echo "$gaps"; fail "gaps should list the $bad dates of the two damaged shards"; }
# Never read into the index: a run that computes nothing (--retry-failed, nothing
# failed) rebuilds the index without them.
"$B" --quiet run --input "$WORK/in.h5" --out "$WORK/corrupt" --retry-failed >/dev/null
[[ $(index_dates "$WORK/corrupt") -eq $(( all - bad )) ]] || fail "the index still covers dates of damaged shards"
# Recomputed on resume: exactly those dates, then the same bytes as a clean run.
outputs "computed $bad dates" "$B" run --input "$WORK/in.h5" --out "$WORK/corrupt" || fail "resume should recompute exactly the $bad damaged dates"
same_as_clean "$WORK/corrupt" || fail "output after repairing damaged shards differs from a clean run"
pass "flipped bytes and a truncated shard: detected ($bad dates missing), kept out of the index, recomputed, same bytes"

# --- 7. Two runs on one output folder ----------------------------------------
NBA_FAULT_DATE_DELAY_MS=40 "$B" run --input "$WORK/in.h5" --out "$WORK/locked" >"$WORK/first.log" 2>&1 &
first=$!
wait_for_done_records "$WORK/locked" 5
expect_exit 2 "output directory .*/locked is in use by another run: run [0-9TZ-]+ \(pid $first on host" -- \
  "$B" run --input "$WORK/in.h5" --out "$WORK/locked"
expect_exit 2 "is in use by another run" -- \
  mpirun -np 2 --oversubscribe "$B" run --input "$WORK/in.h5" --out "$WORK/locked" --force
# A dry run only reads: allowed while the folder is busy.
expect_exit 0 "dates" -- "$B" run --input "$WORK/in.h5" --out "$WORK/locked" --dry-run
wait "$first" || fail "the first run failed"
# The lock dies with its holder, even a SIGKILLed one: no stale lock to clean up.
rc=0; NBA_FAULT_KILL_COORDINATOR_AFTER_UNITS=1 "$B" run --input "$WORK/in.h5" --out "$WORK/killed" >/dev/null 2>&1 || rc=$?
[[ $rc -eq 137 ]] || fail "the run should have been SIGKILLed (137), exit $rc"
expect_exit 0 "computed" -- "$B" run --input "$WORK/in.h5" --out "$WORK/killed"
same_as_clean "$WORK/locked" || fail "the locked folder's output differs from a clean run"
pass "a second run on a busy folder refuses (exit 2, names the holder); a killed run leaves no stale lock"

# --- A ledger line pointing a date at another, valid shard (issue 20, defect 11)
cp -r "$WORK/clean" "$WORK/misled"
moved=$("$PY" - "$WORK/misled/ledger.jsonl" <<'PYEOF'
import json, sys
path = sys.argv[1]
records = [json.loads(l) for l in open(path)]
done = [r for r in records if r["status"] == "done" and r["processor"] == "pdc"]
first, last = done[0], done[-1]
assert first["shard"] != last["shard"], "the clean run should have more than one shard"
edited = dict(last, shard=first["shard"], shard_crc32=first["shard_crc32"])  # a hand edit: another valid shard
open(path, "a").write(json.dumps(edited) + "\n")
print(last["date"])
PYEOF
)
gaps=$("$B" gaps --input "$WORK/in.h5" --out "$WORK/misled" || true)
grep -q "^$moved  missing pdc" <<<"$gaps" || { echo "$gaps"; fail "gaps should list $moved as missing for pdc"; }
expect_exit 0 "computed 1 dates in 1 units" -- "$B" run --input "$WORK/in.h5" --out "$WORK/misled"
same_as_clean "$WORK/misled" || fail "output after a misleading ledger line differs from a clean run"
pass "a ledger line naming a shard that does not hold its date: seen as missing, that date recomputed, same bytes"

# --- Temporary files of killed runs (issue 20, defect 12) ---------------------
# A run killed while it holds an uncommitted shard (decision 42) leaves its temp
# file; an index rebuild killed mid-write leaves index.h5.tmp.*. The next run
# removes them (and nothing else) under the lock.
# The first date of two units: whichever of them is not computed first finds the
# other's shard still held under its temporary name.
mapfile -t crash_dates < <("$PY" -c "
import json
recs=[json.loads(l) for l in open('$WORK/clean/ledger.jsonl')]
shards=sorted({r['shard'] for r in recs if r['status']=='done'})
for s in shards[1:3]: print(min(r['date'] for r in recs if r['status']=='done' and r['shard']==s))")
left=()
for crash_date in "${crash_dates[@]}"; do
  rm -rf "$WORK/killed-tmp"
  rc=0; NBA_FAULT_CRASH_DATE=$crash_date "$B" run --input "$WORK/in.h5" --out "$WORK/killed-tmp" >/dev/null 2>&1 || rc=$?
  [[ $rc -eq 137 ]] || fail "the run should have been SIGKILLed computing $crash_date, exit $rc"
  mapfile -t left < <(find "$WORK/killed-tmp" -name '*.tmp.*')
  (( ${#left[@]} >= 1 )) && break
done
(( ${#left[@]} >= 1 )) || fail "the killed run left no temporary shard to clean up (the test proves nothing)"
echo x >"$WORK/killed-tmp/index.h5.tmp.otherhost.4242"
echo keep >"$WORK/killed-tmp/notes.tmp.txt"
log=$("$B" run --input "$WORK/in.h5" --out "$WORK/killed-tmp" 2>&1) || { echo "$log" | tail; fail "the run after the kill failed"; }
for f in "${left[@]}" "$WORK/killed-tmp/index.h5.tmp.otherhost.4242"; do
  grep -q "removed $f, left by a run that was killed" <<<"$log" || { echo "$log" | grep -i removed; fail "no warning naming $f"; }
done
[[ -z $(find "$WORK/killed-tmp" -name '*.tmp.*' ! -name notes.tmp.txt) ]] || fail "temporary files remain after the next run"
[[ -f "$WORK/killed-tmp/notes.tmp.txt" ]] || fail "a file that is not a temp file of ours was removed"
same_as_clean "$WORK/killed-tmp" || fail "output after cleaning temp files differs from a clean run"
pass "temp files of a killed run (${#left[@]} shard(s)) and of a killed index rebuild are removed by the next run, nothing else"
