#!/usr/bin/env bash
# Season-scoped input (issue 25, decision 57): a worker given a late-season unit
# reads that season and what it reaches back to, no earlier rows; a damaged
# season the run does not read does not stop it, and one it reads is named.
source "$(dirname "$0")/lib.sh"
"$NBA_BIN" --quiet synth --out "$WORK/csv" --seasons 3 --first-season 2022 --seed 43 --store "$WORK/in.h5"
last_date=$("$PY" - "$WORK/in.h5" <<'PYEOF'
import sys, h5py, datetime
with h5py.File(sys.argv[1], "r") as f:
    day = int(f["tables/schedule/game_date"][-1])  # rows are sorted by date
print(datetime.date(1970, 1, 1) + datetime.timedelta(days=day))
PYEOF
)
mpirun -np 2 --oversubscribe "$NBA_BIN" --quiet run --input "$WORK/in.h5" --out "$WORK/late" --dates "$last_date" >/dev/null
"$PY" - "$WORK/in.h5" "$WORK/late/manifest.json" <<'PYEOF'
import json, sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    b = f["blocks"]
    seasons, reach = list(b["season"][:]), list(b["reach"][:])
    assert seasons == [2022, 2023, 2024], seasons
    assert reach[2] == 2023, reach  # 2024-25 reads 2023-24 (one-year windows), not 2022-23
    rows = {t: b["rows"][t][:] for t in b["rows"]}
    slice_rows = sum(int(r[3] - r[1]) for r in rows.values())  # seasons 2023 and 2024
    all_rows = sum(int(r[3] - r[0]) for r in rows.values())
timers = json.load(open(sys.argv[2]))["timers"]
assert timers["slice_loads"] == 1, timers
assert timers["rows_loaded"] == slice_rows, (timers["rows_loaded"], slice_rows)
assert slice_rows < all_rows, (slice_rows, all_rows)
print(f"ok: the late unit read {slice_rows} of {all_rows} rows (seasons 2023-24 and 2024-25)")
PYEOF
# A full run keeps each rank on one season while it has units (the dispatcher's
# and the one-process loop's affinity): each season is loaded about once, not
# once per unit.
for np in 1 3; do
  mpirun -np $np --oversubscribe "$NBA_BIN" --quiet run --input "$WORK/in.h5" --out "$WORK/full-$np" --partition days:28 >/dev/null
  "$PY" - "$WORK/full-$np/manifest.json" $np <<'PYEOF'
import json, sys
m, np = json.load(open(sys.argv[1])), int(sys.argv[2])
loads, units = m["timers"]["slice_loads"], len(m["units"])
most = 3 if np == 1 else 3 * (np - 1)  # every season once; at worst every worker loads every season
assert units >= 15 and 3 <= loads <= most, (np, loads, units)
print(f"ok: np={np}: {loads} season slices loaded for {units} units")
PYEOF
done
# Damage a value of 2022-23 only: a run of 2024-25 never reads it, one of 2023-24 does.
"$PY" - "$WORK/in.h5" <<'PYEOF'
import sys, h5py
with h5py.File(sys.argv[1], "r+") as f:
    f["tables/player_game_summary/points"][0] += 1  # the first row is 2022-23's
PYEOF
mpirun -np 2 --oversubscribe "$NBA_BIN" --quiet run --input "$WORK/in.h5" --out "$WORK/late2" --dates "$last_date" >/dev/null
expect_exit 3 "season 2022-23 does not match its checksum" -- \
  mpirun -np 2 --oversubscribe "$NBA_BIN" run --input "$WORK/in.h5" --out "$WORK/mid" --start 2023-12-01 --end 2023-12-03
pass "season slices"
