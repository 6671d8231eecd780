"""MLFS v2 reference: indices 25-63 and the quality record over 60 indices
(spec processors-mlfs-v2.md sections 3-4), written from the spec with Python's
own arithmetic (Decimal for BigQuery NUMERIC, statistics.stdev for f58's
STDDEV_SAMP, a two-pass model for f50's)."""
import datetime as dt
import math
import os
import statistics
from collections import defaultdict
from decimal import Decimal, ROUND_HALF_UP

from common import day, rows
from parity_ref import h16
from psza_ref import between

N9 = Decimal("1e-9")
NAMES = [
    "points_avg_last_5", "points_avg_last_10", "points_avg_season", "points_std_last_10", "games_in_last_7_days",
    "fatigue_score", "shot_zone_mismatch_score", "pace_score", "usage_spike_score", "rest_advantage", "injury_risk",
    "recent_trend", "minutes_change", "opponent_def_rating", "opponent_pace", "home_away", "back_to_back",
    "playoff_game", "pct_paint", "pct_mid_range", "pct_three", "pct_free_throw", "team_pace", "team_off_rating",
    "team_win_pct", "vegas_points_line", "vegas_opening_line", "vegas_line_move", "has_vegas_line",
    "avg_points_vs_opponent", "games_vs_opponent", "minutes_avg_last_10", "ppm_avg_last_10", "dnp_rate",
    "pts_slope_10g", "pts_vs_season_zscore", "breakout_flag", "star_teammates_out", "game_total_line", "days_rest",
    "minutes_load_last_7d", "spread_magnitude", "implied_team_total", "points_avg_last_3", "scoring_trend_slope",
    "deviation_from_avg_last3", "consecutive_games_below_avg", "teammate_usage_available", "usage_rate_last_5",
    "games_since_structural_change", "multi_book_line_std", "prop_over_streak", "prop_under_streak",
    "line_vs_season_avg", "prop_line_delta", "over_rate_last_10", "margin_vs_line_avg_last_5",
    "blowout_minutes_risk", "minutes_volatility_last_10", "opponent_pace_mismatch"]
WEIGHTS = {"phase4": 100, "phase3": 87, "calculated": 100, "default": 40, "vegas": 100, "bettingpros": 100,
           "opponent_history": 90, "minutes_ppm": 95, "fallback": 40, "missing": 0}
CANONICAL = {"phase4": "phase4", "phase3": "phase3", "calculated": "calculated", "default": "default",
             "vegas": "phase4", "bettingpros": "bettingpros", "opponent_history": "phase4",
             "minutes_ppm": "phase4", "fallback": "default", "missing": "default"}
OPTIONAL = {25, 26, 27, 37, 38} | set(range(39, 60))
CATEGORIES = {
    "matchup": [5, 6, 7, 8, 13, 14],
    "player_history": [0, 1, 2, 3, 4, 29, 30, 31, 32, 33, 34, 35, 36, 37, 43, 44, 45, 46, 48, 49, 54, 55, 56, 58],
    "team_context": [22, 23, 24, 57],
    "vegas": [25, 26, 27, 28],
    "game_context": [9, 10, 11, 12, 15, 16, 17, 18, 19, 20, 21, 38, 39, 40, 41, 42, 47, 50, 51, 52, 53, 59],
}
NONE_WHEN_MISSING = {18, 19, 20, 25, 26, 27, 38}


def num9(x):
    return float(x.quantize(N9, rounding=ROUND_HALF_UP))


def is_num(v):
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def extend(D, games, today, G, c, p4, p3, season_rows, togs, mk, feats, srcs):
    """Appends 25..63 to feats/srcs (a missing value is None or NaN as HEAD holds it).
    mk: the player's market values {index: value} (market())."""
    nan = float("nan")

    def put(v, s):
        feats.append(v)
        srcs.append(s)

    # 25-28: the vegas block.
    for i in (25, 26, 27):
        put(mk[i], "vegas") if i in mk else put(None, "missing")
    put(1.0 if 25 in mk else 0.0, "calculated")
    # 29-30 opponent history over [D - 1 year, D).
    try:
        year_ago = D.replace(year=D.year - 1)
    except ValueError:
        year_ago = D.replace(year=D.year - 1, day=28)
    vs = [g for g in between(games, year_ago, D) if g["opp"] == today["opp"]]
    pts = [g["pts"] for g in vs if g["pts"] is not None]
    if pts:
        put(float(sum(pts) / len(pts)), "opponent_history")
    else:
        chain = [x for x in (p4.get("points_avg_season"), p3.get("points_avg_season")) if is_num(x) and x]
        put(float(chain[0]) if chain else 10.0, "calculated")
    put(float(len(vs)), "opponent_history")
    # 31-32 over [D-30, D), minutes > 0, BigQuery NUMERIC averages.
    m30 = [g for g in between(games, D - dt.timedelta(days=30), D) if g["min"] is not None and g["min"] > 0]
    m = num9(sum(Decimal(g["min_dec"]) for g in m30) / len(m30)) if m30 else None
    q = [(Decimal(g["pts"]) / Decimal(g["min_dec"])).quantize(N9, rounding=ROUND_HALF_UP) for g in m30
         if g["pts"] is not None]
    r = num9(sum(q) / len(q)) if q else None
    for own, fallback, default in ((m, p4.get("minutes_avg_last_10"), 28.0), (r, p4.get("ppm_avg_last_10"), 0.4)):
        if is_num(own):
            put(own, "minutes_ppm")
        elif is_num(fallback):
            put(float(fallback), "phase4")
        else:
            put(default, "default")
    # 33-36 over the last-10 rows G (newest first, DNP rows included).
    put(0.0 if len(G) < 3 else round(sum(1 for g in G if g["dnp"] is True) / len(G), 9), "calculated")
    if len(G) < 5:
        put(0.0, "calculated")
    else:
        y = [float(g["pts"] or 0) for g in reversed(G)]
        n = len(y)
        xm, ym = (n - 1) / 2, sum(y) / n
        put(round(sum((i - xm) * (y[i] - ym) for i in range(n)) / sum((i - xm) ** 2 for i in range(n)), 9),
            "calculated")

    def first(a, b):
        return a if is_num(a) else (b if is_num(b) else None)
    l5 = first(p4.get("points_avg_last_5"), p3.get("points_avg_last_5"))
    s = p4["points_avg_season"] if is_num(p4.get("points_avg_season")) else (
        p3["points_avg_season"] if season_rows else None)
    sd = p4.get("points_std_last_10") if is_num(p4.get("points_std_last_10")) else None
    if l5 is None or s is None or sd is None or sd == 0:
        put(0.0, "calculated")
    else:
        put(round(max(-3.0, min(3.0, (l5 - s) / sd)), 9), "calculated")
    put(1.0 if l5 is not None and s is not None and sd is not None and l5 > s + 1.5 * sd else 0.0, "calculated")
    # 37-42 from the context row.
    val = (lambda k: c[k] if c and c.get(k, "") != "" else None)
    stars = val("star_teammates_out")
    put(float(stars) if stars is not None else 0.0, "phase3" if stars is not None else "default")
    total, spread = val("game_total"), val("game_spread")
    put(float(Decimal(total)) if total is not None else None, "phase3" if total is not None else "missing")
    for k in ("days_rest", "minutes_in_last_7_days"):
        v = val(k)
        put(float(v) if v is not None else nan, "phase3" if v is not None else "missing")
    put(abs(float(Decimal(spread))) if spread is not None else nan, "phase3" if spread is not None else "missing")
    if total is not None and spread is not None:
        T, S = float(Decimal(total)), float(Decimal(spread))
        put((T - S) / 2.0 if c["home_game"] == "true" else (T + S) / 2.0, "phase3")
    else:
        put(nan, "missing")
    # 43-49: rolling stats over [D-60, D) with points and minutes > 0, oldest first.
    R = [g for g in between(games, D - dt.timedelta(days=60), D)
         if g["pts"] is not None and g["min"] is not None and g["min"] > 0]
    rolling = {}
    if R:
        p = [float(g["pts"]) for g in R]
        n = len(p)
        last3 = p[-3:]
        rolling[43] = sum(last3) / len(last3)
        if n < 4:
            rolling[44] = 0.0
        else:
            ys = p[-7:]
            mm = len(ys)
            xs = list(range(1, mm + 1))
            den = mm * sum(x * x for x in xs) - sum(xs) ** 2
            rolling[44] = (mm * sum(x * y for x, y in zip(xs, ys)) - sum(xs) * sum(ys)) / den if den else 0.0
        A = sum(p) / n
        sdv = (sum((v - A) ** 2 for v in p) / (n - 1)) ** 0.5 if n >= 2 else 5.0
        rolling[45] = (rolling[43] - A) / sdv if sdv > 0 else 0.0
        k = 0
        for v in reversed(p):
            if v < A:
                k += 1
            else:
                break
        rolling[46] = float(k)
        u = [float(Decimal(g["usage"])) for g in R if g["usage"] != ""]
        rolling[48] = sum(u[-5:]) / len(u[-5:]) if len(u) >= 3 else 20.0
        since = float(min(n, 30))
        for i in range(n - 1, 0, -1):
            if R[i]["team"] != R[i - 1]["team"] or (R[i]["date"] - R[i - 1]["date"]).days > 14:
                since = float(n - 1 - i)
                break
        rolling[49] = since
    for i in (43, 44, 45, 46):
        put(rolling[i], "calculated") if R else put(nan, "missing")
    put(mk[47], "calculated") if 47 in mk else put(nan, "missing")
    for i in (48, 49):
        put(rolling[i], "calculated") if R else put(nan, "missing")
    if 50 in mk:
        put(mk[50][0], mk[50][1])
    else:
        put(nan, "missing")
    for k in ("prop_over_streak", "prop_under_streak"):
        v = val(k)
        put(float(v) if v is not None else nan, "phase3" if v is not None else "missing")
    put(mk[25] - feats[2], "calculated") if 25 in mk else put(nan, "missing")
    put(mk[54], "vegas") if 54 in mk else put(nan, "missing")
    for i in (55, 56):
        put(mk[i], "calculated") if mk.get(i) is not None else put(nan, "missing")
    # 57-58: the newest 10 played games grouped by team (the newest game's team first).
    w60 = between(games, D - dt.timedelta(days=60), D)
    played = [g for g in reversed(w60) if g["min"] is not None and g["min"] > 0][:10]
    group = None
    for g in played:
        rows_t = [x for x in played if x["team"] == g["team"]]
        if len(rows_t) >= 3:
            group = (g["team"], rows_t)
            break
    if group:
        tg = [t for t in togs.get(group[0], []) if D - dt.timedelta(days=60) <= t["date"] < D][-10:]
        blow = (sum(1 for t in tg if t["mov"] != "" and abs(int(t["mov"])) >= 15) / len(tg)) if tg else 0.2
        put(round(blow, 4), "calculated")
        put(round(statistics.stdev([float(Decimal(x["min_dec"])) for x in group[1]]), 2), "calculated")
    else:
        put(nan, "missing")
        put(nan, "missing")
    put(feats[22] - feats[14], "calculated")
    for i in (60, 61):
        put(mk[i], "vegas") if i in mk else put(nan, "missing")
    sc = [g for g in reversed(w60) if g["fgm"] is not None and g["fgm"] > 0 and g["unast"] is not None][:10]
    put(round(sum(g["unast"] / g["fgm"] for g in sc) / len(sc), 6) if len(sc) >= 5 else nan,
        "calculated" if len(sc) >= 5 else "missing")
    put(mk[63], "vegas") if 63 in mk else put(nan, "missing")


def tier(x):
    return "gold" if x >= 95 else "silver" if x >= 85 else "bronze" if x >= 70 else "poor" if x >= 50 else "critical"


def quality(srcs):
    """The record fields of spec 4.1-4.3 over the 60 scored tags."""
    T = srcs[:60]
    w = [WEIGHTS[t] for t in T]
    deflike = [t in ("default", "missing", "fallback") for t in T]
    counted = [w[i] for i in range(60) if not (i in OPTIONAL and deflike[i])]
    q = sum(counted) / len(counted) if counted else 0.0
    R = sum(1 for i in range(60) if deflike[i] and i not in OPTIONAL)
    q = min(q, 49.0) if R >= 5 else min(q, 69.0) if R >= 1 else q
    q = round(q, 2)
    pct = {k: round(sum(w[i] for i in idx) / len(idx), 1) for k, idx in CATEGORIES.items()}
    share4, share3 = T.count("phase4") / 60, T.count("phase3") / 60
    return {
        "feature_quality_score": q, "quality_tier": tier(q),
        "data_source": "phase4" if share4 >= 0.9 else "phase4_partial" if share4 >= 0.5 else
        "phase3" if share3 >= 0.5 else "mixed",
        "default_feature_count": sum(deflike), "required_default_count": R,
        **{f"{k}_quality_pct": v for k, v in pct.items()},
        "is_training_ready": q >= 85 and pct["matchup"] >= 70 and pct["player_history"] >= 80,
        "is_quality_ready": q >= 70 and pct["matchup"] >= 50 and R == 0,
    }


def data_hash(record, feats):
    """Spec 4.8: str() of the unsanitized 64 values (None / nan) and of the 60 names."""
    fields = {k: record[k] or None for k in ("player_lookup", "universal_player_id", "game_id", "opponent_team_abbr",
                                              "data_source")}  # an empty string is NULL
    fields.update(feature_quality_score=record["feature_quality_score"], is_home=record["is_home"],
                  game_date=record["game_date"], features=str(feats), feature_names=str(NAMES), feature_count=60,
                  feature_version="v2_54features", days_rest=record["days_rest_int"], early_season_flag=False,
                  insufficient_data_reason=None)
    return h16(fields)


def stddev_samp(xs):
    """BigQuery's STDDEV_SAMP modelled as a two-pass double computation (the
    spec allows it 1 ulp either way; the lines are exact halves)."""
    total = 0.0
    for x in xs:  # sequential sums (Python 3.12's sum() compensates)
        total += x
    m = total / len(xs)
    ss = 0.0
    for x in xs:
        ss += (x - m) * (x - m)
    return math.sqrt(ss / (len(xs) - 1))


def load_market(phase3):
    """The optional market tables: odds rows by game date, BettingPros rows by game
    date, (player, team) listed out/doubtful by report date, graded lines by player
    and date (each empty when its table is absent)."""
    odds, bp = defaultdict(list), defaultdict(list)

    def f(v):
        return None if v == "" else float(v)

    def ts(v):
        return dt.datetime.fromisoformat(v.replace(" UTC", "+00:00"))
    if os.path.exists(f"{phase3}/odds_api_player_points_props.csv.gz"):
        for r in rows(phase3, "odds_api_player_points_props"):
            odds[day(r["game_date"])].append({
                "player": r["player_lookup"], "book": r["bookmaker"], "snap": ts(r["snapshot_timestamp"]),
                "mbt": None if r["minutes_before_tipoff"] == "" else int(r["minutes_before_tipoff"]),
                "line": f(r["points_line"]), "over": f(r["over_price"]), "under": f(r["under_price"])})
    if os.path.exists(f"{phase3}/bettingpros_player_points_props.csv.gz"):
        for r in rows(phase3, "bettingpros_player_points_props"):
            bp[day(r["game_date"])].append({
                "player": r["player_lookup"], "market": r["market_type"], "book": r["bookmaker"],
                "created": ts(r["created_at"]), "line": f(r["points_line"]), "opening": f(r["opening_line"])})
    injured, graded = defaultdict(set), defaultdict(dict)
    if os.path.exists(f"{phase3}/nbac_injury_report.csv.gz"):
        for r in rows(phase3, "nbac_injury_report"):
            if r["player_lookup"] != "" and r["injury_status"].lower() in ("out", "doubtful"):
                injured[day(r["report_date"])].add((r["player_lookup"], r["team"]))
    if os.path.exists(f"{phase3}/prediction_accuracy.csv.gz"):
        for r in rows(phase3, "prediction_accuracy"):
            if r["line_value"] != "" and Decimal(r["line_value"]) > 0 and r["recommendation"] in ("OVER", "UNDER"):
                g = graded[r["player_lookup"]]
                d = day(r["game_date"])
                g[d] = max(g.get(d, Decimal(r["line_value"])), Decimal(r["line_value"]))
    return odds, bp, injured, graded


def teammate_usage(D, injured, players, context_rows):
    """Spec 3.7: {player: summed NUMERIC usage averages of his team's out/doubtful players}."""
    listed = injured.get(D, set())
    team_sum = {}
    for p, team in listed:
        rs = [g for g in between(players.get(p, []), D - dt.timedelta(days=30), D)
              if g["usage"] != "" and g["min"] is not None and g["min"] > 10]
        if rs:
            avg = (sum(Decimal(g["usage"]) for g in rs) / len(rs)).quantize(N9, rounding=ROUND_HALF_UP)
            team_sum[team] = team_sum.get(team, Decimal(0)) + avg
    out_players = {p for p, _ in listed}
    return {c["player_lookup"]: float(team_sum[c["team_abbr"]]) for c in context_rows
            if c["team_abbr"] in team_sum and c["player_lookup"] not in out_players}


def prop_history(D, games, graded_p):
    """Spec 3.10: (over rate or None, margin or None) from the graded lines of the 60 days before D."""
    rows_ = [g for g in reversed(between(games, D - dt.timedelta(days=60), D))
             if g["pts"] is not None and g["date"] in graded_p][:10]
    over = round(sum(1 for g in rows_ if g["pts"] > graded_p[g["date"]]) / len(rows_), 9) if len(rows_) >= 5 else None
    m5 = rows_[:5]
    margin = (round(num9(sum(Decimal(g["pts"]) - graded_p[g["date"]] for g in m5) / len(m5)), 9)
              if len(m5) >= 3 else None)
    return over, margin


def market(odds, bp, D):
    """{player: {feature index: value}} and {player: vegas_line_source} for D (spec 3.1, 3.8, 3.9, 3.12;
    ties: bookmaker, then line, ascending)."""
    out = {}
    today = odds.get(D, [])
    pre = [r for r in today if r["line"] is not None and r["line"] > 0 and r["mbt"] is not None and r["mbt"] >= 0]
    oa = {}
    for r in pre:
        oa.setdefault(r["player"], []).append(r)
    bpd = {}
    for r in bp.get(D, []):
        if r["market"] == "points" and r["line"] is not None and r["line"] > 0:
            bpd.setdefault(r["player"], []).append(r)
    src = {}
    for p in set(oa) | set(bpd):
        v = out.setdefault(p, {})
        if p in oa:
            rs = oa[p]
            cur = min(rs, key=lambda r: (r["book"] != "draftkings", -r["snap"].timestamp(), r["book"], r["line"]))
            opn = min(rs, key=lambda r: (r["book"] != "draftkings", r["snap"].timestamp(), r["book"], r["line"]))
            line, opening = cur["line"], opn["line"]
            move = line - opening
            src[p] = "both" if p in bpd else "odds_api"
        else:
            b = min(bpd[p], key=lambda r: (-r["created"].timestamp(), r["book"], r["line"]))
            coalesced = b["opening"] if b["opening"] is not None else b["line"]
            # HEAD moves in SQL, then shows a falsy opening (0) as the line: `float(x) if x else line`
            line, opening, move = b["line"], coalesced or b["line"], b["line"] - coalesced
            src[p] = "bettingpros"
        v[25], v[26], v[27] = line, opening, move

    def latest(rs, key):
        best = {}
        for r in rs:
            k = (r["player"], r["book"])
            if k not in best or (r[key], -r["line"]) > (best[k][key], -best[k]["line"]):
                best[k] = r
        per = {}
        for (p, b), r in sorted(best.items()):
            per.setdefault(p, []).append(r["line"])
        return per
    primary = {p: stddev_samp(ls) for p, ls in latest([r for r in pre if r["book"] and r["book"] != "bovada"], "snap").items()
               if len(ls) >= 2}
    for p, sd in primary.items():
        out.setdefault(p, {})[50] = (sd, "vegas")
    if not primary or max(primary.values()) < 0.3:
        excluded = {"prizepicks", "propswap", "fliff", "underdog", "sleeper"}
        fb = [r for r in bp.get(D, []) if r["market"] == "points" and r["line"] is not None and r["line"] > 0
              and r["book"] and r["book"].lower() not in excluded]
        for p, ls in latest(fb, "created").items():
            if len(ls) >= 2 and p not in primary:
                out.setdefault(p, {})[50] = (stddev_samp(ls), "bettingpros")
    # 54: consensus (lower middle of the books' latest lines) per date in [D-14, D].
    cons = {}
    for k in range(14, -1, -1):
        d = D - dt.timedelta(days=k)
        rs = [r for r in odds.get(d, []) if r["line"] is not None and r["line"] > 0 and r["mbt"] is not None
              and r["mbt"] >= 0]
        for p, ls in latest(rs, "snap").items():
            ls = sorted(ls)
            cons.setdefault(p, []).append((d, ls[(len(ls) - 1) // 2]))
    for p, seq in cons.items():
        if seq[-1][0] == D and len(seq) >= 2:
            out.setdefault(p, {})[54] = round(seq[-1][1] - seq[-2][1], 1)
    # 60: DraftKings' earliest line against its latest pre-game one.
    dk = {}
    for r in today:
        if r["line"] is not None and r["book"].lower() == "draftkings":
            dk.setdefault(r["player"], []).append(r)
    for p, rs in dk.items():
        o = min(rs, key=lambda r: (r["snap"], r["book"], r["line"]))
        pre_dk = [r for r in rs if r["mbt"] is not None and r["mbt"] >= 0]
        if pre_dk:
            c = min(pre_dk, key=lambda r: (-r["snap"].timestamp(), r["book"], r["line"]))
            if c["line"] != o["line"]:
                out.setdefault(p, {})[60] = round(c["line"] - o["line"], 2)
    # 61: mean over-minus-under of the books' latest pre-game priced rows.
    priced = {}
    for r in today:
        if r["book"] and r["book"].lower() != "bovada" and r["over"] is not None and r["under"] is not None and \
                r["mbt"] is not None and r["mbt"] >= 0:
            k = (r["player"], r["book"])
            if k not in priced or (r["snap"], -r["line"]) > (priced[k]["snap"], -priced[k]["line"]):
                priced[k] = r
    per = {}
    for (p, b), r in sorted(priced.items()):
        per.setdefault(p, []).append(r["over"] - r["under"])
    for p, diffs in per.items():
        if len(diffs) >= 2:
            out.setdefault(p, {})[61] = round(sum(diffs) / len(diffs), 4)
    # 63: line changes per book within 240 minutes of tip-off (in-game rows too).
    books = {}
    for r in today:
        if r["mbt"] is not None and r["mbt"] <= 240 and r["line"] is not None:
            books.setdefault((r["player"], r["book"]), []).append(r)
    moves = {}
    for (p, b), rs in books.items():
        rs = sorted(rs, key=lambda r: r["snap"])
        moves[p] = moves.get(p, 0) + sum(1 for a, c in zip(rs, rs[1:]) if a["line"] != c["line"])
    for p, n in moves.items():
        if n >= 1:
            out.setdefault(p, {})[63] = float(n)
    return out, src
