#!/usr/bin/env bash
# The whole test suite once more, built with AddressSanitizer and
# UndefinedBehaviorSanitizer (-DNBA_SANITIZE=ON) in build-sanitize/. Any report
# aborts the process that made it, so the test that ran it fails.
# Debug (-O0): instrumented -O2 builds take far longer to compile on 2 cores.
# Unit-test leaks inside Open MPI / PMIx / hwloc start-up (not ours) are suppressed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DNBA_SANITIZE=ON >/dev/null
cmake --build build-sanitize
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizer/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1"
# Unit tests (no MPI) with leak detection; the end-to-end tests without it: every
# MPI process exits with allocations of Open MPI components that were dlclose'd
# at finalize, which LeakSanitizer reports as "<unknown module>" leaks that no
# suppression can name (the binary's own default, coordinator/sanitizer_defaults.cpp,
# also covers ranks started over ssh). ASan's memory errors and UBSan stay on.
ctest --test-dir build-sanitize --output-on-failure -j 2 --timeout 1800 -E '^cli_'
# Instrumented workers load the input several times slower than the 3 s
# deadline the worker-failure test uses by default.
NBA_TEST_WORKER_TIMEOUT=20 ASAN_OPTIONS="abort_on_error=1:detect_leaks=0" \
  ctest --test-dir build-sanitize --output-on-failure -j 2 --timeout 1800 -R '^cli_'
