#!/usr/bin/env bash
# The operators' toolbox (issue 24): a warning-free synthetic league, global
# options after the subcommand, sharded `bq extract` input, --dates, the
# blocking Phase 3 preflight, --include-bootstrap, `validate` against seeded
# defects, and scripts/read_output.py on every table.
source "$(dirname "$0")/lib.sh"
B="$NBA_BIN"
REPO="$NBA_TESTS_DIR/.."
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

# --- the synthetic league writes every column the importer expects: no warning
"$B" synth --out "$WORK/csv" --seasons 1 --seed 31 --store "$WORK/in.h5" 2>"$WORK/synth.log"
! grep -q " warn" "$WORK/synth.log" || { cat "$WORK/synth.log" >&2; fail "synth+import printed a warning"; }
fingerprint() { grep -o 'fingerprint [0-9a-f]*' "$1"; }
pass "synthetic league imports without a warning"

# --- the main job's packages hold no daemon and no test tool
main_packages=$(bash "$REPO/scripts/setup.sh" --list)
for p in slurm-wlm munge openssh-server libgtest-dev clang; do
  ! grep -qx "$p" <<<"$main_packages" || fail "setup.sh installs test-only $p for the main job"
  grep -qx "$p" <<<"$(bash "$REPO/scripts/setup.sh" --test --list)" || fail "setup.sh --test lacks $p"
done
pass "setup.sh: main job without daemons or test tools"

# --- global options after the subcommand
out=$("$B" synth --out "$WORK/csv-quiet" --seasons 1 --seed 31 --log-level error 2>&1)
[[ -z "$out" ]] || fail "--log-level after the subcommand ignored: $out"
expect_exit 0 "DRY RUN" -- "$B" run --input "$WORK/in.h5" --out "$WORK/dry" --dry-run --quiet
pass "global options after the subcommand"

# --- sharded input: bq extract's shards and a folder import as the single files do
mkdir -p "$WORK/sharded"
cp "$WORK/csv"/*.csv.gz "$WORK/sharded/"
"$PY" - "$WORK/sharded" <<'PYEOF'
import gzip, os, sys
d = sys.argv[1]
def split(table, parts, into_folder):
    with gzip.open(f"{d}/{table}.csv.gz", "rt") as f:
        header, *rows = f.read().splitlines(keepends=True)
    os.remove(f"{d}/{table}.csv.gz")
    if into_folder:
        os.mkdir(f"{d}/{table}")
    for i in range(parts):
        name = f"{d}/{table}/part-{i}.csv.gz" if into_folder else f"{d}/{table}-{i:012d}.csv.gz"
        with gzip.open(name, "wt") as out:
            out.write(header + "".join(rows[i * len(rows) // parts:(i + 1) * len(rows) // parts]))
split("player_game_summary", 3, False)
split("team_defense_game_summary", 2, True)
PYEOF
"$B" import --from "$WORK/sharded" --store "$WORK/sharded.h5" 2>"$WORK/sharded.log"
[[ "$(fingerprint "$WORK/sharded.log")" == "$(fingerprint "$WORK/synth.log")" ]] ||
  fail "sharded import differs: $(fingerprint "$WORK/sharded.log") vs $(fingerprint "$WORK/synth.log")"
# A shard whose header differs is refused, naming both files.
shard1="$WORK/sharded/player_game_summary-000000000001.csv.gz"
zcat "$shard1" | sed '1s/minutes_played/minutes/' | gzip >"$WORK/renamed.gz" && mv "$WORK/renamed.gz" "$shard1"
expect_exit 2 "player_game_summary-000000000001.csv.gz.*header differs.*player_game_summary-000000000000.csv.gz" -- \
  "$B" import --from "$WORK/sharded" --store "$WORK/bad.h5"
# A bad value: the error names the shard and its own line.
zcat "$WORK/csv/player_game_summary.csv.gz" | sed -n 1p | gzip >"$shard1"
zcat "$WORK/csv/player_game_summary.csv.gz" | sed -n '2,4p' | sed '3s/,20[0-9][0-9]-[0-9][0-9]-[0-9][0-9],/,2024-02-31,/' | gzip >>"$shard1"
expect_exit 2 "player_game_summary-000000000001.csv.gz:4" -- "$B" import --from "$WORK/sharded" --store "$WORK/bad.h5"
pass "sharded input tables"

# --- --dates d1,d2
read -r d1 d2 < <("$PY" - "$WORK/in.h5" <<'PYEOF'
import sys, h5py, datetime
with h5py.File(sys.argv[1], "r") as f:
    days = sorted(set(f["tables/player_game_summary/game_date"][:]))
pick = [days[len(days) // 2], days[len(days) // 2 + 3]]
print(*[(datetime.date(1970, 1, 1) + datetime.timedelta(days=int(d))).isoformat() for d in pick])
PYEOF
)
"$B" --quiet run --input "$WORK/in.h5" --out "$WORK/dates" --dates "$d1,$d2" >/dev/null
got=$(grep '"processor":"tdza"' "$WORK/dates/ledger.jsonl" | grep '"status":"done"' | grep -o '"date":"[0-9-]*"' | sort | tr '\n' ' ')
[[ "$got" == "\"date\":\"$d1\" \"date\":\"$d2\" " ]] || fail "--dates $d1,$d2 computed: $got"
expect_exit 2 "'2024-02-30'" -- "$B" run --input "$WORK/in.h5" --out "$WORK/dates" --dates "$d1,2024-02-30"
pass "--dates computes exactly the listed dates"

# --- the blocking preflight: UPCG absent on 7 % of the dates, and one date with 70 % of its players
"$PY" - "$WORK/csv" "$WORK/short" <<'PYEOF'
import gzip, os, shutil, sys
src, dst = sys.argv[1], sys.argv[2]
shutil.copytree(src, dst)
path = f"{dst}/upcoming_player_game_context.csv.gz"
with gzip.open(path, "rt") as f:
    header, *rows = f.read().splitlines(keepends=True)
col = header.rstrip("\n").split(",").index("game_date")
dates = sorted({r.split(",")[col] for r in rows})
dropped = set(dates[20:20 + len(dates) * 7 // 100])
thin = dates[len(dates) // 2]
on_thin = [r for r in rows if r.split(",")[col] == thin]
keep_thin = set(on_thin[: len(on_thin) * 7 // 10])
kept = [r for r in rows if r.split(",")[col] not in dropped and (r.split(",")[col] != thin or r in keep_thin)]
with gzip.open(path, "wt") as f:
    f.write(header + "".join(kept))
print(min(dropped), thin)
PYEOF
"$B" --quiet import --from "$WORK/short" --store "$WORK/short.h5"
rc=0
refused=$("$B" run --input "$WORK/short.h5" --out "$WORK/short-out" 2>&1) || rc=$?
[[ $rc -eq 2 ]] || { echo "$refused" >&2; fail "a run below the preflight exited $rc, not 2"; }
for pattern in "Phase 3 preflight failed" \
  "SHORT upcoming_player_game_context: [0-9]+/[0-9]+ dates \(9[0-4]\.[0-9] %\), missing [0-9]{4}-" \
  "ok    player_game_summary: [0-9]+/[0-9]+ dates \(100\.0 %\)" \
  "SHORT upcoming_player_game_context vs player_game_summary players .*: 1 short date"; do
  grep -Eq -- "$pattern" <<<"$refused" || { echo "$refused" >&2; fail "refusal lacks /$pattern/"; }
done
[[ ! -e "$WORK/short-out/ledger.jsonl" ]] || fail "a refused run wrote a ledger"
expect_exit 0 "preflight: FAILED" -- "$B" run --input "$WORK/short.h5" --out "$WORK/short-out" --dry-run
"$B" --quiet run --input "$WORK/short.h5" --out "$WORK/short-out" --skip-preflight --processors tdza >/dev/null
grep -q '"preflight_skipped":true' "$WORK/short-out/ledger.jsonl" || fail "ledger does not record --skip-preflight"
"$PY" -c "import json,sys; p=json.load(open(sys.argv[1]))['preflight']; assert p == {'ok': False, 'skipped': True}, p" \
  "$WORK/short-out/manifest.json" || fail "manifest does not record the skipped preflight"
pass "blocking preflight, --dry-run shows it, --skip-preflight recorded"

# --- --include-bootstrap: MLFS alone on the 14 bootstrap dates, the same bytes at any rank count
OUT="$WORK/boot"
"$B" --quiet run --input "$WORK/in.h5" --out "$OUT" --include-bootstrap >/dev/null
[[ $(grep -c '"bootstrap":true' "$OUT/ledger.jsonl") -eq 14 ]] || fail "not 14 bootstrap MLFS records"
# (No pipe ends in an early-exiting grep -q or head: under pipefail the writer's SIGPIPE fails the line.)
bootstrap_records=$(grep '"bootstrap":true' "$OUT/ledger.jsonl")
! grep -qv '"processor":"mlfs"' <<<"$bootstrap_records" || fail "a bootstrap record not of MLFS"
first_boot=$(grep -m1 -o '"date":"[0-9-]*"' <<<"$bootstrap_records")
[[ $(grep "$first_boot" "$OUT/ledger.jsonl" | grep '"processor":"tdza"' | grep -c skipped_bootstrap) -ge 1 ]] ||
  fail "TDZA not skipped on $first_boot"
cov=$("$B" coverage --input "$WORK/in.h5" --out "$OUT")
[[ $(awk '$1=="mlfs"{t=1} t&&$1=="total"{print $4; exit}' <<<"$cov") -eq 14 ]] || fail "coverage: mlfs boot-done not 14"
[[ $(awk '$1=="tdza"{t=1} t&&$1=="total"{print $4; exit}' <<<"$cov") -eq 0 ]] || fail "coverage: tdza boot-done not 0"
mpirun -np 3 --oversubscribe "$B" --quiet run --input "$WORK/in.h5" --out "$WORK/boot3" --include-bootstrap \
  --partition days:5 >/dev/null
"$B" digest --index "$OUT/index.h5" >"$WORK/boot.digest"
"$B" digest --index "$WORK/boot3/index.h5" | diff - "$WORK/boot.digest" || fail "bootstrap rows differ between 1 and 3 ranks"
"$B" --quiet run --input "$WORK/in.h5" --out "$OUT" >/dev/null  # without the flag: they stay
"$B" digest --index "$OUT/index.h5" | diff -q - "$WORK/boot.digest" >/dev/null || fail "a run without the flag changed them"
pass "--include-bootstrap"

# --- scripts/read_output.py: every table, as the index holds it
"$PY" - "$REPO/scripts" "$OUT/index.h5" "$WORK/boot.digest" <<'PYEOF'
import math, sys
sys.path.insert(0, sys.argv[1])
import h5py, read_output
index, digest = sys.argv[2], {}
for line in open(sys.argv[3]):
    name, rows, _ = line.split()
    digest[name.split("/")[0]] = int(rows)
tables = read_output.read_index(index)
assert set(tables) == {"tdza", "psza", "pdc", "pcf", "mlfs", "failures", "date_status"}, set(tables)
with h5py.File(index, "r") as f:
    for name, df in tables.items():
        assert len(df) == digest[name], (name, len(df), digest[name])
        for col in f[name]:
            ds = f[name][col]
            if ds.ndim == 2:
                assert all(len(v) == ds.shape[1] for v in df[col]), col
                stored, read = ds[()], df[col]
                for r in range(0, len(df), 97):
                    for a, b in zip(stored[r], read.iloc[r]):
                        assert a == b or (math.isnan(a) and math.isnan(b)), (name, col, r)
            elif ds.dtype.kind == "S":
                assert list(df[col]) == list(ds.asstr()[:]), (name, col)
            elif col in [b.decode() for b in f[name].attrs.get("bool_columns", [])]:
                assert str(df[col].dtype) == "boolean" and list(df[col].astype(int)) == list(ds[()]), (name, col)
            else:
                stored = ds[()]
                assert all(a == b or (a != a and b != b) for a, b in zip(stored, df[col])), (name, col)
wide = read_output.read_table(index, "mlfs", matrix="expand")
assert [c for c in wide.columns if c.startswith("features_")] == [f"features_{i}" for i in range(64)]
PYEOF
"$PY" "$REPO/scripts/read_output.py" "$OUT/index.h5" --table mlfs --format jsonl --output "$WORK/mlfs.jsonl"
"$PY" - "$WORK/mlfs.jsonl" "$OUT/index.h5" <<'PYEOF'
import json, math, sys, h5py
rows = [json.loads(l) for l in open(sys.argv[1])]
with h5py.File(sys.argv[2], "r") as f:
    X = f["mlfs"]["features"][()]
assert len(rows) == len(X)
for r in range(0, len(X), 101):
    for a, b in zip(X[r], rows[r]["features"]):
        assert (b is None and math.isnan(a)) or a == b, (r, a, b)
PYEOF
"$PY" "$REPO/scripts/read_output.py" "$OUT/index.h5" --table tdza --format csv --output "$WORK/tdza.csv"
[[ $(($(wc -l <"$WORK/tdza.csv") - 1)) -eq $(awk '$1=="tdza/team_abbr"{print $2}' "$WORK/boot.digest") ]] || fail "tdza CSV rows"
expect_exit 2 "no table 'nope'" -- "$PY" "$REPO/scripts/read_output.py" "$OUT/index.h5" --table nope
pass "read_output.py on every table"

# --- validate: clean, then each seeded defect is found
first_ok=$(awk '/"processor":"tdza"/ && /"status":"done"/ && !/"rows":0,/' "$OUT/ledger.jsonl" | grep -o '"date":"[0-9-]*"' |
  cut -d'"' -f4 | sort | sed -n '30p')  # past the early-season dates whose TDZA had no rows
expect_exit 0 "validate: OK" -- "$B" validate --input "$WORK/in.h5" --out "$OUT" --start "$first_ok"
"$B" validate --input "$WORK/in.h5" --out "$OUT" --start "$first_ok" --format json |
  "$PY" -c "import json,sys; r=json.load(sys.stdin); assert r['ok'] and r['dates'] and r['dates'][0]['flag'] == 'OK', r['dates'][:1]"
# Three mid-season dates with many players: a lost row, an out-of-range value, a constant feature.
read -r date1 victim date2 player2 date3 < <("$PY" - "$OUT/index.h5" "$first_ok" <<'PYEOF'
import collections, sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    dates, players = f["mlfs"]["game_date"].asstr()[:], f["mlfs"]["player_lookup"].asstr()[:]
n = collections.Counter(dates)
big = sorted(d for d in n if d > sys.argv[2] and n[d] >= 100)
d1, d2, d3 = big[len(big) // 4], big[len(big) // 2], big[3 * len(big) // 4]
print(d1, sorted(players[dates == d1])[3], d2, sorted(players[dates == d2])[5], d3)
PYEOF
)
rebuild_index() { "$B" --quiet run --input "$WORK/in.h5" --out "$OUT" >/dev/null; }
validate() { "$B" validate --input "$WORK/in.h5" --out "$OUT" --start "$first_ok"; }
"$PY" "$NBA_TESTS_DIR/cli/tamper_shard.py" "$OUT" "$date1" drop "$victim" >/dev/null && rebuild_index
expect_exit 3 "error unaccounted_entity mlfs $date1: 1 of [0-9]+ expected entities .*: $victim" -- validate
"$PY" "$NBA_TESTS_DIR/cli/tamper_shard.py" "$OUT" "$date2" set "$player2" 5 150 >/dev/null && rebuild_index
expect_exit 3 "error feature_range mlfs $date2: feature 5 fatigue_score outside \[0, 100\] in 1 row\(s\): 150" -- validate
"$PY" "$NBA_TESTS_DIR/cli/tamper_shard.py" "$OUT" "$date3" constant 0 17.5 >/dev/null && rebuild_index
expect_exit 3 "error constant_feature mlfs $date3: feature 0 points_avg_last_5 is 17.5 for all" -- validate
expect_exit 2 "no index" -- "$B" validate --input "$WORK/in.h5" --out "$WORK/dry"
pass "validate finds each seeded defect"
