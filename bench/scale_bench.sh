#!/usr/bin/env bash
# Issue 25's figures (bench/scale_driver.py) in one run: memory and input load vs
# league size, bytes per stored value, the ratio against the Python baseline,
# and the cluster model. Writes bench/results/<stamp>-scale/. Never part of the tests.
#   bash bench/scale_bench.sh
#   REPS=7 COMPARE_BIN=/path/to/older/nba-precompute bash bench/scale_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${NBA_REAL_DATA_DIR:-$PWD/../shared/data/nba-2021-2025/phase3}
[[ -d "$DATA" ]] || { echo "bench: the real data is not at $DATA (set NBA_REAL_DATA_DIR)" >&2; exit 1; }
bash scripts/setup.sh --python
BUILD_DIR=build-release BUILD_TYPE=Release BUILD_TARGET=nba-precompute bash scripts/build.sh -DNBA_BUILD_TESTS=OFF
source scripts/single-node-mpi.sh
OUT=bench/results/$(date -u +%Y%m%dT%H%M%SZ)-scale
mkdir -p "$OUT"
/usr/bin/python3 bench/scale_driver.py --bin build-release/coordinator/nba-precompute --data "$DATA" \
  --work "${BENCH_WORK:-/tmp/nba-scale-bench}" --out "$OUT" --reps "${REPS:-5}" \
  ${COMPARE_BIN:+--compare-bin "$COMPARE_BIN"}
echo "bench: results in $OUT"
