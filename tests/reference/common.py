"""Shared pieces of the independent reference implementation: CSV loading with
the spec's NULL rules, season arithmetic, BigQuery NUMERIC storage, and the
comparison of a run's index against reference rows."""
import csv, datetime as dt, gzip, math

import numpy as np
from decimal import Decimal, ROUND_HALF_UP


def rows(phase3, name):
    with gzip.open(f"{phase3}/{name}.csv.gz", "rt", newline="") as f:
        yield from csv.DictReader(f)


def day(s):
    return dt.date.fromisoformat(s)


def season_of(d):
    return d.year if d.month >= 10 else d.year - 1


def as_int(v):
    return None if v == "" else int(v)


def as_dec(v):
    return None if v == "" else Decimal(v)


def as_bool(v):
    return None if v == "" else v == "true"


def store(x, scale):
    """BigQuery NUMERIC storage: shortest repr of the double, half away from zero."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    q = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-scale), rounding=ROUND_HALF_UP)
    return float(q) + 0.0


def opening_nights(phase3):
    opening = {}
    for r in rows(phase3, "schedule"):
        if r["is_regular_season"] == "true":
            d = day(r["game_date"])
            s = season_of(d)
            opening[s] = min(opening.get(s, d), d)
    return opening


def computed_dates(phase3, opening):
    dates = sorted({day(r["game_date"]) for r in rows(phase3, "player_game_summary")})
    return [d for d in dates if not (0 <= (d - opening[season_of(d)]).days < 14)]


def read_table(f, group):
    g = f[group]
    out = {}
    for c in g:
        out[c] = g[c].asstr()[:] if g[c].dtype.kind == "S" else g[c][:]
    return out


def same(a, b):
    """a: value from HDF5 (NaN / '' = NULL); b: reference value (None = NULL)."""
    if isinstance(b, tuple):  # a record (date_status): field by field
        return a is not None and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(b, str):
        return a == b
    if b is None:
        return (not isinstance(a, str) and a != a) or a == ""  # NaN (any float type) or empty string
    if isinstance(b, bool):
        return int(a) == int(b)
    return float(a) == float(b)


class Comparison:
    def __init__(self, name):
        self.name, self.values, self.mismatches, self.shown = name, 0, 0, 0

    def check(self, where, column, got, want):
        self.values += 1
        if not same(got, want):
            self.mismatches += 1
            if self.shown < 15:
                self.shown += 1
                print(f"{self.name} {where} {column}: run {got!r} reference {want!r}")

    def fail(self, message):
        self.mismatches += 1
        if self.shown < 15:
            self.shown += 1
            print(f"{self.name} {message}")
