#!/usr/bin/env python3
"""Read a run's index.h5 as pandas DataFrames, one per table.

As a module:
    import read_output                        # scripts/ on sys.path
    tables = read_output.read_index("out/index.h5")            # {table: DataFrame}
    mlfs = read_output.read_table("out/index.h5", "mlfs", matrix="expand")

As a command (CSV or JSON Lines, no Parquet needed):
    python3 scripts/read_output.py out/index.h5 --list
    python3 scripts/read_output.py out/index.h5 --table tdza --format csv --output tdza.csv
    python3 scripts/read_output.py out/index.h5 --table mlfs --format jsonl --matrix list

Strings come back as str (empty string = NULL, as stored), dates as ISO text,
BOOL columns (the group's `bool_columns`) as pandas' nullable boolean, NaN as
NaN. Two-dimensional datasets (MLFS `features`, `feature_sources`,
`last_10_days_before`) become one list per row (matrix="list", the default) or
one column per position, `features_0` ... `features_63` (matrix="expand"):
pandas refuses a 2-D array as one column. Needs python3-h5py, python3-pandas
(`bash scripts/setup.sh --python`).
"""
import argparse
import json
import signal
import sys

import h5py
import numpy as np
import pandas as pd

INT64_NULL = np.iinfo(np.int64).min  # how the program spells NULL in an int64 column
SEGMENTS = "segments"  # the index's segment records: not a table


def _names(group, attr):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in group.attrs.get(attr, [])]


def _column(dataset, is_bool):
    if dataset.dtype.kind == "S":
        return pd.Series(dataset.asstr()[:], dtype=object)
    values = dataset[:]
    if values.dtype.kind in "iu":
        null = values == INT64_NULL
        if is_bool:
            return pd.Series(pd.array(np.where(null, 0, values).astype(bool), dtype="boolean")).mask(null)
        if null.any():
            return pd.Series(pd.array(np.where(null, 0, values), dtype="Int64")).mask(null)
    return pd.Series(values)


def read_table(index_path, table, matrix="list"):
    """One table of the index as a DataFrame (columns in the processor's order)."""
    if matrix not in ("list", "expand"):
        raise ValueError("matrix must be 'list' or 'expand'")
    with h5py.File(index_path, "r") as f:
        if table == SEGMENTS or table not in f:
            raise KeyError(f"{index_path} has no table {table!r} (tables: {', '.join(tables(index_path))})")
        g = f[table]
        order = _names(g, "columns") or list(g.keys())
        bools = set(_names(g, "bool_columns"))
        data = {}
        for name in order:
            ds = g[name]
            if ds.ndim == 2:
                values = ds[:]
                if matrix == "expand":
                    for i in range(values.shape[1]):
                        data[f"{name}_{i}"] = pd.Series(values[:, i])
                else:
                    data[name] = pd.Series(list(values.tolist()), dtype=object)
            else:
                data[name] = _column(ds, name in bools)
        return pd.DataFrame(data)


def tables(index_path):
    """The table names the index holds."""
    with h5py.File(index_path, "r") as f:
        return [k for k in f.keys() if k != SEGMENTS]


def read_index(index_path, matrix="list"):
    """Every table of the index: {name: DataFrame}."""
    return {t: read_table(index_path, t, matrix) for t in tables(index_path)}


def _plain(v):
    """A cell as JSON takes it: NULL/NaN as None, numpy scalars as Python's (exact repr)."""
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    return v.item() if isinstance(v, np.generic) else v


def write_jsonl(df, out):
    """One JSON object per row; floats keep every digit (pandas' to_json rounds to 15)."""
    columns = list(df.columns)
    for row in df.itertuples(index=False, name=None):
        out.write(json.dumps({c: _plain(v) for c, v in zip(columns, row)}, allow_nan=False) + "\n")


def main(argv=None):
    p = argparse.ArgumentParser(description="Write a table of a run's index.h5 as CSV or JSON Lines.")
    p.add_argument("index", help="index.h5 of a run")
    p.add_argument("--list", action="store_true", help="list the tables with their row counts and exit")
    p.add_argument("--table", help="table to write (tdza, psza, pdc, pcf, mlfs, failures, date_status)")
    p.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    p.add_argument("--matrix", choices=["list", "expand"], default=None,
                   help="2-D datasets as one list per row or one column per position "
                        "(default: expand for csv, list for jsonl)")
    p.add_argument("--output", default="-", help="file to write (default: standard output)")
    a = p.parse_args(argv)
    try:
        if a.list:
            with h5py.File(a.index, "r") as f:
                for t in tables(a.index):
                    first = next(iter(f[t].values()), None)
                    print(f"{t}\t{0 if first is None else first.shape[0]}")
            return 0
        if not a.table:
            p.error("--table is required (or --list)")
        matrix = a.matrix or ("expand" if a.format == "csv" else "list")
        df = read_table(a.index, a.table, matrix)
    except (OSError, KeyError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8", newline="")
    try:
        if a.format == "csv":
            df.to_csv(out, index=False)
        else:
            write_jsonl(df, out)
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends the output quietly, as for any Unix tool
    sys.exit(main())
