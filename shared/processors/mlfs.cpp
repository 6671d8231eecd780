#include "processors/mlfs.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <string_view>

#include "core/decimal_stats.hpp"
#include "core/rounding.hpp"
#include "phase3/table.hpp"
#include "processors/keyed_rows.hpp"

namespace nba::mlfs {

namespace {

// Keys of the merged "phase4 dict" (spec 4.5); NaN = absent or NULL.
enum P4 {
  kL5, kL10, kSeasonAvg, kStd, kGames7, kPaintRate, kMidRate, kThreeRate, kTeamPace, kTeamOff, kMinutes,
  kFatigue, kZoneMismatch, kPaceScore, kUsageSpike, kOppDefRating, kOppPace, kP4Keys
};


double mean_i64(const std::vector<std::int64_t>& v) {
  if (v.empty()) return kNaN;
  std::int64_t s = 0;
  for (auto x : v) s += x;
  return static_cast<double>(s) / static_cast<double>(v.size());
}

struct Tagged {
  double value;
  Source source;
};

Tagged with_fallback(double phase4, double phase3, double fallback) {
  if (!std::isnan(phase4)) return {phase4, Source::Phase4};
  if (!std::isnan(phase3)) return {phase3, Source::Phase3};
  return {fallback, Source::Default};
}

bool is_default_like(Source s) { return s == Source::Default || s == Source::Missing; }

// PDC-like fields computed from the last-10 rows when PDC has no row (spec 4.6.1),
// tagged phase4. Zone rates are returned in percent (decision 7: the original
// divides a 0-1 fraction by 100 again). Returns false, and computes nothing
// (team pace and rating included), when no last-10 row is a played game: HEAD
// then uses no fallback at all and does not flag the row.
bool cache_miss_fallback(const std::vector<const PlayerGame*>& last, const std::vector<TeamOffenseGame>& team_games,
                         double season_points_avg, Day d, std::array<double, kP4Keys>& p4) {
  std::vector<const PlayerGame*> played;
  for (auto* g : last)
    if (g->is_dnp != 1 && g->minutes_x10 != kNull && g->minutes_x10 > 0) played.push_back(g);
  if (played.empty()) return false;
  auto points_of = [&](std::size_t n) {
    std::vector<std::int64_t> v;
    for (std::size_t i = 0; i < n && i < played.size(); ++i)
      if (played[i]->points != kNull) v.push_back(played[i]->points);
    return v;
  };
  const auto p5 = points_of(5), p10 = points_of(10);
  p4[kL5] = mean_i64(p5);
  p4[kL10] = mean_i64(p10);
  if (p10.size() == 1) p4[kStd] = 0.0;
  if (p10.size() > 1) {
    std::vector<double> v(p10.begin(), p10.end());
    p4[kStd] = pdc::numpy_sample_std(v);
  }
  const auto last_10 = std::span(played).first(std::min<std::size_t>(played.size(), 10));
  std::int64_t fga = 0, pa = 0, ma = 0, ta = 0, games7 = 0;
  for (const PlayerGame* game : last_10) {
    const PlayerGame& g = *game;
    fga += g.fg_attempts == kNull ? 0 : g.fg_attempts;
    pa += g.paint_attempts == kNull ? 0 : g.paint_attempts;
    ma += g.mid_range_attempts == kNull ? 0 : g.mid_range_attempts;
    ta += g.three_pt_attempts == kNull ? 0 : g.three_pt_attempts;
  }
  for (auto* g : played) games7 += g->date >= d - 7;  // [D-7, D): one day wider than the context's window
  p4[kMinutes] = decimal_mean(last_10.begin(), last_10.end(), 1, [](const PlayerGame* g) { return g->minutes_x10; });
  p4[kGames7] = static_cast<double>(games7);
  p4[kSeasonAvg] = season_points_avg;
  // HEAD sums NULL zone attempts as 0 (spec 4.6.1): a season without zone
  // data gives 0 %, tagged phase4, whenever the FG attempts sum is positive.
  if (fga > 0) {
    const double f = static_cast<double>(fga);
    p4[kPaintRate] = static_cast<double>(pa) / f * 100.0;
    p4[kMidRate] = static_cast<double>(ma) / f * 100.0;
    p4[kThreeRate] = static_cast<double>(ta) / f * 100.0;
  }
  const auto team_10 = std::span(team_games).last(std::min<std::size_t>(team_games.size(), 10));
  p4[kTeamPace] = decimal_mean(team_10.begin(), team_10.end(), 1, [](const auto& g) { return g.pace_x10; });
  p4[kTeamOff] = decimal_mean(team_10.begin(), team_10.end(), 2, [](const auto& g) { return g.offensive_rating_x100; });
  return true;
}

}  // namespace

const std::array<std::string, kFeatures>& feature_names() {
  static const std::array<std::string, kFeatures> names = {
      "points_avg_last_5", "points_avg_last_10", "points_avg_season", "points_std_last_10", "games_in_last_7_days",
      "fatigue_score", "shot_zone_mismatch_score", "pace_score", "usage_spike_score", "rest_advantage",
      "injury_risk", "recent_trend", "minutes_change", "opponent_def_rating", "opponent_pace", "home_away",
      "back_to_back", "playoff_game", "pct_paint", "pct_mid_range", "pct_three", "pct_free_throw", "team_pace",
      "team_off_rating", "team_win_pct"};
  return names;
}

const std::vector<std::string>& source_names() {
  static const std::vector<std::string> names = {"missing", "default", "phase3", "phase4", "calculated"};
  return names;
}

double source_weight(Source s) {
  switch (s) {
    case Source::Phase4: return 100;
    case Source::Phase3: return 87;
    case Source::Calculated: return 100;
    case Source::Default: return 40;
    case Source::Missing: return 0;
  }
  return 40;
}

Quality score_quality(const std::array<Source, kFeatures>& tags) {
  Quality q{};
  double sum = 0;
  int phase4 = 0, phase3 = 0;
  for (Source s : tags) {
    sum += source_weight(s);
    q.default_count += is_default_like(s);
    phase4 += s == Source::Phase4;
    phase3 += s == Source::Phase3;
  }
  double score = sum / kFeatures;
  if (q.default_count >= 5) score = std::min(score, 49.0);
  else if (q.default_count >= 1) score = std::min(score, 69.0);
  q.score = numeric_store(python_round(score, 2), 2);
  q.tier = q.score >= 95 ? "gold" : q.score >= 85 ? "silver" : q.score >= 70 ? "bronze" : q.score >= 50 ? "poor" : "critical";
  const double share4 = phase4 / static_cast<double>(kFeatures), share3 = phase3 / static_cast<double>(kFeatures);
  q.data_source = share4 >= 0.90 ? "phase4" : share4 >= 0.50 ? "phase4_partial" : share3 >= 0.50 ? "phase3" : "mixed";
  auto category = [&](std::initializer_list<int> idx) {
    double s = 0;
    for (int i : idx) s += source_weight(tags[static_cast<std::size_t>(i)]);
    return python_round(s / static_cast<double>(idx.size()), 1);
  };
  q.matchup_pct = category({5, 6, 7, 8, 13, 14});
  q.player_history_pct = category({0, 1, 2, 3, 4});
  q.team_context_pct = category({22, 23, 24});
  q.game_context_pct = category({9, 10, 11, 12, 15, 16, 17, 18, 19, 20, 21});
  const bool good_tier = q.tier == "gold" || q.tier == "silver";
  q.is_training_ready = good_tier && q.matchup_pct >= 70 && q.player_history_pct >= 80;
  q.is_quality_ready =
      (good_tier || q.tier == "bronze") && q.score >= 70 && q.matchup_pct >= 50 && q.default_count == 0;
  return q;
}

double rest_advantage(std::int64_t days_rest, std::int64_t opponent_days_rest) {
  if (days_rest == kNull || opponent_days_rest == kNull) return 0.0;
  return clamp_min_max(static_cast<double>(days_rest - opponent_days_rest), -2, 2);
}

double injury_risk(const std::string& status) {
  std::string s;
  for (char c : status) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "probable") return 1.0;
  if (s == "questionable") return 2.0;
  if (s == "doubtful" || s == "out") return 3.0;
  return 0.0;  // available, empty, NULL, anything else
}

double recent_trend(const std::vector<std::int64_t>& p) {
  if (p.size() < 5) return 0.0;
  const double diff = (static_cast<double>(p[0] + p[1]) / 2.0) - (static_cast<double>(p[2] + p[3] + p[4]) / 3.0);
  if (diff >= 5) return 2.0;
  if (diff >= 2) return 1.0;
  if (diff <= -5) return -2.0;
  if (diff <= -2) return -1.0;
  return 0.0;
}

double minutes_change(double recent, double season) {
  if (std::isnan(recent) || season == 0 || recent == 0) return 0.0;
  const double pct = (recent - season) / season;
  if (pct >= 0.20) return 2.0;
  if (pct >= 0.10) return 1.0;
  if (pct <= -0.20) return -2.0;
  if (pct <= -0.10) return -1.0;
  return 0.0;
}

double pct_free_throw(const std::vector<const PlayerGame*>& g) {
  if (g.size() < 5) return 0.15;
  std::int64_t ft = 0, pts = 0;
  for (auto* r : g) {
    ft += r->ft_makes == kNull ? 0 : r->ft_makes;
    pts += r->points == kNull ? 0 : r->points;
  }
  if (pts == 0) return 0.15;
  return python_round(clamp_min_max(static_cast<double>(ft) / static_cast<double>(pts), 0, 0.5), 9);
}

double team_win_pct(const std::vector<TeamOffenseGame>& t) {
  if (t.size() < 5) return 0.5;
  std::int64_t wins = 0;
  for (const auto& g : t) wins += g.win_flag == 1;
  return python_round(static_cast<double>(wins) / static_cast<double>(t.size()), 9);
}

namespace {

// The team's games of `season_year` dated from Oct 1 to before D. The games are
// in date order, so only that window is visited, not every season loaded.
std::vector<TeamOffenseGame> team_games_this_season(const ContextInputs& in, const std::string& team, int season_year,
                                                    Day d) {
  std::vector<TeamOffenseGame> out;
  const auto t = in.team_offense.find(team);
  if (t == in.team_offense.end()) return out;
  const auto& games = t->second;
  auto it = std::lower_bound(games.begin(), games.end(), october_first(season_year),
                             [](const TeamOffenseGame& g, Day x) { return g.date < x; });
  for (; it != games.end() && it->date < d; ++it)
    if (it->season_year == season_year) out.push_back(*it);
  return out;
}

}  // namespace

Result compute(const PlayerGameHistory& players, const ContextInputs& in, const SameDateRows& up, Day d) {
  Result result;
  const KeyedRows<pdc::Row> pdc_of(up.pdc, &pdc::Row::player_lookup, OnDuplicateKey::LastWins);
  const KeyedRows<pcf::Row> pcf_of(up.pcf, &pcf::Row::player_lookup, OnDuplicateKey::LastWins);
  const KeyedRows<psza::Row> psza_of(up.psza, &psza::Row::player_lookup, OnDuplicateKey::LastWins);
  const KeyedRows<tdza::Row> tdza_of(up.tdza, &tdza::Row::team_abbr, OnDuplicateKey::LastWins);
  const KeyedRows<PlayerContextRow> context_of(in.context_on(d), &PlayerContextRow::player_lookup,
                                               OnDuplicateKey::FirstWins);  // first row per player wins
  const int season = season_year_of(d);
  const Day oct1 = october_first(season);
  // A team's win percentage is the same for all its players on D: worked out
  // once per team (about 30) instead of once per player (about 250).
  std::vector<std::pair<std::string_view, double>> win_pct_memo;
  auto win_pct_of = [&](const std::string& team) {
    for (const auto& [t, pct] : win_pct_memo)
      if (t == team) return pct;
    const double pct = team_win_pct(team_games_this_season(in, team, season, d));
    win_pct_memo.emplace_back(team, pct);
    return pct;
  };

  std::vector<const PlayerGame*> last;  // per player, reused
  last.reserve(10);
  for (const std::uint32_t pos : players.players_on(d)) {  // roster = players with a box score on D (backfill mode)
    const auto& p = players.players[pos];
    const PlayerGame* today_row = game_on(p, d);
    const PlayerGame& today = *today_row;
    ++result.entities;

    // Last-10 rows: [D-60, D), newest first, any status.
    last.clear();
    const auto [lo, hi] = date_range(p, d - kRecentWindowDays, d);
    for (std::size_t i = hi; i > lo && last.size() < 10; --i) last.push_back(&p.games[i - 1]);
    if (last.empty()) {
      result.failures.push_back({"mlfs", d, p.player_lookup, "FILTERED_NO_RECENT_GAMES",
                                 "No player_game_summary row in the 60 days before the game"});
      continue;
    }
    // Season stats: season_year = SY and Oct 1 <= date < D (SQL AVG skips NULLs).
    std::int64_t season_points = 0, season_points_n = 0, season_minutes = 0, season_minutes_n = 0;
    {
      const auto [slo, shi] = date_range(p, oct1, d);
      for (std::size_t i = slo; i < shi; ++i) {
        const PlayerGame& g = p.games[i];
        if (g.season_year != season) continue;
        if (g.points != kNull) season_points += g.points, ++season_points_n;
        if (g.minutes_x10 != kNull) season_minutes += g.minutes_x10, ++season_minutes_n;
      }
    }
    // mean_i64's arithmetic (exact integer sum, one division) without the vector.
    const double season_points_avg =
        season_points_n == 0 ? kNaN : static_cast<double>(season_points) / static_cast<double>(season_points_n);
    const double season_minutes_avg =
        season_minutes_n == 0 ? kNaN : bigquery_numeric_quotient(season_minutes, 1, season_minutes_n);

    const PlayerContextRow* ctx = context_of.find(p.player_lookup);
    std::array<double, kP4Keys> p4;
    p4.fill(kNaN);
    bool cache_miss = false;
    const pdc::Row* cache = pdc_of.find(p.player_lookup);
    if (cache) {
      p4[kL5] = cache->points_avg_last_5, p4[kL10] = cache->points_avg_last_10;
      p4[kSeasonAvg] = cache->points_avg_season, p4[kStd] = cache->points_std_last_10;
      p4[kGames7] = cache->games_in_last_7_days, p4[kPaintRate] = cache->paint_rate_last_10;
      p4[kThreeRate] = cache->three_pt_rate_last_10, p4[kTeamPace] = cache->team_pace_last_10;
      p4[kTeamOff] = cache->team_off_rating_last_10, p4[kMinutes] = cache->minutes_avg_last_10;
    } else {
      std::string team = ctx ? ctx->team_abbr : std::string();
      if (team.empty())
        for (auto* g : last)
          if (g->is_dnp != 1 && g->minutes_x10 != kNull && g->minutes_x10 > 0) {
            team = g->team_abbr;
            break;
          }
      const std::vector<TeamOffenseGame> team_season = team_games_this_season(in, team, season, d);
      cache_miss = cache_miss_fallback(last, team_season, season_points_avg, d, p4);
    }
    // Later sources overwrite earlier keys, NULLs included (spec 4.5).
    const pcf::Row* factors = pcf_of.find(p.player_lookup);
    if (factors) {
      p4[kFatigue] = static_cast<double>(factors->fatigue_score);
      p4[kZoneMismatch] = factors->shot_zone_mismatch_score;
      p4[kPaceScore] = factors->pace_score;
      p4[kUsageSpike] = factors->usage_spike_score;
    }
    const psza::Row* zones = psza_of.find(p.player_lookup);
    if (zones) {
      p4[kPaintRate] = zones->paint_rate_last_10;
      p4[kMidRate] = zones->mid_range_rate_last_10;
      p4[kThreeRate] = zones->three_pt_rate_last_10;
    }
    const tdza::Row* defense = tdza_of.find(today.opponent_team_abbr);
    if (defense) {
      p4[kOppDefRating] = defense->defensive_rating_last_15;
      p4[kOppPace] = defense->opponent_pace;
    }

    // Phase 3 fallbacks: played last-10 rows, season average, context games in 7 days.
    std::vector<std::int64_t> played_points;
    for (auto* g : last)
      if (g->points != kNull && (g->minutes_x10 != kNull || g->points > 0)) played_points.push_back(g->points);
    const double p3_l5 =
        played_points.size() >= 5 ? mean_i64({played_points.begin(), played_points.begin() + 5}) : kNaN;
    const double p3_l10 = mean_i64({played_points.begin(),
                                    played_points.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(10, played_points.size()))});
    const double p3_g7 = ctx && ctx->games_in_last_7_days != kNull ? static_cast<double>(ctx->games_in_last_7_days) : kNaN;

    Row row;
    row.player_lookup = p.player_lookup;
    row.universal_player_id = today.universal_player_id;
    row.game_id = today.game_id;
    row.team_abbr = today.team_abbr;
    row.opponent_team_abbr = today.opponent_team_abbr;
    row.game_date = d;
    {
      const auto last_sep = today.game_id.rfind('_');
      row.is_home = last_sep != std::string::npos && today.game_id.substr(last_sep + 1) == today.team_abbr;
    }
    row.days_rest = ctx && ctx->days_rest != kNull ? static_cast<double>(ctx->days_rest) : kNaN;
    row.cache_miss_fallback_used = cache_miss;
    auto set = [&](int i, Tagged t) {
      row.features[static_cast<std::size_t>(i)] = t.value;
      row.sources[static_cast<std::size_t>(i)] = t.source;
    };
    auto phase4_only = [&](double v, double fallback) {
      return std::isnan(v) ? Tagged{fallback, Source::Default} : Tagged{v, Source::Phase4};
    };
    auto nullable_pct = [&](double v) {
      return std::isnan(v) ? Tagged{kNaN, Source::Missing} : Tagged{v / 100.0, Source::Phase4};
    };
    set(0, with_fallback(p4[kL5], p3_l5, 10.0));
    set(1, with_fallback(p4[kL10], p3_l10, 10.0));
    set(2, with_fallback(p4[kSeasonAvg], season_points_avg, 10.0));
    set(3, with_fallback(p4[kStd], kNaN, 5.0));
    set(4, with_fallback(p4[kGames7], p3_g7, 3.0));
    set(5, phase4_only(p4[kFatigue], 50.0));
    set(6, phase4_only(p4[kZoneMismatch], 0.0));
    set(7, phase4_only(p4[kPaceScore], 0.0));
    set(8, phase4_only(p4[kUsageSpike], 0.0));
    set(9, {rest_advantage(ctx ? ctx->days_rest : kNull, ctx ? ctx->opponent_days_rest : kNull), Source::Calculated});
    set(10, {injury_risk(ctx ? ctx->player_status : std::string()), Source::Calculated});
    {
      std::vector<std::int64_t> pts;
      for (auto* g : last) pts.push_back(g->points == kNull ? 0 : g->points);
      set(11, {recent_trend(pts), Source::Calculated});
    }
    {
      double recent = p4[kMinutes];
      if (std::isnan(recent)) {
        std::int64_t m = 0;
        for (auto* g : last) m += g->minutes_x10 == kNull ? 0 : g->minutes_x10;
        recent = decimal_to_double(m, 1) / static_cast<double>(last.size());
      }
      set(12, {minutes_change(recent, std::isnan(season_minutes_avg) ? 0.0 : season_minutes_avg), Source::Calculated});
    }
    set(13, with_fallback(p4[kOppDefRating], kNaN, 112.0));
    set(14, with_fallback(p4[kOppPace], kNaN, 100.0));
    set(15, {ctx && ctx->home_game == 1 ? 1.0 : 0.0, Source::Phase3});
    set(16, {ctx && ctx->back_to_back == 1 ? 1.0 : 0.0, Source::Phase3});
    {
      std::string phase = ctx ? ctx->season_phase : std::string();
      for (auto& c : phase) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      set(17, {phase == "playoffs" ? 1.0 : 0.0, Source::Phase3});
    }
    set(18, nullable_pct(p4[kPaintRate]));
    set(19, nullable_pct(p4[kMidRate]));
    set(20, nullable_pct(p4[kThreeRate]));
    set(21, {pct_free_throw(last), Source::Calculated});
    set(22, with_fallback(p4[kTeamPace], kNaN, 100.0));
    set(23, with_fallback(p4[kTeamOff], kNaN, 112.0));
    set(24, {ctx ? win_pct_of(ctx->team_abbr) : 0.5, Source::Calculated});
    row.quality = score_quality(row.sources);
    row.is_production_ready = cache && cache->l5.production_ready && cache->l10.production_ready &&
                              cache->l7d.production_ready && cache->l14d.production_ready && factors && zones &&
                              defense;
    result.rows.push_back(std::move(row));
  }
  return result;
}

OutputTable to_table(RowBatches<Row> rows) {
  OutputTable t("mlfs");
  t.add_rows(rows, [&](const auto& rows) {
    auto b = [](bool v) { return std::int64_t{v}; };
    t.add_str("player_lookup", 48, rows, &Row::player_lookup);
    t.add_str("universal_player_id", 48, rows, &Row::universal_player_id);
    t.add_date("game_date", rows, &Row::game_date);
    t.add_str("game_id", 24, rows, &Row::game_id);
    t.add_str("team_abbr", 8, rows, &Row::team_abbr);
    t.add_str("opponent_team_abbr", 8, rows, &Row::opponent_team_abbr);
    t.add_bool("is_home", rows, [&](const Row& r) { return b(r.is_home); });
    t.add_f64("days_rest", rows, [](const Row& r) { return r.days_rest; });
    t.add_f64_matrix("features", kFeatures, rows, [](const Row& r) { return r.features; });
    t.add_i8_matrix("feature_sources", kFeatures, rows, [](const Row& r) {
      std::array<std::int8_t, kFeatures> codes{};
      for (std::size_t i = 0; i < codes.size(); ++i) codes[i] = static_cast<std::int8_t>(r.sources[i]);
      return codes;
    });
    t.add_f64("feature_quality_score", rows, [](const Row& r) { return r.quality.score; });
    t.add_str("quality_tier", 8, rows, [](const Row& r) -> std::string_view { return r.quality.tier; });
    t.add_str("data_source", 16, rows, [](const Row& r) -> std::string_view { return r.quality.data_source; });
    t.add_i64("default_feature_count", rows, [](const Row& r) { return std::int64_t{r.quality.default_count}; });
    t.add_i64("required_default_count", rows, [](const Row& r) { return std::int64_t{r.quality.default_count}; });
    t.add_f64("matchup_quality_pct", rows, [](const Row& r) { return r.quality.matchup_pct; });
    t.add_f64("player_history_quality_pct", rows, [](const Row& r) { return r.quality.player_history_pct; });
    t.add_f64("team_context_quality_pct", rows, [](const Row& r) { return r.quality.team_context_pct; });
    t.add_f64("game_context_quality_pct", rows, [](const Row& r) { return r.quality.game_context_pct; });
    t.add_bool("is_quality_ready", rows, [&](const Row& r) { return b(r.quality.is_quality_ready); });
    t.add_bool("is_training_ready", rows, [&](const Row& r) { return b(r.quality.is_training_ready); });
    t.add_bool("is_production_ready", rows, [&](const Row& r) { return b(r.is_production_ready); });
    t.add_bool("cache_miss_fallback_used", rows, [&](const Row& r) { return b(r.cache_miss_fallback_used); });
    t.add_str("feature_version", 16, rows, [](const Row&) { return std::string(kVersion); });
  });
  t.set_attribute("feature_names", {feature_names().begin(), feature_names().end()});
  t.set_attribute("feature_source_codes", source_names());
  return t;
}

}  // namespace nba::mlfs
