#!/usr/bin/env bash
# Issue 7, point 4: the output disk fills up mid-run (a small tmpfs mounted by the
# test). The run stops handing out work with an error naming the path and exit
# code 5; no partial or temporary shard is left visible; every ledger line is
# whole and every "done" record points at an intact shard; after space is freed
# a rerun completes to the same bytes as a clean run. Needs root (mount); skips
# (exit 77) otherwise.
source "$(dirname "$0")/lib.sh"
B="$NBA_BIN"
mnt="$WORK/small-disk"
mkdir -p "$mnt"
if ! mount -t tmpfs -o size=4m tmpfs "$mnt" 2>/dev/null; then
  skip "cannot mount a tmpfs here (needs root); the disk-full test did not run"
fi
trap 'umount "$mnt" 2>/dev/null; rm -rf "$WORK"' EXIT
clean_reference 61
need=$(du -sk "$WORK/clean" | cut -f1)
# Room for about a third of the output.
mount -o remount,size=$(( need / 3 ))k "$mnt"

rc=0
mpirun -np 3 --oversubscribe "$B" run --input "$WORK/in.h5" --out "$mnt/out" --partition week >"$WORK/full.log" 2>&1 || rc=$?
[[ $rc -eq 5 ]] || { tail -20 "$WORK/full.log"; fail "disk full: exit $rc, wanted 5"; }
grep -Eq "STOPPED: the output could not be written: .*$mnt/out/[^ ]*.*No space left on device" "$WORK/full.log" \
  || { grep -i space "$WORK/full.log" | head -5; fail "no error naming the path and the cause"; }
leftovers=$(find "$mnt/out" -name '*.tmp.*' | wc -l)
[[ $leftovers -eq 0 ]] || fail "$leftovers temporary files left behind"
"$PY" - "$mnt/out" <<'PYEOF' || fail "ledger or shards inconsistent after the disk filled"
import json, os, sys, zlib, h5py
out = sys.argv[1]
done = 0
raw = open(os.path.join(out, "ledger.jsonl"), "rb").read()
assert raw.endswith(b"\n"), "ledger ends in a torn line"
for line in raw.decode().splitlines():
    r = json.loads(line)  # every line whole
    if r["status"] != "done":
        continue
    done += 1
    path = os.path.join(out, r["shard"])
    data = open(path, "rb").read()
    assert "%08x" % zlib.crc32(data) == r["shard_crc32"], path + " differs from its ledger checksum"
    h5py.File(path, "r").close()
for root, _, files in os.walk(os.path.join(out, "shards")):
    for f in files:
        h5py.File(os.path.join(root, f), "r").close()  # every visible shard opens
assert done > 0, "nothing was recorded before the disk filled"
print("done records:", done)
PYEOF
pass "disk full: exit 5 naming $mnt/out and ENOSPC; no temporary files; ledger whole; recorded shards intact"

# Free space and rerun: resumes and completes, byte-identical to a clean run.
mount -o remount,size=$(( need * 3 ))k "$mnt"
expect_exit 0 "computed [0-9]+ dates" -- mpirun -np 3 --oversubscribe "$B" run --input "$WORK/in.h5" --out "$mnt/out"
same_as_clean "$mnt/out" || fail "output after freeing space differs from a clean run"
pass "after space was freed the rerun completed to the same bytes"

# The disk fills while the index is written and closed (issue 20, defect 4): the
# run reports it (exit 5), never crashes in HDF5's exit-time cleanup (it was 139).
for free_kb in 8 64 160; do
  avail=$(df -k "$mnt" | tail -1 | awk '{print $4}')
  (( avail > free_kb )) || fail "the test disk has only ${avail}k free"
  fallocate -l $(( (avail - free_kb) * 1024 )) "$mnt/filler"
  rc=0
  "$B" run --input "$WORK/in.h5" --out "$mnt/out" >"$WORK/index-full.log" 2>&1 || rc=$?
  rm -f "$mnt/filler"
  [[ $rc -eq 5 ]] || { tail -5 "$WORK/index-full.log"; fail "index on a full disk (${free_kb}k free): exit $rc, wanted 5"; }
  grep -q "STOPPED: the output could not be written: .*index.h5.*No space left on device" "$WORK/index-full.log" \
    || { tail -5 "$WORK/index-full.log"; fail "no message naming the index and ENOSPC"; }
  [[ -z $(find "$mnt/out" -name '*.tmp.*') ]] || fail "a temporary index was left behind"
done
expect_exit 0 "index.h5 covers [0-9]+ dates" -- "$B" run --input "$WORK/in.h5" --out "$mnt/out"
same_as_clean "$mnt/out" || fail "output after the index could be written again differs from a clean run"
pass "disk full while the index is written: exit 5 with the cause, no crash, no temp file; the next run rebuilds it"
