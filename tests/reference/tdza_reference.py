#!/usr/bin/python3
"""Independent reference implementation of TDZA (spec section 2 + decisions.md),
written directly from the spec in Python so that its arithmetic is the original's
own (float division, Decimal means, Python repr + ROUND_HALF_UP storage).

Usage: tdza_reference.py PHASE3_DIR INDEX_H5
Recomputes every date the run computed and compares every stored value and every
failure record with the run's index. Exits 1 on any difference.
"""
import csv, datetime as dt, gzip, math, sys
from collections import defaultdict
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction

import h5py

phase3, index_path = sys.argv[1], sys.argv[2]


def rows(name):
    with gzip.open(f"{phase3}/{name}.csv.gz", "rt", newline="") as f:
        yield from csv.DictReader(f)


def day(s):
    return dt.date.fromisoformat(s)


def season_of(d):
    return d.year if d.month >= 10 else d.year - 1


def as_int(v):
    return None if v == "" else int(v)


def store(x, scale):
    """BigQuery NUMERIC storage: shortest repr, half away from zero."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    q = Decimal(repr(x)).quantize(Decimal(1).scaleb(-scale), rounding=ROUND_HALF_UP)
    return float(q) + 0.0


# --- inputs -------------------------------------------------------------------
opening = {}
for r in rows("schedule"):
    if r["is_regular_season"] == "true":
        d = day(r["game_date"])
        s = season_of(d)
        opening[s] = min(opening.get(s, d), d)
game_dates = sorted({day(r["game_date"]) for r in rows("player_game_summary")})
computed_dates = [d for d in game_dates if not (0 <= (d - opening[season_of(d)]).days < 14)]

games = defaultdict(list)  # team -> rows sorted by date
for r in rows("team_defense_game_summary"):
    games[r["defending_team_abbr"]].append({
        "date": day(r["game_date"]),
        "pm": as_int(r["opp_paint_makes"]), "pa": as_int(r["opp_paint_attempts"]),
        "mm": as_int(r["opp_mid_range_makes"]), "ma": as_int(r["opp_mid_range_attempts"]),
        "tm": as_int(r["opp_three_pt_makes"]), "ta": as_int(r["opp_three_pt_attempts"]),
        "pp": as_int(r["points_in_paint_allowed"]), "bp": as_int(r["blocks_paint"]),
        "bm": as_int(r["blocks_mid_range"]), "bt": as_int(r["blocks_three_pt"]),
        "pts": as_int(r["points_allowed"]),
        "dr": None if r["defensive_rating"] == "" else Decimal(r["defensive_rating"]),
        "pace": None if r["opponent_pace"] == "" else Decimal(r["opponent_pace"]),
    })
for g in games.values():
    g.sort(key=lambda x: x["date"])


def sql_sum(vals):
    vals = [v for v in vals if v is not None]
    return sum(vals) if vals else None


def league(D):
    per = {"p": [], "m": [], "t": []}
    for team, g in games.items():
        w = [x for x in g if D - dt.timedelta(days=30) <= x["date"] <= D]
        pcts = {}
        for z, (mk, at) in {"p": ("pm", "pa"), "m": ("mm", "ma"), "t": ("tm", "ta")}.items():
            m, a = sql_sum(x[mk] for x in w), sql_sum(x[at] for x in w)
            pcts[z] = None if m is None or a is None or a == 0 else m / a
        if len(w) >= 10 and all(v is not None for v in pcts.values()):
            for z in per:
                per[z].append(pcts[z])
    if len(per["p"]) < 10:
        return 0.580, 0.410, 0.355
    mean = lambda v: float(sum(Fraction(x) for x in v) / len(v))
    return mean(per["p"]), mean(per["m"]), mean(per["t"])


def dec_mean(vals):
    vals = [v for v in vals if v is not None]
    return float(sum(vals)) / len(vals) if vals else float("nan")


COLUMNS = ["paint_pct_allowed_last_15", "paint_attempts_allowed_per_game", "paint_points_allowed_per_game",
           "paint_blocks_per_game", "paint_defense_vs_league_avg", "mid_range_pct_allowed_last_15",
           "mid_range_attempts_allowed_per_game", "mid_range_blocks_per_game", "mid_range_defense_vs_league_avg",
           "three_pt_pct_allowed_last_15", "three_pt_attempts_allowed_per_game", "three_pt_blocks_per_game",
           "three_pt_defense_vs_league_avg", "defensive_rating_last_15", "opponent_points_per_game", "opponent_pace",
           "games_in_sample", "strongest_zone", "weakest_zone", "data_quality_tier", "calculation_notes"]


def tdza(D):
    lp, lm, lt = league(D)
    oct1 = dt.date(season_of(D), 10, 1)
    d = (D - oct1).days
    need = min(5 + d // 3, 14) if d <= 21 else 15
    out, fails = {}, {}
    for team in sorted(games):
        w = [x for x in games[team] if oct1 <= x["date"] < D]
        if not w:
            continue
        if len(w) < need:
            fails[team] = "INSUFFICIENT_DATA"
            continue
        w = w[-15:]
        n = len(w)
        S = lambda k: sum(x[k] or 0 for x in w)
        pct = lambda m, a: None if S(a) == 0 else S(m) / S(a)
        pp, mp, tp = pct("pm", "pa"), pct("mm", "ma"), pct("tm", "ta")
        vs = lambda p, l: None if p is None else (p - l) * 100
        pv, mv, tv = vs(pp, lp), vs(mp, lm), vs(tp, lt)
        dr, pace = dec_mean(x["dr"] for x in w), dec_mean(x["pace"] for x in w)
        checks = [(pp, 0, 1), (mp, 0, 1), (tp, 0, 1), (S("pa") / n, 0, 100), (S("ma") / n, 0, 100),
                  (S("ta") / n, 0, 100), (S("pp") / n, 0, 150), (dr, 70, 140), (S("pts") / n, 70, 150),
                  (pv, -15, 15), (mv, -15, 15), (tv, -15, 15)]
        if any(v is not None and not (lo <= v <= hi) for v, lo, hi in checks):
            fails[team] = "PRE_WRITE_VALIDATION_BLOCKED"
            continue
        labels = ["paint", "mid_range", "perimeter"]
        present = [(v, i) for i, v in enumerate([pv, mv, tv]) if v is not None]
        strongest = labels[min(present, key=lambda t: (t[0], t[1]))[1]] if present else ""
        weakest = labels[max(present, key=lambda t: (t[0], -t[1]))[1]] if present else ""
        notes = "; ".join(t for a, t in [("pa", "No paint attempts"), ("ma", "No mid-range attempts"),
                                         ("ta", "No three-point attempts")] if S(a) == 0)
        out[team] = [store(pp, 3), store(S("pa") / n, 1), store(S("pp") / n, 1), store(S("bp") / n, 1), store(pv, 2),
                     store(mp, 3), store(S("ma") / n, 1), store(S("bm") / n, 1), store(mv, 2),
                     store(tp, 3), store(S("ta") / n, 1), store(S("bt") / n, 1), store(tv, 2),
                     store(dr, 2), store(S("pts") / n, 1), store(pace, 1), n, strongest, weakest,
                     "high" if n >= 15 else "medium" if n >= 10 else "low", notes]
    return out, fails


# --- compare with the run ------------------------------------------------------
f = h5py.File(index_path, "r")
t = f["tdza"]
got_rows = defaultdict(dict)
cols = {c: (t[c].asstr()[:] if t[c].dtype.kind == "S" else t[c][:]) for c in COLUMNS + ["team_abbr", "analysis_date"]}
for i, (team, d) in enumerate(zip(cols["team_abbr"], cols["analysis_date"])):
    got_rows[day(d)][team] = [cols[c][i] for c in COLUMNS]
fl = f["failures"]
got_fails = defaultdict(dict)
for d, team, cat in zip(fl["analysis_date"].asstr()[:], fl["entity_id"].asstr()[:], fl["failure_category"].asstr()[:]):
    got_fails[day(d)][team] = cat
status_dates = sorted({day(d) for d in f["date_status"]["analysis_date"].asstr()[:]})

if status_dates != computed_dates:
    sys.exit(f"FAIL: run computed {len(status_dates)} dates, reference expects {len(computed_dates)}")


def same(a, b):
    if isinstance(b, str):
        return a == b
    if b is None:
        return isinstance(a, float) and math.isnan(a)
    return a == b


mismatches = 0
values = 0
full_dates = 0
for D in computed_dates:
    want, want_fail = tdza(D)
    if set(want) != set(got_rows[D]) or want_fail != got_fails[D]:
        mismatches += 1
        print(f"{D}: teams differ: want {sorted(want)} fails {want_fail}; got {sorted(got_rows[D])} {got_fails[D]}")
        continue
    eligible = len(want) + sum(1 for c in want_fail.values() if c == "PRE_WRITE_VALIDATION_BLOCKED")
    full_dates += eligible >= 25
    for team, vals in want.items():
        for c, a, b in zip(COLUMNS, got_rows[D][team], vals):
            values += 1
            if not same(a, b):
                mismatches += 1
                if mismatches < 20:
                    print(f"{D} {team} {c}: run {a!r} reference {b!r}")
if mismatches:
    sys.exit(f"FAIL: {mismatches} mismatches")
n = sum(len(v) for v in got_rows.values())
print(f"ok: {len(computed_dates)} dates, {n} TDZA rows, {values} values and "
      f"{sum(len(v) for v in got_fails.values())} failure records identical to the reference; "
      f"{full_dates} dates with >= 25 teams having 15 prior games")
