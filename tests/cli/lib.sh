# Shared helpers for the end-to-end test scripts (sourced, not run).
set -euo pipefail
: "${NBA_BIN:?NBA_BIN must point at the nba-precompute binary}"
PY=/usr/bin/python3  # Debian's python3 with python3-h5py (scripts/setup.sh installs it)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nba-e2e-XXXXXX")
trap 'rm -rf "$WORK"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
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
