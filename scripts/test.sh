#!/usr/bin/env bash
# The project's test command: install dependencies, build, run the whole suite.
# Exits non-zero if anything fails. Real-data tests skip (and say so) when
# ../shared/data is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
bash scripts/build.sh -DNBA_BUILD_TESTS=ON
bash scripts/fuzz.sh --build-only  # compile only: the documented fuzzer must keep building
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j 2 --timeout 900
