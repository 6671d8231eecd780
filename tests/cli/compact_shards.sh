#!/usr/bin/env bash
# Compact shards (issue 25): every dataset of every shard is chunked and
# deflated (numbers also shuffled), stock h5py reads every value back, the
# bytes on disk are at most a quarter of the values', and the index reads the
# same rows through them.
source "$(dirname "$0")/lib.sh"
"$NBA_BIN" --quiet synth --out "$WORK/csv" --seasons 1 --seed 41 --store "$WORK/in.h5"
mpirun -np 3 --oversubscribe "$NBA_BIN" --quiet run --input "$WORK/in.h5" --out "$WORK/out" >/dev/null
"$PY" - "$WORK/out" <<'PYEOF'
import glob, sys, h5py, numpy as np
out = sys.argv[1]
logical = stored = 0
rows = {}
KEY = {"tdza": "team_abbr", "failures": "processor", "date_status": "processor"}  # else player_lookup
for path in sorted(glob.glob(f"{out}/shards/*/*.h5")):
    with h5py.File(path, "r") as f:
        def visit(name, d):
            global logical, stored
            if not isinstance(d, h5py.Dataset):
                return
            assert d.chunks is not None and d.compression == "gzip", (path, name, d.chunks, d.compression)
            assert d.shuffle == (d.dtype.kind in "fiu" and d.dtype.itemsize > 1), (path, name, d.dtype, d.shuffle)
            values = d[()]  # decompressed by HDF5's own filters
            assert len(values) == d.shape[0]
            logical += values.nbytes
            stored += d.id.get_storage_size()
            table = name.split("/")[0]
            if name == f"{table}/{KEY.get(table, 'player_lookup')}":
                rows[table] = rows.get(table, 0) + d.shape[0]
        f.visititems(visit)
ratio = stored / logical
assert ratio <= 0.25, f"stored {stored} bytes for {logical} bytes of values: {ratio:.3f}"
with h5py.File(f"{out}/index.h5", "r") as f:
    for table, n in rows.items():
        key = KEY.get(table, "player_lookup")
        assert f[table][key].shape[0] == n, (table, f[table][key].shape[0], n)
        assert (f[table][key][:] != b"").all(), table  # read through the index: no fill values
print(f"ok: {len(rows)} tables; datasets stored in {100 * ratio:.1f} % of their values' bytes")
PYEOF
pass "compact shards"
