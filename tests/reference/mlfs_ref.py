"""MLFS reference (spec processors-pcf-mlfs.md section 4 for the core 0-24,
processors-mlfs-v2.md for 25-63 and the record; decisions 7 and 7b), written
from the spec."""
import datetime as dt
import statistics
from decimal import Decimal, ROUND_HALF_UP

import numpy as np

from mlfs_v2_ref import NONE_WHEN_MISSING, data_hash, extend, load_market, market, prop_history, quality, teammate_usage
from psza_ref import Games, between

KEY = "player_lookup"
CODES = {"missing": 0, "default": 1, "phase3": 2, "phase4": 3, "calculated": 4, "vegas": 5, "bettingpros": 6,
         "opponent_history": 7, "minutes_ppm": 8}


def isnum(v):
    return v is not None and not (isinstance(v, float) and np.isnan(v))


class Mlfs:
    def __init__(self, pdc_ref, phase3):
        self.players, self.context, self.togs = pdc_ref.players, pdc_ref.context, pdc_ref.togs_full
        self.odds, self.bp, self.injured, self.graded = load_market(phase3)

    def compute(self, D, tdza, psza, pdc, pcf, hashes):
        out, fails = {}, {}
        SY = D.year if D.month >= 10 else D.year - 1
        oct1 = dt.date(SY, 10, 1)
        mk_of, line_source = market(self.odds, self.bp, D)
        for p, usage in teammate_usage(D, self.injured, self.players, self.context[D]).items():
            mk_of.setdefault(p, {})[47] = usage
        ctx_of = {}
        for c in sorted(self.context[D], key=lambda r: r["player_lookup"]):
            ctx_of.setdefault(c["player_lookup"], c)
        for p in sorted(self.players):
            games = self.players[p]
            today = between(games, D, D + dt.timedelta(days=1))
            if not today:
                continue
            today = today[0]
            G = list(reversed(between(games, D - dt.timedelta(days=60), D)))[:10]
            if not G:
                fails[p] = ("FILTERED_NO_RECENT_GAMES", "No player_game_summary row in the 60 days before the game")
                continue
            season = [g for g in between(games, oct1, D) if g["season"] == SY]
            season_rows = len(season)
            pts = [g["pts"] for g in season if g["pts"] is not None]
            season_pts = sum(pts) / len(pts) if pts else None
            mins = [Decimal(g["min_dec"]) for g in season if g["min_dec"] != ""]
            season_min = (float((sum(mins) / len(mins)).quantize(Decimal("1e-9"), rounding=ROUND_HALF_UP))
                          if mins else None)
            c = ctx_of.get(p)
            p4 = {}
            cache = pdc.get(p)
            if cache:
                for k in ("points_avg_last_5", "points_avg_last_10", "points_avg_season", "points_std_last_10",
                          "games_in_last_7_days", "paint_rate_last_10", "three_pt_rate_last_10",
                          "team_pace_last_10", "team_off_rating_last_10", "minutes_avg_last_10"):
                    p4[k] = cache[k]
            else:
                played = [g for g in G if g["dnp"] is not True and g["min"] is not None and g["min"] > 0]
            if not cache and played:  # HEAD: no played last-10 row, no fallback field at all
                l5 = [g["pts"] for g in played[:5] if g["pts"] is not None]
                l10 = [g["pts"] for g in played[:10] if g["pts"] is not None]
                p4["points_avg_last_5"] = sum(l5) / len(l5) if l5 else None
                p4["points_avg_last_10"] = sum(l10) / len(l10) if l10 else None
                # HEAD's fallback calls statistics.stdev (exact variance, correctly rounded root), not numpy
                p4["points_std_last_10"] = (statistics.stdev(l10) if len(l10) > 1
                                            else 0.0 if len(l10) == 1 else None)
                m10 = [Decimal(g["min_dec"]) for g in played[:10]]
                p4["minutes_avg_last_10"] = float(sum(m10) / len(m10)) if m10 else None  # Decimal quotient
                total_min = sum(m10)
                if total_min > 0:
                    p4["ppm_avg_last_10"] = float(sum(g["pts"] or 0 for g in played[:10]) / total_min)
                p4["games_in_last_7_days"] = float(sum(1 for g in played if g["date"] >= D - dt.timedelta(days=7)))
                p4["points_avg_season"] = season_pts
                fga = sum(g["fga"] or 0 for g in played[:10])
                for k, z in (("paint_rate_last_10", "pa"), ("mid_range_rate_last_10", "ma"), ("three_pt_rate_last_10", "ta")):
                    p4[k] = sum(g[z] or 0 for g in played[:10]) / fga * 100 if fga else None  # HEAD: NULL counts 0
                team = c["team_abbr"] if c else next((g["team"] for g in played), None)
                tg = [t for t in self.togs.get(team, []) if t["season"] == SY and oct1 <= t["date"] < D][-10:]
                pace = [Decimal(t["pace"]) for t in tg if t["pace"] != ""]
                off = [Decimal(t["off"]) for t in tg if t["off"] != ""]
                p4["team_pace_last_10"] = float(sum(pace) / len(pace)) if pace else None  # Decimal quotient
                p4["team_off_rating_last_10"] = float(sum(off) / len(off)) if off else None
            f = pcf.get(p)
            if f:
                for k in ("fatigue_score", "shot_zone_mismatch_score", "pace_score", "usage_spike_score"):
                    p4[k] = f[k]
            z = psza.get(p)
            if z:
                for k in ("paint_rate_last_10", "mid_range_rate_last_10", "three_pt_rate_last_10"):
                    p4[k] = z[k]
            t = tdza.get(today["opp"])
            if t:
                p4["opp_def"], p4["opp_pace"] = t["defensive_rating_last_15"], t["opponent_pace"]

            played3 = [g["pts"] for g in G if g["pts"] is not None and (g["min"] is not None or g["pts"] > 0)]
            p3 = {"points_avg_last_5": sum(played3[:5]) / 5 if len(played3) >= 5 else None,
                  "points_avg_last_10": sum(played3[:10]) / len(played3[:10]) if played3 else None,
                  "points_avg_season": season_pts,
                  "games_in_last_7_days": float(c["games_in_last_7_days"]) if c and c["games_in_last_7_days"] != "" else None}

            feats, srcs = [], []

            def put(v, s):
                feats.append(v)
                srcs.append(s)

            def fb(k, default, p3key=None):
                if isnum(p4.get(k)):
                    return put(float(p4[k]), "phase4")
                if p3key and isnum(p3.get(p3key)):
                    return put(float(p3[p3key]), "phase3")
                put(default, "default")

            fb("points_avg_last_5", 10.0, "points_avg_last_5")
            fb("points_avg_last_10", 10.0, "points_avg_last_10")
            fb("points_avg_season", 10.0, "points_avg_season")
            fb("points_std_last_10", 5.0)
            fb("games_in_last_7_days", 3.0, "games_in_last_7_days")
            for k, d in (("fatigue_score", 50.0), ("shot_zone_mismatch_score", 0.0), ("pace_score", 0.0),
                         ("usage_spike_score", 0.0)):
                fb(k, d)
            dr = c["days_rest"] if c else ""
            odr = c["opponent_days_rest"] if c else ""
            put(0.0 if dr == "" or odr == "" else float(max(-2, min(2, int(dr) - int(odr)))), "calculated")
            status = (c.get("player_status", "") if c else "").lower()
            put({"probable": 1.0, "questionable": 2.0, "doubtful": 3.0, "out": 3.0}.get(status, 0.0), "calculated")
            gp = [g["pts"] or 0 for g in G]
            if len(gp) < 5:
                trend = 0.0
            else:
                diff = (gp[0] + gp[1]) / 2 - (gp[2] + gp[3] + gp[4]) / 3
                trend = 2.0 if diff >= 5 else 1.0 if diff >= 2 else -2.0 if diff <= -5 else -1.0 if diff <= -2 else 0.0
            put(trend, "calculated")
            recent = p4.get("minutes_avg_last_10")
            if not isnum(recent):
                recent = float(sum(Decimal(g["min_dec"]) if g["min_dec"] != "" else 0 for g in G) / len(G))
            seas = season_min or 0
            if seas == 0 or recent == 0:
                mc = 0.0
            else:
                pct = (recent - seas) / seas
                mc = 2.0 if pct >= 0.2 else 1.0 if pct >= 0.1 else -2.0 if pct <= -0.2 else -1.0 if pct <= -0.1 else 0.0
            put(mc, "calculated")
            fb("opp_def", 112.0)
            fb("opp_pace", 100.0)
            put(1.0 if c and c["home_game"] == "true" else 0.0, "phase3")
            put(1.0 if c and c["back_to_back"] == "true" else 0.0, "phase3")
            put(1.0 if c and c["season_phase"].lower() == "playoffs" else 0.0, "phase3")
            for k in ("paint_rate_last_10", "mid_range_rate_last_10", "three_pt_rate_last_10"):
                v = p4.get(k)
                put(v / 100 if isnum(v) else float("nan"), "phase4" if isnum(v) else "missing")
            if len(G) < 5:
                ftp = 0.15
            else:
                F, P = sum(g["ftm"] or 0 for g in G), sum(g["pts"] or 0 for g in G)
                ftp = 0.15 if P == 0 else round(max(0.0, min(0.5, F / P)), 9)
            put(ftp, "calculated")
            fb("team_pace_last_10", 100.0)
            fb("team_off_rating_last_10", 112.0)
            if not c:
                wp = 0.5
            else:
                T = [x for x in self.togs.get(c["team_abbr"], []) if x["season"] == SY and oct1 <= x["date"] < D]
                wp = 0.5 if len(T) < 5 else round(sum(1 for x in T if x["win"] == "true") / len(T), 9)
            put(wp, "calculated")

            mk = dict(mk_of.get(p, {}))
            mk[55], mk[56] = prop_history(D, games, self.graded.get(p, {}))
            extend(D, games, today, G, c, p4, p3, season_rows, self.togs, mk, feats, srcs)
            q = quality(srcs)
            bits = ((0 if cache is not None and all(cache[f"{k}_is_complete"] for k in ("l5", "l10", "l7d", "l14d"))
                     else 1) | (0 if f is not None else 2) | (0 if z is not None else 4) | (0 if t is not None else 8))
            row = {
                "universal_player_id": today["upid"], "game_id": today["game_id"], "team_abbr": today["team"],
                "opponent_team_abbr": today["opp"], "is_home": today["game_id"].split("_")[-1] == today["team"],
                "days_rest": float(dr) if dr != "" else None,
                "features": np.array([np.nan if v is None else v for v in feats], dtype=np.float64),
                "feature_sources": np.array([CODES[s] for s in srcs], dtype=np.int8),
                **q,
                "is_production_ready": bits == 0, "upstream_incomplete": bits,
                "cache_miss_fallback_used": not cache and bool(played),
                "vegas_line_source": line_source.get(p, "none"),
                "actual_games_count": len(G),
                "games_expected": min(len(between(games, D - dt.timedelta(days=365), D)), 10),
                "last_10_days_before": np.array([(D - g["date"]).days for g in G] + [0] * (10 - len(G)), dtype=np.int8),
                "source_daily_cache_hash": hashes["pdc"], "source_composite_hash": hashes["pcf"],
                "source_shot_zones_hash": hashes["psza"], "source_team_defense_hash": hashes["tdza"],
            }
            hash_feats = [None if (v is None or v != v) and i in NONE_WHEN_MISSING else v for i, v in enumerate(feats)]
            row["data_hash"] = data_hash({**row, "player_lookup": p, "game_date": D.isoformat(),
                                          "days_rest_int": int(dr) if dr != "" else None}, hash_feats)
            out[p] = row
        return out, fails
