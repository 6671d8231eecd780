#!/usr/bin/env bash
# The main job on the embedded default: install dependencies, build (Release),
# generate the synthetic league, import it, and mpirun the backfill over all of
# it. Prints the per-season coverage table and validates the output at the end.
# Output: ./demo-out/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The program alone: no test suite, no GoogleTest (scripts/setup.sh installs no test tool).
BUILD_TYPE=Release BUILD_TARGET=nba-precompute bash scripts/build.sh -DNBA_BUILD_TESTS=OFF
BIN=build/coordinator/nba-precompute
OUT=${OUT:-demo-out}
rm -rf "$OUT"
"$BIN" synth --out "$OUT/phase3" --seasons "${SEASONS:-2}" --store "$OUT/input.h5"
bash scripts/run-local.sh --input "$OUT/input.h5" --out "$OUT/run"
# The operators' checks on what was just written (exit 3, and so the demo, on an error).
"$BIN" validate --input "$OUT/input.h5" --out "$OUT/run" | tail -1
echo "Read it from Python: bash scripts/setup.sh --python && python3 scripts/read_output.py $OUT/run/index.h5 --list"
