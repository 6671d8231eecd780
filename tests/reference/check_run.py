#!/usr/bin/python3
"""Independent reference check of a run on real data.

Usage: check_run.py PHASE3_DIR INDEX_H5 [PCF_NDJSON [MLFS_NDJSON]]
Recomputes the five processors for every date the run computed, from the Phase 3
CSVs, with a Python implementation written from the spec (float/Decimal/numpy
arithmetic of the original), and compares with the run's index, strictly:
every stored column of every row (a stored column the reference does not
produce is a failure), every failure record (category and reason), every
date_status record, and no key may appear twice on a date. With PCF_NDJSON (an
`export --processor pcf` of the run) it also compares PCF's four context JSON
texts, which the shards keep as values and the export renders. Bootstrap dates
that a `run --include-bootstrap` computed are checked as the original's MLFS
driver computes them with that flag: MLFS alone, from empty Phase 4 tables.
Exits 1 on any difference.
"""
import json
import sys
from collections import defaultdict

import h5py

from common import Comparison, computed_dates, day, opening_nights, read_table, season_of
from parity_ref import SourceHashes, smallest_hash
from mlfs_ref import Mlfs
from pcf_ref import Pcf
from pdc_ref import Pdc
from psza_ref import Psza, load_player_games
from tdza_ref import COLUMNS as TDZA_COLUMNS, Tdza

phase3, index_path = sys.argv[1], sys.argv[2]


def export_by_key(path, columns):
    """{(game_date, player_lookup): {column: value}} of an NDJSON export; a key twice fails."""
    out = {}
    with open(path) as fh:
        for line in fh:
            r = json.loads(line)
            key = (day(r["game_date"]), r["player_lookup"])
            if key in out:
                sys.exit(f"FAIL: {path} holds {key} twice")
            out[key] = {c: r[c] for c in columns}
    return out


pcf_texts = export_by_key(sys.argv[3], ("fatigue_context_json", "shot_zone_context_json", "pace_context_json",
                                        "usage_context_json")) if len(sys.argv) > 3 else {}
mlfs_hashes = {k: v["data_hash"] for k, v in export_by_key(sys.argv[4], ("data_hash",)).items()} \
    if len(sys.argv) > 4 else {}
if len(sys.argv) > 4 and not mlfs_hashes:
    sys.exit(f"FAIL: {sys.argv[4]} holds no row")
opening = opening_nights(phase3)
dates = computed_dates(phase3, opening)

f = h5py.File(index_path, "r")
status_dates = sorted({day(d) for d in f["date_status"]["analysis_date"].asstr()[:]})
bootstrap_dates = [d for d in status_dates if 0 <= (d - opening[season_of(d)]).days < 14]
if sorted(set(status_dates) - set(bootstrap_dates)) != dates:
    sys.exit(f"FAIL: run computed {len(status_dates) - len(bootstrap_dates)} dates, reference expects {len(dates)}")


duplicates = []


def by_date(group, key, date_col):
    t = read_table(f, group)
    out = defaultdict(dict)
    for i, (k, d) in enumerate(zip(t[key], t[date_col])):
        if k in out[day(d)]:
            duplicates.append(f"{group} {d} {k}")
        out[day(d)][k] = {c: t[c][i] for c in t}
    return out, set(t) - {key, date_col}


KEYS = {"tdza": ("team_abbr", "analysis_date"), "psza": ("player_lookup", "analysis_date"),
        "pdc": ("player_lookup", "cache_date"), "pcf": ("player_lookup", "game_date"),
        "mlfs": ("player_lookup", "game_date")}
got, stored_columns = {}, {}
for proc, (key, date_col) in KEYS.items():
    got[proc], stored_columns[proc] = by_date(proc, key, date_col)
fl = read_table(f, "failures")
got_fail = defaultdict(lambda: defaultdict(dict))
for p, d, e, c, why in zip(fl["processor"], fl["analysis_date"], fl["entity_id"], fl["failure_category"],
                           fl["failure_reason"]):
    if e in got_fail[p][day(d)]:
        duplicates.append(f"failures {p} {d} {e}")
    got_fail[p][day(d)][e] = (c, why)
st = read_table(f, "date_status")
got_status = {}
for p, d, status, n_rows, n_fail, n_ent in zip(st["processor"], st["analysis_date"], st["status"], st["rows"],
                                                 st["failures"], st["entities"]):
    if (p, day(d)) in got_status:
        duplicates.append(f"date_status {p} {d}")
    got_status[(p, day(d))] = (status, int(n_rows), int(n_fail), int(n_ent))
if duplicates:
    sys.exit(f"FAIL: {len(duplicates)} duplicated keys, e.g. {duplicates[:5]}")

source_hashes = SourceHashes(phase3)
tdza = Tdza(phase3, source_hashes)
players = load_player_games(phase3)
psza, pdc = Psza(players, opening, source_hashes), Pdc(phase3, players, source_hashes)
pcf, mlfs = Pcf(pdc, source_hashes), Mlfs(pdc, phase3)
checks = {p: Comparison(p) for p in ("tdza", "psza", "pdc", "pcf", "mlfs")}
checked_columns = {p: set() for p in checks}


def compare(proc, D, want, want_fail):
    cmp = checks[proc]
    have = got[proc][D]
    status = ("done" if want else "zero_rows", len(want), len(want_fail), len(want) + len(want_fail))
    cmp.check(f"{D}", "date_status", got_status.get((proc, D)), status)
    if set(want) != set(have) or want_fail != dict(got_fail[proc][D]):
        missing, extra = sorted(set(want) - set(have))[:5], sorted(set(have) - set(want))[:5]
        wrong = sorted((e, got_fail[proc][D].get(e), w) for e, w in want_fail.items() if got_fail[proc][D].get(e) != w)
        cmp.fail(f"{D}: entities differ (missing {missing}, extra {extra}); failures differing: {wrong[:3]}")
        return
    cmp.values += len(want_fail)
    for entity, values in want.items():
        checked_columns[proc].update(values)
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
    if pcf_texts:
        for p, texts in pcf.texts.items():
            for col, text in texts.items():
                checks["pcf"].check(f"{D} {p}", col, pcf_texts.get((D, p), {}).get(col), text)
    upstream_hashes = {"pdc": smallest_hash(c_rows), "pcf": smallest_hash(f_rows), "psza": smallest_hash(z_rows),
                       "tdza": smallest_hash(t_named)}
    m_rows, m_fail = mlfs.compute(D, t_named, z_rows, c_rows, f_rows, upstream_hashes)
    for p, row in m_rows.items():  # rendered at export: compared where the export has the row
        want_hash = row.pop("data_hash")
        if (D, p) in mlfs_hashes:
            checks["mlfs"].check(f"{D} {p}", "data_hash", mlfs_hashes.pop((D, p)), want_hash)
    compare("mlfs", D, m_rows, m_fail)
    if i % 100 == 0:
        print(f"  ... {i}/{len(dates)} dates checked", flush=True)

NO_UPSTREAM = {"pdc": "", "pcf": "", "psza": "", "tdza": ""}
for D in bootstrap_dates:  # --include-bootstrap: MLFS alone, nothing from the other four
    m_rows, m_fail = mlfs.compute(D, {}, {}, {}, {}, NO_UPSTREAM)
    for p, row in m_rows.items():
        want_hash = row.pop("data_hash")
        if (D, p) in mlfs_hashes:
            checks["mlfs"].check(f"{D} {p}", "data_hash", mlfs_hashes.pop((D, p)), want_hash)
    compare("mlfs", D, m_rows, m_fail)
    others = sorted(k for k in got_status if k[1] == D and k[0] != "mlfs")
    if others:
        checks["mlfs"].fail(f"bootstrap date {D} has date_status records of {others}")
if bootstrap_dates:
    print(f"  {len(bootstrap_dates)} bootstrap dates checked (MLFS alone)")

for proc, columns in stored_columns.items():
    unchecked = sorted(columns - checked_columns[proc])
    if unchecked and got[proc]:
        checks[proc].fail(f"stored columns the reference does not check: {unchecked}")
if pcf_texts and len(pcf_texts) != sum(len(v) for v in got["pcf"].values()):
    checks["pcf"].fail(f"the PCF export holds {len(pcf_texts)} rows, the index {sum(len(v) for v in got['pcf'].values())}")
if mlfs_hashes:
    checks["mlfs"].fail(f"the MLFS export holds {len(mlfs_hashes)} rows the index does not, e.g. {sorted(mlfs_hashes)[:3]}")
extra_status = {k for k in got_status if k[1] not in set(dates) and k[1] not in set(bootstrap_dates)}
if extra_status:
    checks["tdza"].fail(f"date_status records for dates the reference does not compute: {sorted(extra_status)[:5]}")

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
