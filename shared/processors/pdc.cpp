#include "processors/pdc.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>

#include "core/decimal_stats.hpp"
#include "core/rounding.hpp"
#include "phase3/table.hpp"
#include "processors/keyed_rows.hpp"
#include "processors/row_hash.hpp"
#include "processors/source_hashes.hpp"

namespace nba::pdc {

namespace {


double as_double_or_nan(std::int64_t v) { return v == kNull ? kNaN : static_cast<double>(v); }

// numpy's pairwise summation (the reduction starts from the identity 0.0).
double pairwise_sum(const double* a, std::size_t n) {
  if (n < 8) {
    double s = 0.0;
    for (std::size_t i = 0; i < n; ++i) s += a[i];
    return s;
  }
  if (n <= 128) {
    double r[8];
    for (int j = 0; j < 8; ++j) r[j] = a[j];
    std::size_t i = 8;
    for (; i < n - (n % 8); i += 8)
      for (int j = 0; j < 8; ++j) r[j] += a[i + static_cast<std::size_t>(j)];
    double s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) s += a[i];
    return s;
  }
  std::size_t n2 = n / 2;
  n2 -= n2 % 8;
  return pairwise_sum(a, n2) + pairwise_sum(a + n2, n - n2);
}

bool in_pdc_history(const PlayerGame& g, std::int64_t season) {
  // SQL: season_year = SY AND is_active AND (is_dnp IS NULL OR NOT is_dnp) AND (minutes > 0 OR points > 0)
  if (g.season_year != season || g.is_active != 1 || g.is_dnp == 1) return false;
  return (g.minutes_x10 != kNull && g.minutes_x10 > 0) || (g.points != kNull && g.points > 0);
}

bool played(const PlayerGame& g) { return g.points != kNull && (g.points > 0 || g.minutes_x10 != kNull); }

Completeness window_result(std::int64_t expected, std::int64_t actual) {
  Completeness c;
  c.expected = expected;
  c.actual = actual;
  c.pct = expected == 0 ? 100.0 : python_round(static_cast<double>(actual) / static_cast<double>(expected) * 100.0, 1);
  c.production_ready = c.pct >= 70.0;
  return c;
}

// The completeness windows all end at D (or just after it) and reach back at
// most a few weeks, so their counts walk back from an index found once per
// entity instead of binary-searching a whole career or schedule per window.

// Dates in sorted[0, end) that are >= from (the caller's `end` is the first date >= the window's end).
std::int64_t count_dates_back(const std::vector<Day>& sorted, std::size_t end, Day from) {
  std::size_t i = end;
  while (i > 0 && sorted[i - 1] >= from) --i;
  return static_cast<std::int64_t>(end - i);
}

// Distinct dates in dates[0, end) that are >= from.
std::int64_t count_distinct_dates_back(const std::vector<Day>& dates, std::size_t end, Day from) {
  std::int64_t n = 0;
  for (std::size_t i = end; i > 0 && dates[i - 1] >= from; --i) n += (i == end || dates[i - 1] != dates[i]);
  return n;
}

// First index of sorted[from_index, ...) whose date is >= to (a short forward walk: one date's rows).
std::size_t first_at_or_after(const std::vector<Day>& sorted, std::size_t from_index, Day to) {
  while (from_index < sorted.size() && sorted[from_index] < to) ++from_index;
  return from_index;
}

// Synthetic context (spec 4.4, backfill mode) when the context table has no rows for D.
std::vector<PlayerContextRow> synthetic_pdc_context(const PlayerGameHistory& players, Day d) {
  return synthetic_context(players, d, [](PlayerContextRow& c, const PlayerGame&, const RecentLoad& r) {
    c.games_in_last_14_days = r.games_14;
    c.minutes_in_last_14_days = bigquery_cast_int(r.minutes_14_x10, 1);
  });
}

}  // namespace

double numpy_sample_std(const std::vector<double>& v) { return numpy_sample_std(v.data(), v.size()); }

double numpy_sample_std(const double* v, std::size_t n) {
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += v[i];  // exact for integer points
  const double mean = sum / static_cast<double>(n);
  // The squared deviations, on the stack for the windows PDC and MLFS ask about (<= 10 values).
  double small[16];
  std::vector<double> large(n > 16 ? n : 0);
  double* sq = n > 16 ? large.data() : small;
  for (std::size_t i = 0; i < n; ++i) sq[i] = (v[i] - mean) * (v[i] - mean);
  return std::sqrt(pairwise_sum(sq, n) / static_cast<double>(n - 1));
}

std::string quality_tier(double score) {
  if (score >= 95) return "gold";
  if (score >= 75) return "silver";
  if (score >= 50) return "bronze";
  if (score >= 25) return "poor";
  return "unusable";
}

namespace {

// The record's values as Python holds them before BigQuery's storage rounding
// (round(x, 4), the assisted rate round(x, 9)): what data_hash sees. A window
// without rows gives None, a mean over all-NULL values NaN.
struct PythonValues {
  double points_avg_last_5, points_avg_last_10, points_avg_season, points_std_last_10;
  double minutes_avg_last_10, usage_rate_last_10, ts_pct_last_10, player_usage_rate_season;
  double assisted_rate_last_10, team_pace_last_10, team_off_rating_last_10, avg_minutes_per_game_last_7;
  bool last_10_has_rows, team_has_rows;
};

double python4(double x) { return std::isnan(x) ? kNaN : python_round(x, 4); }

std::string row_data_hash(const Row& r, std::string_view date_text, const PythonValues& v) {
  const NanIs l10 = v.last_10_has_rows ? NanIs::Nan : NanIs::Null;
  const NanIs season = r.games_played_season > 0 ? NanIs::Nan : NanIs::Null;
  const NanIs team = v.team_has_rows ? NanIs::Nan : NanIs::Null;
  PyJsonObject o(PyJsonObject::Order::Sorted);
  o.num("assisted_rate_last_10", v.assisted_rate_last_10);
  o.num("avg_minutes_per_game_last_7", v.avg_minutes_per_game_last_7);
  o.integer_or_null("back_to_backs_last_14_days", r.back_to_backs_last_14_days);
  o.str("cache_date", date_text);
  o.num("cache_quality_score", r.l5.pct);
  o.str("cache_version", "v1");
  o.integer_or_null("fourth_quarter_minutes_last_7", r.fourth_quarter_minutes_last_7);
  o.integer_or_null("games_in_last_14_days", r.games_in_last_14_days);
  o.integer_or_null("games_in_last_7_days", r.games_in_last_7_days);
  o.integer("games_played_season", r.games_played_season);
  o.num("minutes_avg_last_10", v.minutes_avg_last_10, l10);
  o.integer_or_null("minutes_in_last_14_days", r.minutes_in_last_14_days);
  o.integer_or_null("minutes_in_last_7_days", r.minutes_in_last_7_days);
  o.num("paint_rate_last_10", r.paint_rate_last_10);
  o.integer_or_null("player_age", r.player_age);
  o.str("player_lookup", r.player_lookup);
  o.num("player_usage_rate_season", v.player_usage_rate_season, season);
  o.num("points_avg_last_10", v.points_avg_last_10);
  o.num("points_avg_last_5", v.points_avg_last_5);
  o.num("points_avg_season", v.points_avg_season);
  o.num("points_std_last_10", v.points_std_last_10);
  o.str_or_null("primary_scoring_zone", r.primary_scoring_zone);
  o.num("team_off_rating_last_10", v.team_off_rating_last_10, team);
  o.num("team_pace_last_10", v.team_pace_last_10, team);
  o.num("three_pt_rate_last_10", r.three_pt_rate_last_10);
  o.num("ts_pct_last_10", v.ts_pct_last_10, l10);
  o.str_or_null("universal_player_id", r.universal_player_id);
  o.num("usage_rate_last_10", v.usage_rate_last_10, l10);
  return json_hash64(o);
}

}  // namespace

Result compute(const PlayerGameHistory& players, const ContextInputs& in, const std::vector<psza::Row>& psza_rows,
               Day d, const SourceHashes& source_hashes) {
  Result result;
  const KeyedRows<psza::Row> zone_of(psza_rows, &psza::Row::player_lookup, OnDuplicateKey::LastWins);

  // Entity set (4.3): context rows for D, then roster expansion. Held by
  // pointer: the context rows stay where build_context_inputs put them (copying
  // them, strings and all, for every date was a visible share of PDC's time);
  // expansion or synthetic rows live in `owned`, filled before any pointer into it is taken.
  const std::vector<PlayerContextRow>& context = in.context_on(d);
  std::vector<PlayerContextRow> owned;
  if (!context.empty()) {
    // Context rows are sorted by player_lookup, and so are the players below:
    // one merge walk tells who has a context row. Teams playing today are
    // marked by the history's team ids (a team no game has cannot match a row).
    std::vector<char> team_plays_today(players.team_names().size(), 0);
    for (const auto& c : context)
      if (const int id = players.team_id(c.team_abbr); id >= 0) team_plays_today[static_cast<std::size_t>(id)] = 1;
    auto next_context = context.begin();
    for (const std::uint32_t pos : players.players_in_seasons_of(d - kRosterLookbackDays, d)) {
      const auto& p = players.players[pos];
      while (next_context != context.end() && next_context->player_lookup < p.player_lookup) ++next_context;
      if (next_context != context.end() && next_context->player_lookup == p.player_lookup) continue;
      const auto [lo, hi] = date_range(p, d - kRosterLookbackDays, d);
      for (std::size_t i = hi; i > lo; --i) {  // most recent row on a team playing today
        const PlayerGame& g = p.games[i - 1];
        if (g.team_id < 0 || !team_plays_today[static_cast<std::size_t>(g.team_id)]) continue;
        PlayerContextRow expansion{};  // no context row: fatigue fields and age are NULL
        expansion.player_lookup = p.player_lookup;
        expansion.universal_player_id = g.universal_player_id;
        expansion.team_abbr = g.team_abbr;
        expansion.games_in_last_7_days = expansion.games_in_last_14_days = kNull;
        expansion.minutes_in_last_7_days = expansion.minutes_in_last_14_days = kNull;
        expansion.back_to_backs_last_14_days = expansion.fourth_quarter_minutes_last_7 = expansion.player_age = kNull;
        expansion.avg_minutes_per_game_last_7 = kNaN;
        owned.push_back(std::move(expansion));
        break;
      }
    }
  } else {
    owned = synthetic_pdc_context(players, d);
  }
  std::vector<const PlayerContextRow*> entities;
  entities.reserve(context.size() + owned.size());
  for (const auto& c : context) entities.push_back(&c);
  for (const auto& c : owned) entities.push_back(&c);
  // Two runs, each in player_lookup order (the context rows, then the
  // expansion or synthetic rows made walking the players in order): merged
  // stably, as a stable sort would order them, in linear time.
  const auto by_lookup = [](const auto* a, const auto* b) { return a->player_lookup < b->player_lookup; };
  const auto second_run = entities.begin() + static_cast<std::ptrdiff_t>(context.size());
  if (std::is_sorted(entities.begin(), second_run, by_lookup) && std::is_sorted(second_run, entities.end(), by_lookup))
    std::inplace_merge(entities.begin(), second_run, entities.end(), by_lookup);
  else
    std::stable_sort(entities.begin(), entities.end(), by_lookup);
  entities.erase(std::unique(entities.begin(), entities.end(),
                             [](const auto* a, const auto* b) { return a->player_lookup == b->player_lookup; }),
                 entities.end());  // "the first matching context row is used per player"

  // Completeness helpers (spec 1.4 / 4.8).
  Day last_game_day = 0;
  bool have_last = false;
  {
    auto& dates = in.regular_or_playoff_dates;
    auto it = std::lower_bound(dates.begin(), dates.end(), d);  // first >= D
    if (it != dates.begin() && *(it - 1) >= d - 30) last_game_day = *(it - 1), have_last = true;
  }
  const int break_days = have_last ? std::max(0, d - last_game_day - 1) : 0;
  const int month = civil_from_day(d).month;
  const std::int64_t season = season_year_of(d);
  const Day season_first_row = players.first_date_of_season_year(season);

  std::vector<const PlayerGame*> games, played_games;  // per entity, reused
  games.reserve(kSeasonRows), played_games.reserve(kSeasonRows);
  result.rows.reserve(entities.size());  // rows are large: no moving them at every growth
  const std::string date_text = format_iso_date(d);
  for (const PlayerContextRow* entity : entities) {
    const PlayerContextRow& ctx = *entity;
    ++result.entities;
    auto fail = [&](const char* category, std::string reason) {
      result.failures.push_back({"pdc", d, ctx.player_lookup, category, std::move(reason)});
    };
    static const PlayerGameHistory::Player kNoHistory;
    const PlayerGameHistory::Player* found = players.find(ctx.player_lookup);
    const PlayerGameHistory::Player& hist = found ? *found : kNoHistory;
    const std::vector<PlayerGame>& all = hist.games;

    // PGS history: season rows before D, newest first, at most 82. No row dated
    // before the season's first row anywhere can belong to it, so the scan stops there.
    games.clear();
    // Not a structured binding: the lambdas below capture before_d, which
    // clang 14 refuses for a binding (the fuzz build compiles with clang).
    const auto season_rows = date_range(hist, std::min(season_first_row, d), d);
    const std::size_t season_begin = season_rows.first, before_d = season_rows.second;
    for (std::size_t i = before_d; i > season_begin && games.size() < kSeasonRows; --i)
      if (in_pdc_history(all[i - 1], season)) games.push_back(&all[i - 1]);
    const auto k = static_cast<std::int64_t>(games.size());
    if (k < kMinGames) {
      fail("INSUFFICIENT_DATA", "Only " + std::to_string(k) + " games played, need 3 minimum");
      continue;
    }
    const int age_days = d - games.front()->date;
    if (age_days > kStaleDays) {
      fail("STALE_DATA", "No active game in " + std::to_string(age_days) + " days (max: " + std::to_string(kStaleDays) +
                             ")");  // HEAD's text (player_daily_cache/worker.py)
      continue;
    }

    played_games.clear();
    for (auto* g : games)
      if (played(*g)) played_games.push_back(g);
    const std::size_t n5 = std::min<std::size_t>(5, played_games.size());
    const std::size_t n10 = std::min<std::size_t>(10, played_games.size());
    auto points_mean = [&](std::size_t n) {
      if (n == 0) return kNaN;
      std::int64_t s = 0;
      for (std::size_t i = 0; i < n; ++i) s += played_games[i]->points;
      return static_cast<double>(s) / static_cast<double>(n);
    };
    const auto l10_begin = played_games.begin(), l10_end = played_games.begin() + static_cast<std::ptrdiff_t>(n10);

    PythonValues py{};
    py.points_avg_last_5 = python4(points_mean(n5));
    py.points_avg_last_10 = python4(points_mean(n10));
    py.points_avg_season = python4(points_mean(played_games.size()));
    py.points_std_last_10 = kNaN;
    if (n10 > 1) {
      double pts[10];
      for (std::size_t i = 0; i < n10; ++i) pts[i] = static_cast<double>(played_games[i]->points);
      py.points_std_last_10 = python4(numpy_sample_std(pts, n10));
    }
    py.minutes_avg_last_10 = python4(decimal_mean(l10_begin, l10_end, 1, [](auto* g) { return g->minutes_x10; }));
    py.usage_rate_last_10 = python4(decimal_mean(l10_begin, l10_end, 2, [](auto* g) { return g->usage_rate_x100; }));
    py.ts_pct_last_10 = python4(decimal_mean(l10_begin, l10_end, 3, [](auto* g) { return g->ts_pct_x1000; }));
    py.player_usage_rate_season =
        python4(decimal_mean(played_games.begin(), played_games.end(), 2, [](auto* g) { return g->usage_rate_x100; }));
    py.last_10_has_rows = n10 > 0;
    py.assisted_rate_last_10 = kNaN;
    {
      std::int64_t ast = 0, fgm = 0;
      for (auto it = l10_begin; it != l10_end; ++it) {
        if ((*it)->assisted_fg_makes != kNull) ast += (*it)->assisted_fg_makes;
        if ((*it)->fg_makes != kNull) fgm += (*it)->fg_makes;
      }
      if (n10 > 0 && fgm > 0) py.assisted_rate_last_10 = python_round(static_cast<double>(ast) / static_cast<double>(fgm), 9);
    }
    py.team_pace_last_10 = py.team_off_rating_last_10 = kNaN;
    py.team_has_rows = false;
    if (auto t = in.team_offense.find(ctx.team_abbr); t != in.team_offense.end()) {
      const auto& tg = t->second;
      auto end = std::lower_bound(tg.begin(), tg.end(), d, [](const TeamOffenseGame& g, Day x) { return g.date < x; });
      auto begin = end - std::min<std::ptrdiff_t>(kTeamWindow, end - tg.begin());
      if (begin != end) {
        py.team_has_rows = true;
        py.team_pace_last_10 = python4(decimal_mean(begin, end, 1, [](const auto& g) { return g.pace_x10; }));
        py.team_off_rating_last_10 =
            python4(decimal_mean(begin, end, 2, [](const auto& g) { return g.offensive_rating_x100; }));
      }
    }
    py.avg_minutes_per_game_last_7 = python4(ctx.avg_minutes_per_game_last_7);

    Row row;
    row.player_lookup = ctx.player_lookup;
    row.universal_player_id = ctx.universal_player_id;
    row.cache_date = d;
    row.points_avg_last_5 = numeric_store(py.points_avg_last_5, 1);
    row.points_avg_last_10 = numeric_store(py.points_avg_last_10, 1);
    row.points_avg_season = numeric_store(py.points_avg_season, 1);
    row.points_std_last_10 = numeric_store(py.points_std_last_10, 2);
    row.minutes_avg_last_10 = numeric_store(py.minutes_avg_last_10, 1);
    row.usage_rate_last_10 = numeric_store(py.usage_rate_last_10, 2);
    row.ts_pct_last_10 = numeric_store(py.ts_pct_last_10, 3);
    row.games_played_season = static_cast<std::int64_t>(played_games.size());
    row.player_usage_rate_season = numeric_store(py.player_usage_rate_season, 2);
    row.assisted_rate_last_10 = numeric_store(py.assisted_rate_last_10, 2);
    row.team_pace_last_10 = numeric_store(py.team_pace_last_10, 1);
    row.team_off_rating_last_10 = numeric_store(py.team_off_rating_last_10, 2);
    row.games_in_last_7_days = as_double_or_nan(ctx.games_in_last_7_days);
    row.games_in_last_14_days = as_double_or_nan(ctx.games_in_last_14_days);
    row.minutes_in_last_7_days = as_double_or_nan(ctx.minutes_in_last_7_days);
    row.minutes_in_last_14_days = as_double_or_nan(ctx.minutes_in_last_14_days);
    row.back_to_backs_last_14_days = as_double_or_nan(ctx.back_to_backs_last_14_days);
    row.avg_minutes_per_game_last_7 = numeric_store(py.avg_minutes_per_game_last_7, 1);
    row.fourth_quarter_minutes_last_7 = as_double_or_nan(ctx.fourth_quarter_minutes_last_7);
    row.player_age = as_double_or_nan(ctx.player_age);
    if (const psza::Row* z = zone_of.find(ctx.player_lookup)) {
      row.primary_scoring_zone = z->primary_scoring_zone;
      row.paint_rate_last_10 = z->paint_rate_last_10;
      row.three_pt_rate_last_10 = z->three_pt_rate_last_10;
      row.shot_zone_data_available = true;
    } else {
      row.paint_rate_last_10 = row.three_pt_rate_last_10 = kNaN;
      row.shot_zone_data_available = false;
    }
    row.early_season_flag = k < 10;
    if (row.early_season_flag)
      row.insufficient_data_reason =
          "Only " + std::to_string(row.games_played_season) + " games played, need 10 minimum";

    // Completeness windows. Expected: the player's latest team's final games;
    // actual: the player's distinct PGS dates (no status filter).
    const std::string team = before_d > 0 ? all[before_d - 1].team_abbr : std::string();
    static const std::vector<Day> kNoDates;
    const auto sched_it = in.team_schedule.find(team);
    const std::vector<Day>& sched = sched_it == in.team_schedule.end() ? kNoDates : sched_it->second;
    const auto sched_before_d = static_cast<std::size_t>(std::lower_bound(sched.begin(), sched.end(), d) - sched.begin());
    const std::int64_t team_games = static_cast<std::int64_t>(sched_before_d);
    const std::size_t through_d = first_at_or_after(hist.dates, before_d, d + 1);
    auto games_window = [&](std::int64_t n) {
      const Day from = d - static_cast<Day>(std::max<std::int64_t>(3 * n, 30));
      return window_result(std::min(n, team_games), count_distinct_dates_back(hist.dates, before_d, from));
    };
    auto days_window = [&](int n) {
      return window_result(count_dates_back(sched, sched_before_d, d - n),
                           count_distinct_dates_back(hist.dates, through_d, d - n));
    };
    row.l5 = games_window(5);
    row.l10 = games_window(10);
    row.l7d = days_window(7 + break_days);
    row.l14d = days_window(14 + break_days);
    row.quality_tier = quality_tier(row.l5.pct);
    row.season_boundary_detected = month == 10 || month == 11 || month == 4;
    row.source_player_game_hash = source_hashes.player_game;
    row.source_team_offense_hash = source_hashes.team_offense;
    row.source_upcoming_context_hash = source_hashes.upcoming_context;
    row.source_shot_zone_hash = source_hashes.shot_zone;
    row.data_hash = row_data_hash(row, date_text, py);
    result.rows.push_back(std::move(row));
  }
  return result;
}

OutputTable to_table(RowBatches<Row> rows) {
  OutputTable t("pdc");
  t.add_rows(rows, [&](const auto& rows) {
    auto b = [](bool v) { return std::int64_t{v}; };
    t.add_str("player_lookup", 48, rows, &Row::player_lookup);
    t.add_str("universal_player_id", 48, rows, &Row::universal_player_id);
    t.add_date("cache_date", rows, &Row::cache_date);
    t.add_f64("points_avg_last_5", rows, [](const Row& r) { return r.points_avg_last_5; });
    t.add_f64("points_avg_last_10", rows, [](const Row& r) { return r.points_avg_last_10; });
    t.add_f64("points_avg_season", rows, [](const Row& r) { return r.points_avg_season; });
    t.add_f64("points_std_last_10", rows, [](const Row& r) { return r.points_std_last_10; });
    t.add_f64("minutes_avg_last_10", rows, [](const Row& r) { return r.minutes_avg_last_10; });
    t.add_f64("usage_rate_last_10", rows, [](const Row& r) { return r.usage_rate_last_10; });
    t.add_f64("ts_pct_last_10", rows, [](const Row& r) { return r.ts_pct_last_10; });
    t.add_i64("games_played_season", rows, [](const Row& r) { return r.games_played_season; });
    t.add_f64("team_pace_last_10", rows, [](const Row& r) { return r.team_pace_last_10; });
    t.add_f64("team_off_rating_last_10", rows, [](const Row& r) { return r.team_off_rating_last_10; });
    t.add_f64("player_usage_rate_season", rows, [](const Row& r) { return r.player_usage_rate_season; });
    t.add_f64("games_in_last_7_days", rows, [](const Row& r) { return r.games_in_last_7_days; });
    t.add_f64("games_in_last_14_days", rows, [](const Row& r) { return r.games_in_last_14_days; });
    t.add_f64("minutes_in_last_7_days", rows, [](const Row& r) { return r.minutes_in_last_7_days; });
    t.add_f64("minutes_in_last_14_days", rows, [](const Row& r) { return r.minutes_in_last_14_days; });
    t.add_f64("back_to_backs_last_14_days", rows, [](const Row& r) { return r.back_to_backs_last_14_days; });
    t.add_f64("avg_minutes_per_game_last_7", rows, [](const Row& r) { return r.avg_minutes_per_game_last_7; });
    t.add_f64("fourth_quarter_minutes_last_7", rows, [](const Row& r) { return r.fourth_quarter_minutes_last_7; });
    t.add_str("primary_scoring_zone", 16, rows, &Row::primary_scoring_zone);
    t.add_f64("paint_rate_last_10", rows, [](const Row& r) { return r.paint_rate_last_10; });
    t.add_f64("three_pt_rate_last_10", rows, [](const Row& r) { return r.three_pt_rate_last_10; });
    t.add_f64("assisted_rate_last_10", rows, [](const Row& r) { return r.assisted_rate_last_10; });
    t.add_f64("player_age", rows, [](const Row& r) { return r.player_age; });
    t.add_bool("early_season_flag", rows, [&](const Row& r) { return b(r.early_season_flag); });
    t.add_str("insufficient_data_reason", 64, rows, &Row::insufficient_data_reason);
    t.add_bool("shot_zone_data_available", rows, [&](const Row& r) { return b(r.shot_zone_data_available); });
    t.add_f64("cache_quality_score", rows, [](const Row& r) { return r.l5.pct; });
    t.add_str("quality_tier", 8, rows, &Row::quality_tier);
    t.add_i64("expected_games_count", rows, [](const Row& r) { return r.l5.expected; });
    t.add_i64("actual_games_count", rows, [](const Row& r) { return r.l5.actual; });
    t.add_f64("completeness_percentage", rows, [](const Row& r) { return r.l5.pct; });
    t.add_i64("missing_games_count", rows,
              [](const Row& r) { return std::max<std::int64_t>(0, r.l5.expected - r.l5.actual); });
    t.add_f64("l5_completeness_pct", rows, [](const Row& r) { return r.l5.pct; });
    t.add_bool("l5_is_complete", rows, [&](const Row& r) { return b(r.l5.production_ready); });
    t.add_f64("l10_completeness_pct", rows, [](const Row& r) { return r.l10.pct; });
    t.add_bool("l10_is_complete", rows, [&](const Row& r) { return b(r.l10.production_ready); });
    t.add_f64("l7d_completeness_pct", rows, [](const Row& r) { return r.l7d.pct; });
    t.add_bool("l7d_is_complete", rows, [&](const Row& r) { return b(r.l7d.production_ready); });
    t.add_f64("l14d_completeness_pct", rows, [](const Row& r) { return r.l14d.pct; });
    t.add_bool("l14d_is_complete", rows, [&](const Row& r) { return b(r.l14d.production_ready); });
    auto all_ready = [](const Row& r) {
      return r.l5.production_ready && r.l10.production_ready && r.l7d.production_ready && r.l14d.production_ready;
    };
    t.add_bool("all_windows_complete", rows, [&](const Row& r) { return b(all_ready(r)); });
    t.add_bool("is_production_ready", rows, [&](const Row& r) { return b(all_ready(r)); });
    t.add_bool("backfill_bootstrap_mode", rows, [](const Row&) { return std::int64_t{1}; });
    t.add_bool("season_boundary_detected", rows, [&](const Row& r) { return b(r.season_boundary_detected); });
    t.add_str("cache_version", 8, rows, [](const Row&) { return std::string("v1"); });
    t.add_str("source_player_game_hash", kHashWidth, rows, &Row::source_player_game_hash);
    t.add_str("source_team_offense_hash", kHashWidth, rows, &Row::source_team_offense_hash);
    t.add_str("source_upcoming_context_hash", kHashWidth, rows, &Row::source_upcoming_context_hash);
    t.add_str("source_shot_zone_hash", kHashWidth, rows, &Row::source_shot_zone_hash);
    t.add_str("data_hash", 64, rows, &Row::data_hash);
  });
  return t;
}

}  // namespace nba::pdc
