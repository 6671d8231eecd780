#!/usr/bin/env bash
# Real NBA data (../shared/data/nba-2021-2025/phase3): import all seasons, run the
# farm with mpirun -np 3, check every NDJSON export against the BigQuery schemas,
# and every stored value, failure record and date status (and PCF's rendered
# context JSON) against an independent Python implementation of the spec
# (tests/reference/check_run.py). Skipped when the data is not present.
source "$(dirname "$0")/lib.sh"
if [[ ! -f "$NBA_REAL_DATA_DIR/team_defense_game_summary.csv.gz" ]]; then
  skip "real data not found at $NBA_REAL_DATA_DIR (it lives in ../shared beside the repository)"
fi
"$NBA_BIN" --quiet import --from "$NBA_REAL_DATA_DIR" --store "$WORK/input.h5"
# --include-bootstrap: the reference checks MLFS's bootstrap-date rows too.
mpirun -np 3 --oversubscribe "$NBA_BIN" --quiet run --input "$WORK/input.h5" --out "$WORK/out" --include-bootstrap |
  tee "$WORK/run.log"
grep -q "2021-22" "$WORK/run.log" || fail "coverage table lacks 2021-22"
declare -A BQ=([tdza]=team_defense_zone_analysis [psza]=player_shot_zone_analysis [pdc]=player_daily_cache
               [pcf]=player_composite_factors [mlfs]=ml_feature_store_v2)
for t in tdza psza pdc pcf mlfs; do
  # MLFS lines are ~16 KB (HEAD's record): one season's worth is checked.
  range=(); [[ $t == mlfs ]] && range=(--start 2023-10-01 --end 2024-06-30)
  "$NBA_BIN" --quiet export --out "$WORK/out" --processor "$t" "${range[@]}" --output "$WORK/$t.ndjson"
  "$PY" "$NBA_TESTS_DIR/reference/bq_conformance.py" "$NBA_TESTS_DIR/../shared/output/bq_schemas.json" "${BQ[$t]}" \
    "$WORK/$t.ndjson" --every-column --min-rows 20000
  [[ $t == pcf || $t == mlfs ]] || rm "$WORK/$t.ndjson"
done
"$PY" "$NBA_TESTS_DIR/reference/check_run.py" "$NBA_REAL_DATA_DIR" "$WORK/out/index.h5" "$WORK/pcf.ndjson" "$WORK/mlfs.ndjson"

# Issue-level expectations on the real data, stated independently of the reference.
"$PY" - "$WORK/out/index.h5" "$NBA_REAL_DATA_DIR" <<'PYEOF'
import sys, gzip, csv, collections, h5py, numpy as np
f = h5py.File(sys.argv[1], "r")
z = f["psza"]; dates = z["analysis_date"].asstr()[:]
# 2021-22 has no shot zones: zone rates and paint/mid pcts are NULL (never 0), threes are real.
early = np.array([d < "2022-07-01" for d in dates])
for c in ("paint_rate_last_10", "mid_range_rate_last_10", "three_pt_rate_last_10", "paint_pct_last_10",
          "mid_range_pct_last_10", "assisted_rate_last_10"):
    assert np.isnan(z[c][:][early]).all(), c
assert (~np.isnan(z["three_pt_pct_last_10"][:][early])).mean() > 0.9
# Mid-season PSZA dates hold 300-500 rows (spec 3.8).
per_date = collections.Counter(d for d in dates if d[5:7] in ("12", "01", "02"))
assert per_date and min(per_date.values()) >= 300 and max(per_date.values()) <= 500, (min(per_date.values()), max(per_date.values()))
# PDC: every player with a game that day has a row or a failure record.
played = collections.defaultdict(set)
with gzip.open(f"{sys.argv[2]}/player_game_summary.csv.gz", "rt") as fh:
    for r in csv.DictReader(fh):
        played[r["game_date"]].add(r["player_lookup"])
p = f["pdc"]; fl = f["failures"]
covered = collections.defaultdict(set)
for d, e in zip(p["cache_date"].asstr()[:], p["player_lookup"].asstr()[:]): covered[d].add(e)
for proc, d, e in zip(fl["processor"].asstr()[:], fl["analysis_date"].asstr()[:], fl["entity_id"].asstr()[:]):
    if proc == "pdc": covered[d].add(e)
status = f["date_status"]
computed = {d for d, pr in zip(status["analysis_date"].asstr()[:], status["processor"].asstr()[:]) if pr == "pdc"}
missing = [(d, len(played[d] - covered[d])) for d in computed if played[d] - covered[d]]
assert not missing, missing[:5]
print(f"ok: 2021-22 zone columns NULL; PSZA mid-season rows/date {min(per_date.values())}-{max(per_date.values())}; "
      f"every player with a game on {len(computed)} dates has a PDC row or failure record")
PYEOF

# Issue 4 on the real data: PCF and MLFS rows for the players with a game on every
# computed date (minus documented failures), quality scores within 0-100.
"$PY" - "$WORK/out/index.h5" "$NBA_REAL_DATA_DIR" <<'PYEOF'
import sys, gzip, csv, collections, h5py, numpy as np
f = h5py.File(sys.argv[1], "r")
played = collections.defaultdict(set)
with gzip.open(f"{sys.argv[2]}/player_game_summary.csv.gz", "rt") as fh:
    for r in csv.DictReader(fh):
        played[r["game_date"]].add(r["player_lookup"])
fl = f["failures"]
failed = collections.defaultdict(set)
for p, d, e in zip(fl["processor"].asstr()[:], fl["analysis_date"].asstr()[:], fl["entity_id"].asstr()[:]):
    failed[(p, d)].add(e)
st = f["date_status"]
computed_by = collections.defaultdict(set)  # MLFS also has the bootstrap dates (--include-bootstrap)
for d, p in zip(st["analysis_date"].asstr()[:], st["processor"].asstr()[:]):
    computed_by[p].add(d)
computed = sorted(computed_by["pcf"])
assert len(computed_by["mlfs"]) == len(computed) + 70, (len(computed_by["mlfs"]), len(computed))
for proc, date_col in (("pcf", "game_date"), ("mlfs", "game_date")):
    g = f[proc]
    have = collections.defaultdict(set)
    for d, e in zip(g[date_col].asstr()[:], g["player_lookup"].asstr()[:]):
        have[d].add(e)
    for d in sorted(computed_by[proc]):
        missing = played[d] - have[d] - failed[(proc, d)]
        assert not missing, (proc, d, sorted(missing)[:5])
q = f["mlfs"]["feature_quality_score"][:]
assert q.min() >= 0 and q.max() <= 100, (q.min(), q.max())
assert f["mlfs"]["features"].shape[1] == 64 and len(f["mlfs"].attrs["feature_names"]) == 60
# The original's training loader (issue 23): required_default_count = 0, score >= 70,
# data_source not phase4_partial / early_season (feature_count 60 >= 33 always).
m = f["mlfs"]
ok = (m["required_default_count"][:] == 0) & (q >= 70) & ~np.isin(m["data_source"].asstr()[:], ["phase4_partial", "early_season"])
md = m["game_date"].asstr()[:]
zone_seasons = np.array(["2022-10-01" <= d < "2025-07-01" and d in computed_by["pcf"] for d in md])  # not bootstrap
assert ok[zone_seasons].mean() > 0.8, ok[zone_seasons].mean()  # seasons with shot zones: most rows train
cats = collections.Counter(c for p, c in zip(fl["processor"].asstr()[:], fl["failure_category"].asstr()[:]) if p == "mlfs")
assert set(cats) <= {"FILTERED_NO_RECENT_GAMES"}, cats
print(f"ok: PCF and MLFS cover every player with a game on {len(computed)} dates "
      f"(MLFS failures: {dict(cats)}); quality scores {q.min():.2f}-{q.max():.2f}; "
      f"{100 * ok[zone_seasons].mean():.1f} % of 2022-25 rows pass the training filter")
PYEOF
