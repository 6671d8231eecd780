# Shared helpers for the end-to-end test scripts (sourced, not run).
set -euo pipefail
: "${NBA_BIN:?NBA_BIN must point at the nba-precompute binary}"
PY=/usr/bin/python3  # Debian's python3 with python3-h5py (scripts/setup.sh installs it)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nba-e2e-XXXXXX")
trap 'rm -rf "$WORK"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
# skip REASON: exit 77 ("not run" to ctest), unless NBA_REQUIRE_ALL_TESTS=1
# (.ci/run sets it): there a test that cannot run is a failure, so a missing
# package, daemon or data set cannot turn CI green while proving nothing.
skip() {
  [[ ${NBA_REQUIRE_ALL_TESTS:-0} == 1 ]] && fail "cannot run, and NBA_REQUIRE_ALL_TESTS=1 forbids skipping: $*"
  echo "SKIPPED: $*"
  exit 77
}
pass() { echo "ok: $*"; }

# expect_exit CODE PATTERN -- command...: runs the command, checks its exit code
# and that its combined output matches the extended regex PATTERN.
expect_exit() {
  local want=$1 pattern=$2; shift 3
  local out rc=0
  out=$("$@" 2>&1) || rc=$?
  [[ $rc -eq $want ]] || { echo "$out" | tail -20 >&2; fail "exit $rc, wanted $want: $*"; }
  grep -Eq -- "$pattern" <<<"$out" || { echo "$out" | tail -20 >&2; fail "output does not match /$pattern/: $*"; }
}

# outputs PATTERN COMMAND...: the command succeeds and its combined output
# matches the extended regex. (Not `cmd | grep -q`: under pipefail, grep
# quitting at the first match can fail the command with SIGPIPE.)
outputs() {
  local pattern=$1 out; shift
  out=$("$@" 2>&1) || { echo "$out" | tail -5 >&2; return 1; }
  grep -Eq -- "$pattern" <<<"$out"
}

# pid_of_rank TAG RANK: the pid of this test's MPI process with that rank. Tests
# export NBA_TEST_TAG=<unique> into mpirun's environment so that ranks of other
# tests running at the same time are never picked.
pid_of_rank() {
  local tag=$1 rank=$2 p
  for p in /proc/[0-9]*; do
    [[ "$(cat "$p/comm" 2>/dev/null)" == nba-precompute ]] || continue
    grep -qx "NBA_TEST_TAG=$tag" < <(tr '\0' '\n' <"$p/environ" 2>/dev/null) || continue
    grep -qx "OMPI_COMM_WORLD_RANK=$rank" < <(tr '\0' '\n' <"$p/environ" 2>/dev/null) || continue
    echo "${p#/proc/}"
    return 0
  done
  return 1
}

# wait_for_done_records OUT N: until the ledger holds at least N "done" lines (20 s max).
wait_for_done_records() {
  local i
  for i in $(seq 1 200); do
    [[ -f "$1/ledger.jsonl" ]] && [[ $(grep -c '"done"' "$1/ledger.jsonl") -ge $2 ]] && return 0
    sleep 0.1
  done
  fail "no $2 done records in $1/ledger.jsonl after 20 s"
}

# clean_reference SEED: a one-season synthetic store ($WORK/in.h5) and one clean
# run of it ($WORK/clean, digest in $WORK/clean.digest) to compare against.
clean_reference() {
  "$NBA_BIN" --quiet synth --out "$WORK/csv" --seasons 1 --seed "$1" --store "$WORK/in.h5"
  "$NBA_BIN" --quiet run --input "$WORK/in.h5" --out "$WORK/clean" >/dev/null
  "$NBA_BIN" digest --index "$WORK/clean/index.h5" >"$WORK/clean.digest"
}
# same_as_clean OUT: OUT's feature data is byte-identical to the clean run's.
same_as_clean() { "$NBA_BIN" digest --index "$1/index.h5" | diff -q - "$WORK/clean.digest" >/dev/null; }
