#!/usr/bin/env bash
# Real NBA data (../shared/data/nba-2021-2025/phase3): import all seasons, run the
# farm with mpirun -np 3, read the index with h5py, and check every stored TDZA
# value and failure record against an independent Python implementation of the
# spec (tests/reference/tdza_reference.py). Skipped when the data is not present.
source "$(dirname "$0")/lib.sh"
if [[ ! -f "$NBA_REAL_DATA_DIR/team_defense_game_summary.csv.gz" ]]; then
  echo "SKIPPED: real data not found at $NBA_REAL_DATA_DIR (it lives in ../shared beside the repository)"
  exit 77
fi
"$NBA_BIN" --quiet import --from "$NBA_REAL_DATA_DIR" --store "$WORK/input.h5"
mpirun -np 3 --oversubscribe "$NBA_BIN" --quiet run --input "$WORK/input.h5" --out "$WORK/out" | tee "$WORK/run.log"
grep -q "2021-22" "$WORK/run.log" || fail "coverage table lacks 2021-22"
"$PY" "$NBA_TESTS_DIR/reference/check_run.py" "$NBA_REAL_DATA_DIR" "$WORK/out/index.h5"

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
