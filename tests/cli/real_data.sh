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
"$PY" "$NBA_TESTS_DIR/reference/tdza_reference.py" "$NBA_REAL_DATA_DIR" "$WORK/out/index.h5"
