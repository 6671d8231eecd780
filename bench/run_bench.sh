#!/usr/bin/env bash
# Benchmarks nba-precompute on the real data (and synthetic leagues for cost
# growth) and writes bench/results/<stamp>/ (measurements.jsonl, summary.json,
# plot.png). Never part of the test suite. bench/REPORT.md quotes one such run.
#   bash bench/run_bench.sh            # 3 repetitions, medians
#   REPS=5 bash bench/run_bench.sh
#   COMPARE_BIN=/path/to/older/nba-precompute bash bench/run_bench.sh  # also time an older build, alternating
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${NBA_REAL_DATA_DIR:-$PWD/../shared/data/nba-2021-2025/phase3}
[[ -d "$DATA" ]] || { echo "bench: the real data is not at $DATA (set NBA_REAL_DATA_DIR)" >&2; exit 1; }
bash scripts/setup.sh --test
dpkg-query -W -f='${Status}' python3-matplotlib 2>/dev/null | grep -q "install ok installed" || {
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO=sudo
  $SUDO apt-get update -q </dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends python3-matplotlib </dev/null
}
BUILD_DIR=build-release BUILD_TYPE=Release bash scripts/build.sh
source scripts/single-node-mpi.sh
OUT=bench/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
/usr/bin/python3 bench/driver.py --bin build-release/coordinator/nba-precompute --data "$DATA" \
  --work "${BENCH_WORK:-/tmp/nba-bench}" --out "$OUT" --reps "${REPS:-3}" \
  ${COMPARE_BIN:+--compare-bin "$COMPARE_BIN"}
/usr/bin/python3 bench/plot.py "$OUT"
echo "bench: results in $OUT"
