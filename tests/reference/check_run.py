#!/usr/bin/python3
"""Independent reference check of a run on real data.

Usage: check_run.py PHASE3_DIR INDEX_H5
Recomputes TDZA, PSZA and PDC for every date the run computed, from the Phase 3
CSVs, with a Python implementation written from the spec (float/Decimal/numpy
arithmetic of the original), and compares every stored value and every failure
record with the run's index. Exits 1 on any difference.
"""
import sys
from collections import defaultdict

import h5py

from common import Comparison, computed_dates, day, opening_nights, read_table, season_of
from mlfs_ref import Mlfs
from pcf_ref import Pcf
from pdc_ref import Pdc
from psza_ref import Psza, load_player_games
from tdza_ref import COLUMNS as TDZA_COLUMNS, Tdza

phase3, index_path = sys.argv[1], sys.argv[2]
opening = opening_nights(phase3)
dates = computed_dates(phase3, opening)

f = h5py.File(index_path, "r")
status_dates = sorted({day(d) for d in f["date_status"]["analysis_date"].asstr()[:]})
if status_dates != dates:
    sys.exit(f"FAIL: run computed {len(status_dates)} dates, reference expects {len(dates)}")


def by_date(group, key, date_col):
    t = read_table(f, group)
    out = defaultdict(dict)
    for i, (k, d) in enumerate(zip(t[key], t[date_col])):
        out[day(d)][k] = {c: t[c][i] for c in t}
    return out


got = {"tdza": by_date("tdza", "team_abbr", "analysis_date"),
       "psza": by_date("psza", "player_lookup", "analysis_date"),
       "pdc": by_date("pdc", "player_lookup", "cache_date"),
       "pcf": by_date("pcf", "player_lookup", "game_date"),
       "mlfs": by_date("mlfs", "player_lookup", "game_date")}
fl = read_table(f, "failures")
got_fail = defaultdict(lambda: defaultdict(dict))
for p, d, e, c in zip(fl["processor"], fl["analysis_date"], fl["entity_id"], fl["failure_category"]):
    got_fail[p][day(d)][e] = c

tdza = Tdza(phase3)
players = load_player_games(phase3)
psza, pdc = Psza(players, opening), Pdc(phase3, players)
pcf, mlfs = Pcf(pdc), Mlfs(pdc)
checks = {p: Comparison(p) for p in ("tdza", "psza", "pdc", "pcf", "mlfs")}


def compare(proc, D, want, want_fail):
    cmp = checks[proc]
    have = got[proc][D]
    if set(want) != set(have) or want_fail != dict(got_fail[proc][D]):
        missing, extra = sorted(set(want) - set(have))[:5], sorted(set(have) - set(want))[:5]
        cmp.fail(f"{D}: entities differ (missing {missing}, extra {extra}); failures equal: "
                 f"{want_fail == dict(got_fail[proc][D])}")
        return
    for entity, values in want.items():
        for col, v in values.items():
            got_v = have[entity][col]
            if hasattr(v, "shape"):  # feature matrix row: compare element-wise, NaN == NaN
                for i, (a, b) in enumerate(zip(got_v, v)):
                    cmp.check(f"{D} {entity}", f"{col}[{i}]", a, None if b != b else b)
            else:
                cmp.check(f"{D} {entity}", col, got_v, v)


for i, D in enumerate(dates):
    t_rows, t_fail = tdza.compute(D)
    compare("tdza", D, {k: dict(zip(TDZA_COLUMNS, v)) for k, v in t_rows.items()}, t_fail)
    z_rows, z_fail = psza.compute(D, season_of(D))
    compare("psza", D, z_rows, z_fail)
    c_rows, c_fail = pdc.compute(D, z_rows)
    compare("pdc", D, c_rows, c_fail)
    t_named = {k: dict(zip(TDZA_COLUMNS, v)) for k, v in t_rows.items()}
    f_rows, f_fail = pcf.compute(D, z_rows, t_named)
    compare("pcf", D, f_rows, f_fail)
    m_rows, m_fail = mlfs.compute(D, t_named, z_rows, c_rows, f_rows)
    compare("mlfs", D, m_rows, m_fail)
    if i % 100 == 0:
        print(f"  ... {i}/{len(dates)} dates checked", flush=True)

bad = 0
for name, c in checks.items():
    rows = sum(len(v) for v in got[name].values())
    fails = sum(len(v) for v in got_fail[name].values())
    print(f"{name}: {len(dates)} dates, {rows} rows, {c.values} values, {fails} failure records; "
          f"{c.mismatches} mismatches")
    bad += c.mismatches
if bad:
    sys.exit(f"FAIL: {bad} mismatches against the reference")
print("ok: every stored value and failure record equals the independent reference")
