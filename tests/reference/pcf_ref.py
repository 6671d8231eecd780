"""PCF reference (spec processors-pcf-mlfs.md section 3), written from the spec."""
from common import store
from parity_ref import h16, pcf_contexts, smallest_hash

KEY = "player_lookup"


def num(v, cast=float):
    return None if v in ("", None) else cast(v)


class Pcf:
    def __init__(self, pdc_ref, source_hashes):
        self.context = pdc_ref.context  # upcoming_player_game_context rows by date
        self.source = source_hashes

    @staticmethod
    def fatigue(c):
        days_rest = int(num(c["days_rest"]) if c["days_rest"] != "" else 1)
        b2b = c["back_to_back"] == "true"
        g7 = int(num(c["games_in_last_7_days"]) if c["games_in_last_7_days"] != "" else 3)
        m7 = num(c["minutes_in_last_7_days"]) if c["minutes_in_last_7_days"] != "" else 200.0
        mpg = num(c["avg_minutes_per_game_last_7"]) if c["avg_minutes_per_game_last_7"] != "" else 30.0
        b2b14 = int(num(c["back_to_backs_last_14_days"]) if c["back_to_backs_last_14_days"] != "" else 0)
        age = int(num(c["player_age"]) if c["player_age"] != "" else 25)
        s = 100
        s += -15 if b2b else (5 if days_rest >= 3 else 0)
        s -= 10 if g7 >= 4 else 0
        s -= 10 if m7 > 240 else 0
        s -= 8 if mpg > 35 else 0
        s -= 12 if b2b14 >= 2 else (5 if b2b14 == 1 else 0)
        s -= 10 if age >= 35 else (5 if age >= 30 else 0)
        return max(0, min(100, s))

    @staticmethod
    def zone_factor(z, t):
        if z is None or t is None:
            return 0.0
        col = {"paint": ("paint_rate_last_10", "paint_defense_vs_league_avg"),
               "mid_range": ("mid_range_rate_last_10", "mid_range_defense_vs_league_avg"),
               "perimeter": ("three_pt_rate_last_10", "three_pt_defense_vs_league_avg")}
        uc, dc = col.get(z["primary_scoring_zone"], col["paint"])
        u = z[uc] if z[uc] is not None else 50.0
        d = t[dc] if t[dc] is not None else 0.0
        w = d * min(u / 50, 1)
        if abs(w) > 5.0:
            w = 1.2 * w
        return max(-10.0, min(10.0, w))

    def compute(self, D, psza_rows, tdza_rows):
        out, self.texts = {}, {}
        sources = {"source_player_context_hash": self.source.upgc.on(D),
                   "source_team_context_hash": self.source.utgc.on(D),
                   "source_player_shot_hash": smallest_hash(psza_rows),
                   "source_team_defense_hash": smallest_hash(tdza_rows)}
        rows = sorted(self.context[D], key=lambda r: r["player_lookup"])
        for c in rows:
            p = c["player_lookup"]
            if p in out:
                continue
            z, t = psza_rows.get(p), tdza_rows.get(c["opponent_team_abbr"])
            fat = self.fatigue(c)
            f2 = self.zone_factor(z, t)
            pd = num(c["pace_differential"])
            f3 = max(-3.0, min(3.0, (pd if pd is not None else 0.0) / 2))
            proj = num(c["projected_usage_rate"])
            base = num(c["avg_usage_rate_last_7_games"])
            k = num(c["star_teammates_out"], int)
            pu, bu, kk = (proj if proj is not None else 25.0), (base if base is not None else 25.0), (k or 0)
            if bu == 0:
                f4 = 0.0
            else:
                x = 0.3 * (pu - bu)
                if kk > 0 and x > 0:
                    x *= 1.30 if kk >= 2 else 1.15
                f4 = max(-3.0, min(3.0, x))
            total = (fat - 100) / 20 + f2 + f3 + f4
            present = [("days_rest", c["days_rest"] != ""), ("projected_usage_rate", proj is not None),
                       ("pace_differential", pd is not None), ("player_shot_zone", z is not None),
                       ("team_defense_zone", t is not None)]
            warnings = [w for cond, w in [(fat < 50, "EXTREME_FATIGUE: Player showing severe fatigue"),
                                          (abs(f2) > 8.0, "EXTREME_MATCHUP: Unusual zone mismatch"),
                                          (abs(total) > 12.0, "EXTREME_ADJUSTMENT: Very large composite adjustment")]
                        if cond]
            k_present = sum(ok for _, ok in present)
            texts, context_values = pcf_contexts(c, z, t, fat, f2, f3, f4)
            self.texts[p] = texts  # the export's *_context_json, checked against an NDJSON export
            missing = ", ".join(n for n, ok in present if not ok)
            out[p] = {
                "universal_player_id": c["universal_player_id"], "game_id": c["game_id"], "analysis_date": D.isoformat(),
                "fatigue_score": fat, "shot_zone_mismatch_score": store(round(f2, 1), 1),
                "pace_score": store(round(f3, 1), 1), "usage_spike_score": store(round(f4, 1), 1),
                "referee_favorability_score": 0.0, "look_ahead_pressure_score": 0.0, "travel_impact_score": 0.0,
                "opponent_strength_score": 0.0, "total_composite_adjustment": store(round(total, 2), 2),
                "calculation_version": "v1_4factors",
                "data_completeness_pct": store(20.0 * k_present, 2),
                "missing_data_fields": missing,
                "has_warnings": bool(warnings), "warning_details": "; ".join(warnings),
                "early_season_flag": False,
                "expected_games_count": 1, "actual_games_count": 1,  # HEAD: PSZA rows, default 1
                "completeness_percentage": 100.0, "missing_games_count": 0, "is_production_ready": True,
                "upstream_player_shot_ready": True, "upstream_team_defense_ready": True,
                "upstream_player_context_ready": True, "upstream_team_context_ready": True,
                "all_upstreams_ready": True, "season_boundary_detected": False, "backfill_bootstrap_mode": False,
                **context_values, **sources,
                "data_hash": h16({
                    "analysis_date": D, "calculation_version": "v1_4factors",
                    "data_completeness_pct": (k_present / 5) * 100, "early_season_flag": False,
                    "fatigue_score": fat, "game_date": D, "game_id": c["game_id"], "has_warnings": bool(warnings),
                    "insufficient_data_reason": None, "look_ahead_pressure_score": 0.0,
                    "missing_data_fields": missing or None, "opponent_strength_score": 0.0,
                    "pace_score": round(f3, 1), "player_lookup": p, "referee_favorability_score": 0.0,
                    "shot_zone_mismatch_score": round(f2, 1), "total_composite_adjustment": round(total, 2),
                    "travel_impact_score": 0.0, "universal_player_id": c["universal_player_id"] or None,
                    "usage_spike_score": round(f4, 1), "warning_details": "; ".join(warnings) or None}),
            }
        return out, {}
