"""PSZA reference (spec section 3 + decisions.md items 2 and 4), written from the spec."""
import bisect
from collections import defaultdict

import numpy as np

from common import as_bool, as_int, day, rows, store
from parity_ref import h16

KEY = "player_lookup"


def load_player_games(phase3):
    players = defaultdict(list)
    for r in rows(phase3, "player_game_summary"):
        players[r["player_lookup"]].append({
            "date": day(r["game_date"]), "game_id": r["game_id"], "team": r["team_abbr"], "opp": r["opponent_team_abbr"],
            "ftm": as_int(r["ft_makes"]),
            "upid": r["universal_player_id"], "season": int(r["season_year"]),
            "pts": as_int(r["points"]), "min": None if r["minutes_played"] == "" else float(r["minutes_played"]),
            "min_dec": r["minutes_played"], "fga": as_int(r["fg_attempts"]), "fgm": as_int(r["fg_makes"]),
            "pa": as_int(r["paint_attempts"]), "pm": as_int(r["paint_makes"]),
            "ma": as_int(r["mid_range_attempts"]), "mm": as_int(r["mid_range_makes"]),
            "ta": as_int(r["three_pt_attempts"]), "tm": as_int(r["three_pt_makes"]),
            "ast": as_int(r["assisted_fg_makes"]), "unast": as_int(r["unassisted_fg_makes"]),
            "usage": r["usage_rate"], "ts": r["ts_pct"],
            "active": as_bool(r["is_active"]), "dnp": as_bool(r.get("is_dnp", "")),
        })
    for g in players.values():
        g.sort(key=lambda x: (x["date"], x["game_id"]))
    return players


def between(games, lo, hi):
    """Rows of a date-sorted list with lo <= date < hi."""
    dates = [g["date"] for g in games] if not hasattr(games, "dates") else games.dates
    return games[bisect.bisect_left(dates, lo):bisect.bisect_left(dates, hi)]


class Games(list):
    """A player's rows with their dates cached for bisect."""
    def __init__(self, rows):
        super().__init__(rows)
        self.dates = [g["date"] for g in rows]


class Psza:
    def __init__(self, players, opening, source_hashes):
        self.players, self.opening, self.source = players, opening, source_hashes.pgs
        for p in list(players):
            if not isinstance(players[p], Games):
                players[p] = Games(players[p])

    def compute(self, D, season):
        start = self.opening[season]
        d = (D - start).days
        need = min(3 + d // 3, 9) if d <= 21 else 10
        out, fails = {}, {}
        source_hash = self.source.before(D)
        for p in sorted(self.players):
            q = [g for g in between(self.players[p], start, D) if g["active"]
                 and ((g["min"] is not None and g["min"] > 0) or (g["fga"] is not None and g["fga"] > 0))]
            ext = sorted(q, key=lambda g: g["date"], reverse=True)[:20]
            if not ext:
                continue
            if len(ext[:10]) < need:
                fails[p] = ("EXPECTED_INCOMPLETE", f"Season bootstrap: {len(ext[:10])}/{len(ext)} games (need {need})")
                continue
            row = self.row(ext, need)
            bad = [(c, row[c], lo, hi) for c, lo, hi in [
                ("paint_rate_last_10", 0, 100), ("mid_range_rate_last_10", 0, 100), ("three_pt_rate_last_10", 0, 100),
                ("paint_pct_last_10", 0, 1), ("mid_range_pct_last_10", 0, 1), ("three_pt_pct_last_10", 0, 1),
                ("paint_attempts_per_game", 0, 40), ("mid_range_attempts_per_game", 0, 40),
                ("three_pt_attempts_per_game", 0, 40), ("total_shots_last_10", 0, 400)]
                   if row[c] is not None and not (lo <= row[c] <= hi)]
            if bad:
                c, v, lo, hi = bad[0]
                fails[p] = ("PRE_WRITE_VALIDATION_BLOCKED", f"{c}={v:.17g} outside [{lo:g}, {hi:g}]")
            else:
                row["source_player_game_hash"] = source_hash
                row["data_hash"] = self.row_hash(p, D, row)
                out[p] = row
        return out, fails

    @staticmethod
    def row_hash(player, D, r):
        """columns-parity.md 3: the record's (rounded) values."""
        fields = {c: r[c] for c in (
            "assisted_rate_last_10", "data_quality_tier", "games_in_sample_10", "games_in_sample_20",
            "mid_range_attempts_per_game", "mid_range_pct_last_10", "mid_range_rate_last_10", "paint_attempts_per_game",
            "paint_pct_last_10", "paint_pct_last_20", "paint_rate_last_10", "paint_rate_last_20",
            "sample_quality_10", "sample_quality_20", "three_pt_attempts_per_game", "three_pt_pct_last_10",
            "three_pt_rate_last_10", "total_shots_last_10", "unassisted_rate_last_10")}
        fields.update(analysis_date=D.isoformat(), calculation_notes=None, player_lookup=player, player_position=None,
                      primary_scoring_zone=r["primary_scoring_zone"] or None,
                      universal_player_id=r["universal_player_id"] or None)
        return h16(fields)

    @staticmethod
    def row(ext, need):
        def rnd(x, n, cols):
            numpy_sum = any(all(g[c] is not None for g in ext) for c in cols)
            return store(float(np.round(np.float64(x), n)) if numpy_sum else round(x, n), n)

        def window(w):
            S = lambda k: sum(g[k] or 0 for g in w)
            complete = all(any(g[c] is not None for g in w) for c in ("pa", "ma", "ta"))
            return S, complete

        g10, g20 = ext[:10], ext
        S, complete = window(g10)
        T = S("pa") + S("ma") + S("ta")
        r = {"universal_player_id": ext[0]["upid"]}
        rates = [None, None, None]
        if complete and T > 0:
            rates = [rnd(S(k) / T * 100, 2, ("pa", "ma", "ta")) for k in ("pa", "ma", "ta")]
            if abs(sum(rates) - 100) > 2:
                rates = [None, None, None]
        r["paint_rate_last_10"], r["mid_range_rate_last_10"], r["three_pt_rate_last_10"] = rates
        r["total_shots_last_10"] = T if T > 0 else None
        pct = lambda S_, m, a: None if S_(a) == 0 else rnd(S_(m) / S_(a), 3, (m, a))
        r["paint_pct_last_10"] = pct(S, "pm", "pa")
        r["mid_range_pct_last_10"] = pct(S, "mm", "ma")
        r["three_pt_pct_last_10"] = pct(S, "tm", "ta")
        for k, c in (("pa", "paint"), ("ma", "mid_range"), ("ta", "three_pt")):
            r[f"{c}_attempts_per_game"] = rnd(S(k) / len(g10), 1, (k,))
        quality = lambda g, t: ("excellent" if g >= t else "good" if g >= int(0.7 * t)
                                else "limited" if g >= int(0.5 * t) else "insufficient")
        r["games_in_sample_10"], r["sample_quality_10"] = len(g10), quality(len(g10), 10)
        r["games_in_sample_20"], r["sample_quality_20"] = len(g20), quality(len(g20), 20)
        r["paint_rate_last_20"] = r["paint_pct_last_20"] = None
        if len(g20) >= 15:
            S20, complete20 = window(g20)
            T20 = S20("pa") + S20("ma") + S20("ta")
            if complete20 and T20 > 0:
                r["paint_rate_last_20"] = rnd(S20("pa") / T20 * 100, 2, ("pa", "ma", "ta"))
            r["paint_pct_last_20"] = pct(S20, "pm", "pa")
        F = S("fgm")
        ok = complete and T > 0 and F > 0
        r["assisted_rate_last_10"] = rnd(S("ast") / F * 100, 2, ("ast", "fgm")) if ok else None
        r["unassisted_rate_last_10"] = rnd(S("unast") / F * 100, 2, ("unast", "fgm")) if ok else None
        p, m, t = (x or 0 for x in rates)
        r["primary_scoring_zone"] = ("" if p == m == t == 0 else "paint" if p >= 40 else "perimeter" if t >= 40
                                     else "mid_range" if m >= 35 else "balanced")
        r["data_quality_tier"] = "high"
        r["early_season_flag"] = need < 10
        return r
