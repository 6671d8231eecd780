#!/usr/bin/python3
"""The baseline: the five processors as a straightforward Python program
(tests/reference, written from the spec with Python's float/Decimal and numpy,
row by row the way the original's processors loop), over every date the C++
run computes, from the same Phase 3 CSVs, writing each date's rows as JSON
lines (what a user would otherwise run). Prints nothing; writes its timings.

Usage: python_baseline.py PHASE3_DIR RESULT_JSON"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "reference"))
from common import computed_dates, opening_nights, season_of  # noqa: E402
from parity_ref import SourceHashes, smallest_hash  # noqa: E402
from mlfs_ref import Mlfs  # noqa: E402
from pcf_ref import Pcf  # noqa: E402
from pdc_ref import Pdc  # noqa: E402
from psza_ref import Psza, load_player_games  # noqa: E402
from tdza_ref import COLUMNS as TDZA_COLUMNS, Tdza  # noqa: E402

phase3, result = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
opening = opening_nights(phase3)
dates = computed_dates(phase3, opening)
source_hashes = SourceHashes(phase3)
tdza = Tdza(phase3, source_hashes)
players = load_player_games(phase3)
psza, pdc = Psza(players, opening, source_hashes), Pdc(phase3, players, source_hashes)
pcf, mlfs = Pcf(pdc, source_hashes), Mlfs(pdc, phase3)
t1 = time.perf_counter()
rows = 0
with open(result + ".rows.jsonl", "w") as out:
    for D in dates:
        t_rows, _ = tdza.compute(D)
        z_rows, _ = psza.compute(D, season_of(D))
        c_rows, _ = pdc.compute(D, z_rows)
        t_named = {k: dict(zip(TDZA_COLUMNS, v)) for k, v in t_rows.items()}
        f_rows, _ = pcf.compute(D, z_rows, t_named)
        upstream = {"pdc": smallest_hash(c_rows), "pcf": smallest_hash(f_rows), "psza": smallest_hash(z_rows),
                    "tdza": smallest_hash(t_named)}
        m_rows, _ = mlfs.compute(D, t_named, z_rows, c_rows, f_rows, upstream)
        for table in (t_named, z_rows, c_rows, f_rows, m_rows):
            rows += len(table)
            out.write(json.dumps({str(k): str(v) for k, v in table.items()}) + "\n")
t2 = time.perf_counter()
os.remove(result + ".rows.jsonl")
json.dump({"dates": len(dates), "rows": rows, "seconds_load": t1 - t0, "seconds_compute": t2 - t1}, open(result, "w"))
