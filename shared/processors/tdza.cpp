#include "processors/tdza.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <tuple>

#include "core/decimal_stats.hpp"
#include "core/rounding.hpp"
#include "phase3/table.hpp"
#include "processors/row_hash.hpp"
#include "processors/source_hashes.hpp"

namespace nba::tdza {

namespace {


std::int64_t null_as_zero(std::int64_t v) { return v == kNull ? 0 : v; }

// Exactly rounded mean of a handful of doubles (BigQuery AVG(FLOAT64) modelled as
// the correctly rounded sum / n; 113-bit accumulation is exact for these values).
__extension__ typedef __float128 Quad;
double exact_mean(const std::vector<double>& v) {
  Quad s = 0;
  for (double x : v) s += x;
  return static_cast<double>(s / static_cast<Quad>(v.size()));
}

struct ZoneSums {
  std::int64_t makes = 0, attempts = 0;
  bool any_makes = false, any_attempts = false;  // SQL SUM of all-NULL is NULL
};

std::optional<double> sql_safe_pct(const ZoneSums& z) {
  if (!z.any_makes || !z.any_attempts || z.attempts == 0) return std::nullopt;
  return static_cast<double>(z.makes) / static_cast<double>(z.attempts);
}

void add_zone(ZoneSums& z, std::int64_t makes, std::int64_t attempts) {
  if (makes != kNull) z.makes += makes, z.any_makes = true;
  if (attempts != kNull) z.attempts += attempts, z.any_attempts = true;
}

bool in_range(std::optional<double> v, double lo, double hi) {
  if (!v) return true;  // NULL passes every rule
  return *v >= lo && *v <= hi;  // NaN fails
}

double stored(std::optional<double> v, int scale) { return v ? numeric_store(*v, scale) : kNaN; }

std::string format_value(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

int min_games_required(Day analysis_date) {
  const int days = analysis_date - october_first(season_year_of(analysis_date));
  if (days <= 21) return std::min(5 + days / 3, 14);
  return kWindowGames;
}

std::string quality_tier(std::int64_t games) {
  if (games >= 15) return "high";
  if (games >= 10) return "medium";
  return "low";
}

LeagueAverages league_averages(const TeamDefenseHistory& history, Day analysis_date) {
  std::vector<double> paint, mid, three;
  const Day from = analysis_date - kLeagueWindowDays;
  for (const auto& team : history.teams) {
    ZoneSums p, m, t;
    int games = 0;
    // Games are in date order: visit the window only, not the team's whole history.
    const auto first = std::lower_bound(team.games.begin(), team.games.end(), from,
                                        [](const TeamDefenseGame& g, Day d) { return g.date < d; });
    for (auto it = first; it != team.games.end() && it->date <= analysis_date; ++it) {
      const TeamDefenseGame& g = *it;
      ++games;
      add_zone(p, g.opp_paint_makes, g.opp_paint_attempts);
      add_zone(m, g.opp_mid_range_makes, g.opp_mid_range_attempts);
      add_zone(t, g.opp_three_pt_makes, g.opp_three_pt_attempts);
    }
    const auto pp = sql_safe_pct(p), mp = sql_safe_pct(m), tp = sql_safe_pct(t);
    if (games < kLeagueMinGamesPerTeam || !pp || !mp || !tp) continue;
    paint.push_back(*pp);
    mid.push_back(*mp);
    three.push_back(*tp);
  }
  if (static_cast<int>(paint.size()) < kLeagueMinTeams)
    return {kDefaultPaintPct, kDefaultMidRangePct, kDefaultThreePtPct, 0};
  return {exact_mean(paint), exact_mean(mid), exact_mean(three), static_cast<int>(paint.size())};
}

std::pair<std::string, std::string> strongest_weakest(std::optional<double> paint, std::optional<double> mid,
                                                      std::optional<double> three) {
  const std::optional<double> v[3] = {paint, mid, three};
  static const char* const kLabels[3] = {"paint", "mid_range", "perimeter"};
  int lo = -1, hi = -1;
  for (int i = 0; i < 3; ++i) {
    if (!v[i]) continue;
    if (lo < 0 || *v[i] < *v[lo]) lo = i;
    if (hi < 0 || *v[i] > *v[hi]) hi = i;
  }
  if (lo < 0) return {"", ""};
  return {kLabels[lo], kLabels[hi]};
}

namespace {

// data_hash (columns-parity.md 2): the record's unrounded values, fields in
// sorted order. A mean over no values is Python NaN ("nan"), a missing zone None.
std::string row_data_hash(const Row& row, const std::string& date, const std::optional<double> (&pct)[3],
                          const double (&att)[3], const double (&blocks)[3], const std::optional<double> (&vs)[3],
                          double def_rating, double opp_ppg, double opp_pace, double paint_pts_pg) {
  enum { kPaint, kMid, kThree };
  auto opt = [](const std::optional<double>& v) { return v ? *v : std::numeric_limits<double>::quiet_NaN(); };
  FieldHash16 h;
  h.str("analysis_date", date);
  h.str("calculation_notes", row.calculation_notes);
  h.str("data_quality_tier", row.data_quality_tier);
  h.num("defensive_rating_last_15", def_rating, NanIs::Nan);
  h.integer("games_in_sample", row.games_in_sample);
  h.num("mid_range_attempts_allowed_per_game", att[kMid]);
  h.num("mid_range_blocks_per_game", blocks[kMid]);
  h.num("mid_range_defense_vs_league_avg", opt(vs[kMid]));
  h.num("mid_range_pct_allowed_last_15", opt(pct[kMid]));
  h.num("opponent_pace", opp_pace, NanIs::Nan);
  h.num("opponent_points_per_game", opp_ppg);
  h.num("paint_attempts_allowed_per_game", att[kPaint]);
  h.num("paint_blocks_per_game", blocks[kPaint]);
  h.num("paint_defense_vs_league_avg", opt(vs[kPaint]));
  h.num("paint_pct_allowed_last_15", opt(pct[kPaint]));
  h.num("paint_points_allowed_per_game", paint_pts_pg);
  h.str("strongest_zone", row.strongest_zone);
  h.str("team_abbr", row.team_abbr);
  h.num("three_pt_attempts_allowed_per_game", att[kThree]);
  h.num("three_pt_blocks_per_game", blocks[kThree]);
  h.num("three_pt_defense_vs_league_avg", opt(vs[kThree]));
  h.num("three_pt_pct_allowed_last_15", opt(pct[kThree]));
  h.str("weakest_zone", row.weakest_zone);
  return h.finish();
}

}  // namespace

std::span<const TeamDefenseGame> season_games_before(const TeamDefenseHistory::Team& team, Day analysis_date) {
  const auto by_date = [](const TeamDefenseGame& g, Day d) { return g.date < d; };
  const auto begin =
      std::lower_bound(team.games.begin(), team.games.end(), october_first(season_year_of(analysis_date)), by_date);
  const auto end = std::lower_bound(begin, team.games.end(), analysis_date, by_date);
  return {begin, end};
}

Result compute(const TeamDefenseHistory& history, Day analysis_date, std::string_view source_team_defense_hash) {
  Result result;
  result.league = league_averages(history, analysis_date);
  const int min_games = min_games_required(analysis_date);
  const std::string date_text = format_iso_date(analysis_date);

  for (const auto& team : history.teams) {
    // Window: season-bounded games strictly before D, newest 15.
    const std::span<const TeamDefenseGame> season = season_games_before(team, analysis_date);
    const auto end = season.end();
    const auto available = static_cast<int>(season.size());
    if (available == 0) continue;  // not in the entity set (no game since Oct 1)
    ++result.entities;
    if (available < min_games) {
      result.failures.push_back({"tdza", analysis_date, team.team_abbr, failure_category::kInsufficientData,
                                 "Only " + std::to_string(available) + " games, need " + std::to_string(min_games)});
      continue;
    }
    const TeamDefenseGame* first = &*(end - std::min(available, kWindowGames));
    const TeamDefenseGame* last = &*(end - 1) + 1;
    const auto n = static_cast<double>(last - first);

    std::int64_t pm = 0, pa = 0, mm = 0, ma = 0, tm = 0, ta = 0, pp = 0, bp = 0, bm = 0, bt = 0, pts = 0;
    for (auto* g = first; g != last; ++g) {
      pm += null_as_zero(g->opp_paint_makes);
      pa += null_as_zero(g->opp_paint_attempts);
      mm += null_as_zero(g->opp_mid_range_makes);
      ma += null_as_zero(g->opp_mid_range_attempts);
      tm += null_as_zero(g->opp_three_pt_makes);
      ta += null_as_zero(g->opp_three_pt_attempts);
      pp += null_as_zero(g->points_in_paint_allowed);
      bp += null_as_zero(g->blocks_paint);
      bm += null_as_zero(g->blocks_mid_range);
      bt += null_as_zero(g->blocks_three_pt);
      pts += null_as_zero(g->points_allowed);
    }
    auto pct = [](std::int64_t m, std::int64_t a) -> std::optional<double> {
      if (a == 0) return std::nullopt;
      return static_cast<double>(m) / static_cast<double>(a);
    };
    auto vs = [](std::optional<double> p, double league) -> std::optional<double> {
      if (!p) return std::nullopt;
      return (*p - league) * 100.0;
    };
    const auto paint_pct = pct(pm, pa), mid_pct = pct(mm, ma), three_pct = pct(tm, ta);
    const auto paint_vs = vs(paint_pct, result.league.paint_pct);
    const auto mid_vs = vs(mid_pct, result.league.mid_range_pct);
    const auto three_vs = vs(three_pct, result.league.three_pt_pct);
    const double def_rating =
        decimal_mean(first, last, 2, [](const TeamDefenseGame& g) { return g.defensive_rating_x100; });
    const double opp_pace = decimal_mean(first, last, 1, [](const TeamDefenseGame& g) { return g.opponent_pace_x10; });
    const double paint_att_pg = static_cast<double>(pa) / n, mid_att_pg = static_cast<double>(ma) / n,
                 three_att_pg = static_cast<double>(ta) / n;
    const double paint_pts_pg = static_cast<double>(pp) / n, opp_ppg = static_cast<double>(pts) / n;

    // Pre-write validation on the unrounded values (spec 2.9); a violating row is
    // not written and gets a failure record naming the rule (decision 13).
    struct Rule {
      const char* column;
      std::optional<double> value;
      double lo, hi;
    };
    const Rule rules[] = {
        {"paint_pct_allowed_last_15", paint_pct, 0, 1},
        {"mid_range_pct_allowed_last_15", mid_pct, 0, 1},
        {"three_pt_pct_allowed_last_15", three_pct, 0, 1},
        {"paint_attempts_allowed_per_game", paint_att_pg, 0, 100},
        {"mid_range_attempts_allowed_per_game", mid_att_pg, 0, 100},
        {"three_pt_attempts_allowed_per_game", three_att_pg, 0, 100},
        {"paint_points_allowed_per_game", paint_pts_pg, 0, 150},
        {"defensive_rating_last_15", def_rating, 70, 140},
        {"opponent_points_per_game", opp_ppg, 70, 150},
        {"paint_defense_vs_league_avg", paint_vs, -15, 15},
        {"mid_range_defense_vs_league_avg", mid_vs, -15, 15},
        {"three_pt_defense_vs_league_avg", three_vs, -15, 15},
    };
    const Rule* broken = nullptr;
    for (const auto& r : rules)
      if (!in_range(r.value, r.lo, r.hi)) {
        broken = &r;
        break;
      }
    if (broken) {
      result.failures.push_back({"tdza", analysis_date, team.team_abbr, failure_category::kPreWriteBlocked,
                                 std::string(broken->column) + "=" + format_value(*broken->value) + " outside [" +
                                     format_value(broken->lo) + ", " + format_value(broken->hi) + "]"});
      continue;
    }

    Row row;
    row.team_abbr = team.team_abbr;
    row.analysis_date = analysis_date;
    row.paint_pct_allowed_last_15 = stored(paint_pct, 3);
    row.paint_attempts_allowed_per_game = numeric_store(paint_att_pg, 1);
    row.paint_points_allowed_per_game = numeric_store(paint_pts_pg, 1);
    row.paint_blocks_per_game = numeric_store(static_cast<double>(bp) / n, 1);
    row.paint_defense_vs_league_avg = stored(paint_vs, 2);
    row.mid_range_pct_allowed_last_15 = stored(mid_pct, 3);
    row.mid_range_attempts_allowed_per_game = numeric_store(mid_att_pg, 1);
    row.mid_range_blocks_per_game = numeric_store(static_cast<double>(bm) / n, 1);
    row.mid_range_defense_vs_league_avg = stored(mid_vs, 2);
    row.three_pt_pct_allowed_last_15 = stored(three_pct, 3);
    row.three_pt_attempts_allowed_per_game = numeric_store(three_att_pg, 1);
    row.three_pt_blocks_per_game = numeric_store(static_cast<double>(bt) / n, 1);
    row.three_pt_defense_vs_league_avg = stored(three_vs, 2);
    row.defensive_rating_last_15 = numeric_store(def_rating, 2);
    row.opponent_points_per_game = numeric_store(opp_ppg, 1);
    row.opponent_pace = numeric_store(opp_pace, 1);
    row.games_in_sample = last - first;
    std::tie(row.strongest_zone, row.weakest_zone) = strongest_weakest(paint_vs, mid_vs, three_vs);
    row.data_quality_tier = quality_tier(row.games_in_sample);
    std::string notes;
    auto note = [&](std::int64_t attempts, const char* text) {
      if (attempts != 0) return;
      if (!notes.empty()) notes += "; ";
      notes += text;
    };
    note(pa, "No paint attempts");
    note(ma, "No mid-range attempts");
    note(ta, "No three-point attempts");
    row.calculation_notes = notes;
    row.games_count = kWindowGames;  // HEAD's backfill stub: the class's 15, not the dynamic minimum
    row.source_team_defense_hash = source_team_defense_hash;
    const double blocks[3] = {static_cast<double>(bp) / n, static_cast<double>(bm) / n, static_cast<double>(bt) / n};
    row.data_hash = row_data_hash(row, date_text, {paint_pct, mid_pct, three_pct}, {paint_att_pg, mid_att_pg, three_att_pg},
                                  blocks, {paint_vs, mid_vs, three_vs}, def_rating, opp_ppg, opp_pace, paint_pts_pg);
    result.rows.push_back(std::move(row));
  }
  return result;
}

OutputTable to_table(RowBatches<Row> rows) {
  OutputTable t("tdza");
  t.add_rows(rows, [&](const auto& rows) {
    t.add_str("team_abbr", 8, rows, &Row::team_abbr);
    t.add_date("analysis_date", rows, &Row::analysis_date);
    t.add_f64("paint_pct_allowed_last_15", rows, [](const Row& r) { return r.paint_pct_allowed_last_15; });
    t.add_f64("paint_attempts_allowed_per_game", rows, [](const Row& r) { return r.paint_attempts_allowed_per_game; });
    t.add_f64("paint_points_allowed_per_game", rows, [](const Row& r) { return r.paint_points_allowed_per_game; });
    t.add_f64("paint_blocks_per_game", rows, [](const Row& r) { return r.paint_blocks_per_game; });
    t.add_f64("paint_defense_vs_league_avg", rows, [](const Row& r) { return r.paint_defense_vs_league_avg; });
    t.add_f64("mid_range_pct_allowed_last_15", rows, [](const Row& r) { return r.mid_range_pct_allowed_last_15; });
    t.add_f64("mid_range_attempts_allowed_per_game", rows,
              [](const Row& r) { return r.mid_range_attempts_allowed_per_game; });
    t.add_f64("mid_range_blocks_per_game", rows, [](const Row& r) { return r.mid_range_blocks_per_game; });
    t.add_f64("mid_range_defense_vs_league_avg", rows, [](const Row& r) { return r.mid_range_defense_vs_league_avg; });
    t.add_f64("three_pt_pct_allowed_last_15", rows, [](const Row& r) { return r.three_pt_pct_allowed_last_15; });
    t.add_f64("three_pt_attempts_allowed_per_game", rows,
              [](const Row& r) { return r.three_pt_attempts_allowed_per_game; });
    t.add_f64("three_pt_blocks_per_game", rows, [](const Row& r) { return r.three_pt_blocks_per_game; });
    t.add_f64("three_pt_defense_vs_league_avg", rows, [](const Row& r) { return r.three_pt_defense_vs_league_avg; });
    t.add_f64("defensive_rating_last_15", rows, [](const Row& r) { return r.defensive_rating_last_15; });
    t.add_f64("opponent_points_per_game", rows, [](const Row& r) { return r.opponent_points_per_game; });
    t.add_f64("opponent_pace", rows, [](const Row& r) { return r.opponent_pace; });
    t.add_i64("games_in_sample", rows, [](const Row& r) { return r.games_in_sample; });
    t.add_str("strongest_zone", 16, rows, &Row::strongest_zone);
    t.add_str("weakest_zone", 16, rows, &Row::weakest_zone);
    t.add_str("data_quality_tier", 8, rows, &Row::data_quality_tier);
    t.add_str("calculation_notes", 80, rows, &Row::calculation_notes);
    t.add_str("source_team_defense_hash", kHashWidth, rows, &Row::source_team_defense_hash);
    t.add_str("data_hash", kHashWidth, rows, &Row::data_hash);
    t.add_i64("expected_games_count", rows, [](const Row& r) { return r.games_count; });
    t.add_i64("actual_games_count", rows, [](const Row& r) { return r.games_count; });
  });
  return t;
}

}  // namespace nba::tdza
