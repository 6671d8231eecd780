#!/usr/bin/env bash
# Fuzzes the Phase 3 CSV import path (reader, value parsers, import rules) with
# libFuzzer under ASan+UBSan for a bounded time. The test command builds the
# target (--build-only) so that it cannot rot; the fuzzing itself is not part
# of the test suite.
#   scripts/fuzz.sh [SECONDS]   (default 300)
#   scripts/fuzz.sh --build-only
# Crashes are written to build-fuzz/crashes/; the corpus grows in build-fuzz/corpus/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:-300}
bash scripts/setup.sh --test  # clang and libclang-rt-14-dev are among its packages
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNBA_FUZZ=ON \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build build-fuzz --target csv_import_fuzz
[[ $SECONDS_TO_RUN == --build-only ]] && exit 0

# Seeds: the head of every table of a small synthetic league, plain and gzip,
# each prefixed with the byte that selects its table.
mkdir -p build-fuzz/corpus build-fuzz/crashes
if [[ -z "$(ls -A build-fuzz/corpus)" ]]; then
  seeds=$(mktemp -d)
  build-fuzz/coordinator/nba-precompute --quiet synth --out "$seeds" --seasons 1 2>/dev/null ||
    { cmake --build build-fuzz --target nba-precompute && build-fuzz/coordinator/nba-precompute --quiet synth --out "$seeds" --seasons 1; }
  i=0
  for t in player_game_summary team_defense_game_summary team_offense_game_summary \
           upcoming_player_game_context upcoming_team_game_context schedule; do
    zcat "$seeds/$t.csv.gz" >"$seeds/$t.csv"
    { printf "\\x$(printf %02x $i)"; head -6 "$seeds/$t.csv"; } >"build-fuzz/corpus/$t.csv"
    { printf "\\x$(printf %02x $i)"; head -6 "$seeds/$t.csv" | gzip; } >"build-fuzz/corpus/$t.gz"
    i=$((i + 1))
  done
  rm -rf "$seeds"
fi
build-fuzz/csv_import_fuzz build-fuzz/corpus -max_total_time="$SECONDS_TO_RUN" -max_len=4096 \
  -artifact_prefix=build-fuzz/crashes/ -print_final_stats=1
