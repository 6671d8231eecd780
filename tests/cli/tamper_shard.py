#!/usr/bin/env python3
"""Seeds a defect into a committed shard the way a silent bug would leave it:
the shard changed and the ledger updated to match (new CRC-32, row counts), so
that only a check of the content against Phase 3 can find it (tests/cli/toolbox.sh).

    tamper_shard.py OUT DATE drop PLAYER            remove PLAYER's MLFS row of DATE
    tamper_shard.py OUT DATE set PLAYER INDEX VALUE set one MLFS feature
    tamper_shard.py OUT DATE constant INDEX VALUE   set a feature for every player of DATE
Prints what it changed. The caller reruns `run` to rebuild the index.
"""
import json
import sys
import zlib

import h5py
import numpy as np


def latest_records(ledger_path):
    latest = {}
    with open(ledger_path) as f:
        for line in f:
            r = json.loads(line)
            latest[(r["processor"], r["date"])] = r
    return latest


def rewrite_without_row(group, row):
    """Every dataset of the group without one row (same dtype and attributes)."""
    for name in list(group.keys()):
        ds = group[name]
        data, attrs, dtype = np.delete(ds[()], row, axis=0), dict(ds.attrs), ds.dtype
        del group[name]
        new = group.create_dataset(name, data=data, dtype=dtype)
        for k, v in attrs.items():
            new.attrs[k] = v
    group.attrs["rows"] = group.attrs["rows"] - 1


def main():
    out, date, op = sys.argv[1], sys.argv[2], sys.argv[3]
    ledger = f"{out}/ledger.jsonl"
    latest = latest_records(ledger)
    shard = latest[("mlfs", date)]["shard"]
    with h5py.File(f"{out}/{shard}", "r+") as f:
        g = f["mlfs"]
        on_date = np.flatnonzero(g["game_date"].asstr()[:] == date)
        players = g["player_lookup"].asstr()[:]
        if op == "drop":
            row = int(on_date[players[on_date] == sys.argv[4]][0])
            rewrite_without_row(g, row)
            st = f["date_status"]
            i = int(np.flatnonzero((st["processor"].asstr()[:] == "mlfs") & (st["analysis_date"].asstr()[:] == date))[0])
            rows = st["rows"][()]
            rows[i] -= 1
            st["rows"][...] = rows
        elif op == "set":
            row = int(on_date[players[on_date] == sys.argv[4]][0])
            g["features"][row, int(sys.argv[5])] = float(sys.argv[6])
        elif op == "constant":
            features = g["features"][()]
            features[on_date, int(sys.argv[4])] = float(sys.argv[5])
            g["features"][...] = features
        else:
            sys.exit(f"unknown operation {op}")
    with open(f"{out}/{shard}", "rb") as f:
        crc = format(zlib.crc32(f.read()) & 0xFFFFFFFF, "08x")
    with open(ledger, "a") as f:
        for key, r in latest.items():
            if r.get("shard") != shard:
                continue
            r = dict(r, shard_crc32=crc, attempt=r["attempt"] + 1)
            if op == "drop" and key == ("mlfs", date):
                r["rows"] -= 1
            f.write(json.dumps(r, sort_keys=True) + "\n")
    print(f"{op} in {shard} on {date}; crc32 {crc}")


if __name__ == "__main__":
    main()
