"""TDZA reference (spec section 2 + decisions.md), written from the spec."""
import datetime as dt
from collections import defaultdict
from fractions import Fraction

from common import as_dec, as_int, day, rows, season_of, store
from parity_ref import h16

COLUMNS = ["paint_pct_allowed_last_15", "paint_attempts_allowed_per_game", "paint_points_allowed_per_game",
           "paint_blocks_per_game", "paint_defense_vs_league_avg", "mid_range_pct_allowed_last_15",
           "mid_range_attempts_allowed_per_game", "mid_range_blocks_per_game", "mid_range_defense_vs_league_avg",
           "three_pt_pct_allowed_last_15", "three_pt_attempts_allowed_per_game", "three_pt_blocks_per_game",
           "three_pt_defense_vs_league_avg", "defensive_rating_last_15", "opponent_points_per_game", "opponent_pace",
           "games_in_sample", "strongest_zone", "weakest_zone", "data_quality_tier", "calculation_notes",
           "expected_games_count", "actual_games_count", "source_team_defense_hash", "data_hash"]
KEY = "team_abbr"


class Tdza:
    def __init__(self, phase3, source_hashes):
        self.source = source_hashes.tdgs
        self.games = defaultdict(list)  # team -> rows sorted by date
        for r in rows(phase3, "team_defense_game_summary"):
            self.games[r["defending_team_abbr"]].append({
                "date": day(r["game_date"]),
                "pm": as_int(r["opp_paint_makes"]), "pa": as_int(r["opp_paint_attempts"]),
                "mm": as_int(r["opp_mid_range_makes"]), "ma": as_int(r["opp_mid_range_attempts"]),
                "tm": as_int(r["opp_three_pt_makes"]), "ta": as_int(r["opp_three_pt_attempts"]),
                "pp": as_int(r["points_in_paint_allowed"]), "bp": as_int(r["blocks_paint"]),
                "bm": as_int(r["blocks_mid_range"]), "bt": as_int(r["blocks_three_pt"]),
                "pts": as_int(r["points_allowed"]), "dr": as_dec(r["defensive_rating"]),
                "pace": as_dec(r["opponent_pace"]),
            })
        for g in self.games.values():
            g.sort(key=lambda x: x["date"])

    def league(self, D):
        def sql_sum(vals):
            vals = [v for v in vals if v is not None]
            return sum(vals) if vals else None

        per = {"p": [], "m": [], "t": []}
        for g in self.games.values():
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

    def compute(self, D):
        """-> ({team: [values in COLUMNS order]}, {team: failure category})"""
        lp, lm, lt = self.league(D)
        oct1 = dt.date(season_of(D), 10, 1)
        d = (D - oct1).days
        need = min(5 + d // 3, 14) if d <= 21 else 15
        out, fails = {}, {}
        source_hash = self.source.between(oct1, D)
        for team in sorted(self.games):
            w = [x for x in self.games[team] if oct1 <= x["date"] < D]
            if not w:
                continue
            if len(w) < need:
                fails[team] = ("INSUFFICIENT_DATA", f"Only {len(w)} games, need {need}")
                continue
            w = w[-15:]
            n = len(w)
            S = lambda k: sum(x[k] or 0 for x in w)
            pct = lambda m, a: None if S(a) == 0 else S(m) / S(a)
            pp, mp, tp = pct("pm", "pa"), pct("mm", "ma"), pct("tm", "ta")
            vs = lambda p, l: None if p is None else (p - l) * 100
            pv, mv, tv = vs(pp, lp), vs(mp, lm), vs(tp, lt)

            def dec_mean(k):
                vals = [x[k] for x in w if x[k] is not None]
                return float(sum(vals)) / len(vals) if vals else float("nan")

            dr, pace = dec_mean("dr"), dec_mean("pace")
            checks = [(pp, 0, 1), (mp, 0, 1), (tp, 0, 1), (S("pa") / n, 0, 100), (S("ma") / n, 0, 100),
                      (S("ta") / n, 0, 100), (S("pp") / n, 0, 150), (dr, 70, 140), (S("pts") / n, 70, 150),
                      (pv, -15, 15), (mv, -15, 15), (tv, -15, 15)]
            names = ["paint_pct_allowed_last_15", "mid_range_pct_allowed_last_15", "three_pt_pct_allowed_last_15",
                     "paint_attempts_allowed_per_game", "mid_range_attempts_allowed_per_game",
                     "three_pt_attempts_allowed_per_game", "paint_points_allowed_per_game", "defensive_rating_last_15",
                     "opponent_points_per_game", "paint_defense_vs_league_avg", "mid_range_defense_vs_league_avg",
                     "three_pt_defense_vs_league_avg"]
            broken = [(name, v, lo, hi) for name, (v, lo, hi) in zip(names, checks)
                      if v is not None and not (lo <= v <= hi)]
            if broken:
                name, v, lo, hi = broken[0]
                fails[team] = ("PRE_WRITE_VALIDATION_BLOCKED", f"{name}={v:.17g} outside [{lo}, {hi}]")
                continue
            labels = ["paint", "mid_range", "perimeter"]
            present = [(v, i) for i, v in enumerate([pv, mv, tv]) if v is not None]
            strongest = labels[min(present, key=lambda t: (t[0], t[1]))[1]] if present else ""
            weakest = labels[max(present, key=lambda t: (t[0], -t[1]))[1]] if present else ""
            notes = "; ".join(t for a, t in [("pa", "No paint attempts"), ("ma", "No mid-range attempts"),
                                             ("ta", "No three-point attempts")] if S(a) == 0)
            tier = "high" if n >= 15 else "medium" if n >= 10 else "low"
            data_hash = h16({
                "analysis_date": D.isoformat(), "calculation_notes": notes or None, "data_quality_tier": tier,
                "defensive_rating_last_15": dr, "games_in_sample": n,
                "mid_range_attempts_allowed_per_game": S("ma") / n, "mid_range_blocks_per_game": S("bm") / n,
                "mid_range_defense_vs_league_avg": mv, "mid_range_pct_allowed_last_15": mp, "opponent_pace": pace,
                "opponent_points_per_game": S("pts") / n, "paint_attempts_allowed_per_game": S("pa") / n,
                "paint_blocks_per_game": S("bp") / n, "paint_defense_vs_league_avg": pv,
                "paint_pct_allowed_last_15": pp, "paint_points_allowed_per_game": S("pp") / n,
                "strongest_zone": strongest or None, "team_abbr": team,
                "three_pt_attempts_allowed_per_game": S("ta") / n, "three_pt_blocks_per_game": S("bt") / n,
                "three_pt_defense_vs_league_avg": tv, "three_pt_pct_allowed_last_15": tp,
                "weakest_zone": weakest or None})
            out[team] = [store(pp, 3), store(S("pa") / n, 1), store(S("pp") / n, 1), store(S("bp") / n, 1),
                         store(pv, 2), store(mp, 3), store(S("ma") / n, 1), store(S("bm") / n, 1), store(mv, 2),
                         store(tp, 3), store(S("ta") / n, 1), store(S("bt") / n, 1), store(tv, 2),
                         store(dr, 2), store(S("pts") / n, 1), store(pace, 1), n, strongest, weakest,
                         tier, notes, 15, 15, source_hash, data_hash]  # HEAD: the class's 15, even when need < 15
        return out, fails
