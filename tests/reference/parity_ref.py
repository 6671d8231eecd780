"""The parity columns of columns-parity.md, written from the spec: HEAD's two
data_hash recipes (Python's own str/repr/json do the formatting here), PCF's
context JSON, and the source_<upstream>_hash picks from the Phase 3 exports'
data_hash and processed_at columns."""
import bisect
import datetime as dt
import hashlib
import json
from collections import defaultdict

from common import day, rows


def h16(fields):
    """fields: {name: python value}. HEAD's SmartIdempotency / hash_utils recipe."""
    def norm(v):
        if v is None:
            return "NULL"
        if isinstance(v, str):
            return v.strip()
        return str(v)
    text = "|".join(sorted(f"{k}:{norm(v)}" for k, v in fields.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def h64(fields):
    """PDC's recipe: json.dumps(sort_keys=True), all 64 hex."""
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()


def parse_ts(text):
    """BigQuery's CSV TIMESTAMP text ('2021-10-20 10:00:00 UTC') -> aware datetime; '' -> None."""
    if text == "":
        return None
    t = text.replace(" UTC", "+00:00").replace("Z", "+00:00")
    return dt.datetime.fromisoformat(t)


class Picks:
    """One Phase 3 table's rows as (game_date, processed_at, data_hash): the pick
    is the newest processed_at (NULL last), then the smallest hash. Kept per date
    (the best row of each date) with running bests, so a query costs a bisect."""

    def __init__(self, phase3, table):
        best = {}
        for r in rows(phase3, table):
            h = r.get("data_hash", "")
            if not h:
                continue
            d, key = day(r["game_date"]), self.key(parse_ts(r.get("processed_at", "")), h)
            if d not in best or key < best[d]:
                best[d] = key
        self.dates = sorted(best)
        self.best = [best[d] for d in self.dates]
        self.prefix = []
        for k in self.best:
            self.prefix.append(min(k, self.prefix[-1]) if self.prefix else k)

    @staticmethod
    def key(ts, h):
        # Smaller is better: a timestamp before none, newer before older, then the hash.
        epoch = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
        return (0, -((ts - epoch) // dt.timedelta(microseconds=1)), h) if ts is not None else (1, 0, h)

    def _pick(self, lo, hi):
        i, j = bisect.bisect_left(self.dates, lo), bisect.bisect_left(self.dates, hi)
        if i >= j:
            return ""
        return (self.prefix[j - 1] if i == 0 else min(self.best[i:j]))[2]

    def on(self, D):
        return self._pick(D, D + dt.timedelta(days=1))

    def before(self, D):
        return self._pick(dt.date.min, D)

    def between(self, lo, hi):
        return self._pick(lo, hi)


def smallest_hash(rows_by_key):
    hashes = [r["data_hash"] for r in rows_by_key.values() if r.get("data_hash")]
    return min(hashes) if hashes else ""


def pcf_contexts(c, z, t, fatigue, f2, f3, f4):
    """The four *_context_json texts (columns-parity.md 5.2). c: UPGC CSV row."""
    def i(col, default):
        return default if c[col] == "" else int(c[col])

    def f(col, default):
        return default if c[col] == "" else float(c[col])

    days_rest = i("days_rest", 0)
    b2b = c["back_to_back"] == "true"
    penalties = [p for cond, p in [(b2b, "back_to_back: -15"), (i("games_in_last_7_days", 0) >= 4, "frequent_games: -10"),
                                   (f("minutes_in_last_7_days", 0.0) > 240, "heavy_minutes: -10"),
                                   (i("player_age", 0) >= 35, "veteran_age: -10")] if cond]
    fatigue_ctx = {"days_rest": days_rest, "back_to_back": b2b, "games_last_7": i("games_in_last_7_days", 0),
                   "minutes_last_7": f("minutes_in_last_7_days", 0.0),
                   "avg_minutes_pg_last_7": f("avg_minutes_per_game_last_7", 0.0),
                   "back_to_backs_last_14": i("back_to_backs_last_14_days", 0), "player_age": i("player_age", 25),
                   "penalties_applied": penalties, "bonuses_applied": ["extra_rest: +5"] if days_rest >= 3 else [],
                   "final_score": fatigue}
    if z is None or t is None:
        zone_ctx = {"missing_data": True}
    else:
        zone = z["primary_scoring_zone"] or "unknown"
        rate_col = {"paint": "paint_rate_last_10", "mid_range": "mid_range_rate_last_10",
                    "perimeter": "three_pt_rate_last_10"}.get(zone, "paint_rate_last_10")
        def_col = {"paint": "paint_defense_vs_league_avg", "mid_range": "mid_range_defense_vs_league_avg",
                   "perimeter": "three_pt_defense_vs_league_avg"}.get(zone, "paint_defense_vs_league_avg")
        zone_ctx = {"player_primary_zone": zone,
                    "primary_zone_frequency": float(z[rate_col]) if z[rate_col] is not None else 0.0,
                    "opponent_weak_zone": t["weakest_zone"] or "unknown",
                    "opponent_defense_vs_league": float(t[def_col]) if t[def_col] is not None else 0.0,
                    "mismatch_type": "favorable" if f2 > 2.0 else "unfavorable" if f2 < -2.0 else "neutral",
                    "final_score": float(f2)}
    diff = f("pace_differential", 0.0)
    pace_ctx = {"pace_differential": diff, "opponent_pace_last_10": f("opponent_pace_last_10", 100.0),
                "league_avg_pace": 100.0,
                "pace_environment": "fast" if diff > 2.0 else "slow" if diff < -2.0 else "normal",
                "final_score": float(f3)}
    proj, base = f("projected_usage_rate", 0.0), f("avg_usage_rate_last_7_games", 0.0)
    udiff = proj - base
    usage_ctx = {"projected_usage_rate": proj, "avg_usage_last_7": base, "usage_differential": udiff,
                 "star_teammates_out": i("star_teammates_out", 0),
                 "usage_trend": "spike" if udiff > 2.0 else "drop" if udiff < -2.0 else "stable",
                 "final_score": float(f4)}
    texts = {"fatigue_context_json": json.dumps(fatigue_ctx), "shot_zone_context_json": json.dumps(zone_ctx),
             "pace_context_json": json.dumps(pace_ctx), "usage_context_json": json.dumps(usage_ctx)}
    # The values the port stores for the export to render the texts from (context_* columns).
    missing = "missing_data" in zone_ctx
    stored = {"context_days_rest": days_rest, "context_back_to_back": b2b,
              "context_games_last_7": fatigue_ctx["games_last_7"], "context_minutes_last_7": fatigue_ctx["minutes_last_7"],
              "context_avg_minutes_pg_last_7": fatigue_ctx["avg_minutes_pg_last_7"],
              "context_back_to_backs_last_14": fatigue_ctx["back_to_backs_last_14"],
              "context_player_age": fatigue_ctx["player_age"], "context_zone_missing": missing,
              "context_primary_zone": "" if missing else zone_ctx["player_primary_zone"],
              "context_zone_frequency": 0.0 if missing else zone_ctx["primary_zone_frequency"],
              "context_opponent_weak_zone": "" if missing else zone_ctx["opponent_weak_zone"],
              "context_opponent_defense_vs_league": 0.0 if missing else zone_ctx["opponent_defense_vs_league"],
              "context_zone_score": float(f2), "context_pace_differential": diff,
              "context_opponent_pace_last_10": pace_ctx["opponent_pace_last_10"], "context_pace_score": float(f3),
              "context_projected_usage_rate": proj, "context_avg_usage_last_7": base,
              "context_star_teammates_out": usage_ctx["star_teammates_out"], "context_usage_score": float(f4)}
    return texts, stored


class SourceHashes:
    def __init__(self, phase3):
        self.pgs = Picks(phase3, "player_game_summary")
        self.tdgs = Picks(phase3, "team_defense_game_summary")
        self.togs = Picks(phase3, "team_offense_game_summary")
        self.upgc = Picks(phase3, "upcoming_player_game_context")
        self.utgc = Picks(phase3, "upcoming_team_game_context")
