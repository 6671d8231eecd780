"""PDC reference (spec section 4 and the arithmetic model of decisions.md), written from the spec."""
import bisect
import datetime as dt
from collections import defaultdict
from decimal import Decimal

import numpy as np

from common import as_int, day, rows, store
from parity_ref import h64, smallest_hash
from psza_ref import Games, between

KEY = "player_lookup"


def dec_mean(values):
    vals = [Decimal(v) for v in values if v not in ("", None)]
    return float(sum(vals)) / len(vals) if vals else None


class Pdc:
    def __init__(self, phase3, players, source_hashes):
        self.players, self.source = players, source_hashes
        self.context = defaultdict(list)
        for r in rows(phase3, "upcoming_player_game_context"):
            self.context[day(r["game_date"])].append(r)
        self.togs = defaultdict(list)
        self.togs_full = defaultdict(list)
        for r in rows(phase3, "team_offense_game_summary"):
            self.togs[r["team_abbr"]].append((day(r["game_date"]), r["pace"], r["offensive_rating"]))
            self.togs_full[r["team_abbr"]].append({"date": day(r["game_date"]), "season": int(r["season_year"]),
                                                   "pace": r["pace"], "off": r["offensive_rating"],
                                                   "win": r["win_flag"], "mov": r.get("margin_of_victory", "")})
        for v in self.togs.values():
            v.sort()
        for v in self.togs_full.values():
            v.sort(key=lambda t: t["date"])
        sched = defaultdict(set)
        main = set()
        for r in rows(phase3, "schedule"):
            d = day(r["game_date"])
            sched[r["home_team_tricode"]].add(d)
            sched[r["away_team_tricode"]].add(d)
            if r["game_id"][:3] in ("002", "004"):
                main.add(d)
        self.sched = {t: sorted(v) for t, v in sched.items()}
        self.main_dates = sorted(main)

    def compute(self, D, psza_rows):
        ctx = sorted(self.context[D], key=lambda r: r["player_lookup"])
        assert ctx, f"no context rows for {D}: the reference does not model the synthetic context"
        entities = {}
        for r in ctx:
            entities.setdefault(r["player_lookup"], {"upid": r["universal_player_id"], "team": r["team_abbr"], "ctx": r})
        teams = {r["team_abbr"] for r in ctx}
        for p, games in self.players.items():
            if p in entities:
                continue
            recent = [g for g in between(games, D - dt.timedelta(days=30), D) if g["team"] in teams]
            if recent:
                g = max(recent, key=lambda g: g["date"])
                entities[p] = {"upid": g["upid"], "team": g["team"], "ctx": None}
        last = [d for d in self.main_dates if D - dt.timedelta(days=30) <= d <= D - dt.timedelta(days=1)]
        b = max(0, (D - last[-1]).days - 1) if last else 0
        out, fails = {}, {}
        season = D.year if D.month >= 10 else D.year - 1
        for p in sorted(entities):
            e = entities[p]
            allg = self.players.get(p) or Games([])
            hist = [g for g in between(allg, dt.date.min, D) if g["season"] == season and g["active"] and g["dnp"] is not True
                    and ((g["min"] is not None and g["min"] > 0) or (g["pts"] is not None and g["pts"] > 0))]
            hist = sorted(hist, key=lambda g: g["date"], reverse=True)[:82]
            if len(hist) < 3:
                fails[p] = ("INSUFFICIENT_DATA", f"Only {len(hist)} games played, need 3 minimum")
                continue
            if (D - hist[0]["date"]).days > 30:
                fails[p] = ("STALE_DATA", f"No active game in {(D - hist[0]['date']).days} days (max: 30)")
                continue
            played = [g for g in hist if g["pts"] is not None and (g["pts"] > 0 or g["min"] is not None)]
            L5, L10 = played[:5], played[:10]
            mean = lambda gs: sum(g["pts"] for g in gs) / len(gs) if gs else None
            r = {"universal_player_id": e["upid"]}
            py = {}  # the Python values before storage rounding: what data_hash sees (columns-parity.md 4.2)

            def put(col, x, scale, digits=4, rows_present=False):
                # None for an empty window; NaN for a mean over all-NULL values of a non-empty one.
                py[col] = round(x, digits) if x is not None else (float("nan") if rows_present else None)
                r[col] = None if x is None else store(py[col], scale)

            put("points_avg_last_5", mean(L5), 1)
            put("points_avg_last_10", mean(L10), 1)
            put("points_avg_season", mean(played), 1)
            put("points_std_last_10", float(np.std(np.array([g["pts"] for g in L10], dtype=np.int64), ddof=1))
                if len(L10) > 1 else None, 2)
            put("minutes_avg_last_10", dec_mean(g["min_dec"] for g in L10), 1, rows_present=bool(L10))
            put("usage_rate_last_10", dec_mean(g["usage"] for g in L10), 2, rows_present=bool(L10))
            put("ts_pct_last_10", dec_mean(g["ts"] for g in L10), 3, rows_present=bool(L10))
            r["games_played_season"] = len(played)
            put("player_usage_rate_season", dec_mean(g["usage"] for g in played), 2, rows_present=bool(played))
            fgm = sum(g["fgm"] or 0 for g in L10)
            put("assisted_rate_last_10", sum(g["ast"] or 0 for g in L10) / fgm if L10 and fgm else None, 2, 9)
            team_games = [t for t in self.togs.get(e["team"], []) if t[0] < D][-10:]
            put("team_pace_last_10", dec_mean(t[1] for t in team_games), 1, rows_present=bool(team_games))
            put("team_off_rating_last_10", dec_mean(t[2] for t in team_games), 2, rows_present=bool(team_games))
            c = e["ctx"] or {}
            for col in ("games_in_last_7_days", "games_in_last_14_days", "minutes_in_last_7_days",
                        "minutes_in_last_14_days", "back_to_backs_last_14_days", "fourth_quarter_minutes_last_7",
                        "player_age"):
                r[col] = as_int(c.get(col, ""))
            avg7 = c.get("avg_minutes_per_game_last_7", "")
            put("avg_minutes_per_game_last_7", None if avg7 == "" else float(Decimal(avg7)), 1)
            z = psza_rows.get(p)
            r["primary_scoring_zone"] = z["primary_scoring_zone"] if z else ""
            r["paint_rate_last_10"] = z["paint_rate_last_10"] if z else None
            r["three_pt_rate_last_10"] = z["three_pt_rate_last_10"] if z else None
            r["shot_zone_data_available"] = z is not None
            r["early_season_flag"] = len(hist) < 10
            r["insufficient_data_reason"] = (f"Only {len(played)} games played, need 10 minimum"
                                             if len(hist) < 10 else "")
            # Completeness (spec 1.4): expected from the latest team's schedule, actual from PGS dates.
            before = between(allg, dt.date.min, D)
            team = before[-1]["team"] if before else None
            tdates = self.sched.get(team, [])
            pdates = allg.dates  # one row per player and date (import rejects duplicates)
            count = lambda ds, lo, hi: bisect.bisect_left(ds, hi) - bisect.bisect_left(ds, lo)
            team_before = count(tdates, dt.date.min, D)

            def window(expected, actual):
                pct = 100.0 if expected == 0 else round(actual / expected * 100, 1)
                return expected, actual, pct, pct >= 70

            wins = {
                "l5": window(min(5, team_before), count(pdates, D - dt.timedelta(days=30), D)),
                "l10": window(min(10, team_before), count(pdates, D - dt.timedelta(days=30), D)),
                "l7d": window(count(tdates, D - dt.timedelta(days=7 + b), D),
                              count(pdates, D - dt.timedelta(days=7 + b), D + dt.timedelta(days=1))),
                "l14d": window(count(tdates, D - dt.timedelta(days=14 + b), D),
                               count(pdates, D - dt.timedelta(days=14 + b), D + dt.timedelta(days=1))),
            }
            exp5, act5, pct5, _ = wins["l5"]
            r["cache_quality_score"] = pct5
            r["quality_tier"] = ("gold" if pct5 >= 95 else "silver" if pct5 >= 75 else "bronze" if pct5 >= 50
                                 else "poor" if pct5 >= 25 else "unusable")
            r["expected_games_count"], r["actual_games_count"] = exp5, act5
            r["completeness_percentage"], r["missing_games_count"] = pct5, max(0, exp5 - act5)
            for k, (_, _, pct, ok) in wins.items():
                r[f"{k}_completeness_pct"], r[f"{k}_is_complete"] = pct, ok
            r["all_windows_complete"] = r["is_production_ready"] = all(w[3] for w in wins.values())
            r["backfill_bootstrap_mode"] = True
            r["season_boundary_detected"] = D.month in (10, 11, 4)
            r["cache_version"] = "v1"
            r["source_player_game_hash"] = self.source.pgs.before(D)
            r["source_team_offense_hash"] = self.source.togs.before(D)
            r["source_upcoming_context_hash"] = self.source.upgc.on(D)
            r["source_shot_zone_hash"] = smallest_hash(psza_rows)
            hashed = {k: py[k] for k in py}
            hashed.update({k: r[k] for k in ("back_to_backs_last_14_days", "fourth_quarter_minutes_last_7",
                                             "games_in_last_14_days", "games_in_last_7_days", "games_played_season",
                                             "minutes_in_last_14_days", "minutes_in_last_7_days", "player_age",
                                             "paint_rate_last_10", "three_pt_rate_last_10")})
            hashed.update(cache_date=D.isoformat(), cache_quality_score=pct5, cache_version="v1", player_lookup=p,
                          primary_scoring_zone=r["primary_scoring_zone"] or None,
                          universal_player_id=r["universal_player_id"] or None)
            r["data_hash"] = h64(hashed)
            out[p] = r
        return out, fails
