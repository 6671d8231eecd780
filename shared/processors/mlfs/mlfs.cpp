#include "processors/mlfs/mlfs.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "core/null_value.hpp"
#include "core/python_text.hpp"
#include "core/rounding.hpp"
#include "phase3/table.hpp"
#include "processors/keyed_rows.hpp"
#include "processors/mlfs/context_features.hpp"
#include "processors/mlfs/core_features.hpp"
#include "processors/mlfs/market_features.hpp"
#include "processors/mlfs/opponent_minutes_features.hpp"
#include "processors/mlfs/opportunity_features.hpp"
#include "processors/mlfs/rolling_features.hpp"
#include "processors/mlfs/trajectory_features.hpp"
#include "processors/source_hashes.hpp"

namespace nba::mlfs {

Result compute(const PlayerGameHistory& players, const ContextInputs& in, const MarketInputs& market,
               const SameDateRows& up, Day d) {
  Result result;
  const KeyedRows<pdc::Row> pdc_of(up.pdc, &pdc::Row::player_lookup, OnDuplicateKey::LastWins);
  const KeyedRows<pcf::Row> pcf_of(up.pcf, &pcf::Row::player_lookup, OnDuplicateKey::LastWins);
  const KeyedRows<psza::Row> psza_of(up.psza, &psza::Row::player_lookup, OnDuplicateKey::LastWins);
  const KeyedRows<tdza::Row> tdza_of(up.tdza, &tdza::Row::team_abbr, OnDuplicateKey::LastWins);
  const KeyedRows<PlayerContextRow> context_of(in.context_on(d), &PlayerContextRow::player_lookup,
                                               OnDuplicateKey::FirstWins);  // first row per player wins
  // source_<upstream>_hash: the same for every row of D (spec 4.6).
  const std::string pdc_hash = smallest_data_hash(up.pdc), pcf_hash = smallest_data_hash(up.pcf);
  const std::string psza_hash = smallest_data_hash(up.psza), tdza_hash = smallest_data_hash(up.tdza);
  const std::map<std::string, PlayerMarket> markets = market_on(market, d);
  const std::map<std::string, double> teammate_usage = teammate_usage_on(market, players, in.context_on(d), d);
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
    // Every date in [Oct 1, D) falls in season SY, so "season_year = SY" is
    // "labelled with its own season": the running totals' difference.
    const SeasonSums season_sums = own_season_sums(p, date_range(p, oct1, d));
    // mean_i64's arithmetic (exact integer sum, one division) without the vector.
    const double season_points_avg =
        season_sums.points_n == 0 ? kNaN
                                  : static_cast<double>(season_sums.points) / static_cast<double>(season_sums.points_n);
    const double season_minutes_avg =
        season_sums.minutes_n == 0 ? kNaN
                                   : bigquery_numeric_quotient(season_sums.minutes_x10, 1, season_sums.minutes_n);

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
    FeatureVector& v = row.vector;
    auto set = [&](int i, Tagged t) { v.set(i, t.value, t.source); };
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
        // HEAD: sum(Decimal minutes) / len, a decimal quotient: one division of exact integers.
        recent = last.empty() ? 0.0 : static_cast<double>(m) / (10.0 * static_cast<double>(last.size()));
      }
      set(12, {minutes_change(recent, std::isnan(season_minutes_avg) ? 0.0 : season_minutes_avg), Source::Calculated});
    }
    set(13, with_fallback(p4[kOppDefRating], kNaN, 112.0));
    set(14, with_fallback(p4[kOppPace], kNaN, 100.0));
    set(15, {ctx && ctx->home_game == 1 ? 1.0 : 0.0, Source::Phase3});
    set(16, {ctx && ctx->back_to_back == 1 ? 1.0 : 0.0, Source::Phase3});
    set(17, {ctx && ascii_lower(ctx->season_phase) == "playoffs" ? 1.0 : 0.0, Source::Phase3});
    set(18, nullable_pct(p4[kPaintRate]));
    set(19, nullable_pct(p4[kMidRate]));
    set(20, nullable_pct(p4[kThreeRate]));
    set(21, {pct_free_throw(last), Source::Calculated});
    set(22, with_fallback(p4[kTeamPace], kNaN, 100.0));
    set(23, with_fallback(p4[kTeamOff], kNaN, 112.0));
    set(24, {ctx ? win_pct_of(ctx->team_abbr) : 0.5, Source::Calculated});
    // 25-28, 47, 50, 53-56, 60, 61, 63 from the optional market tables.
    PlayerMarket m;
    if (const auto odds = markets.find(p.player_lookup); odds != markets.end()) m = odds->second;
    if (const auto usage = teammate_usage.find(p.player_lookup); usage != teammate_usage.end()) m.teammate_usage = usage->second;
    add_prop_history(market, p, d, m);
    add_market_features(m, v);

    // 29-32: opponent history and minutes / points per minute (spec 3.2-3.3).
    {
      const OpponentHistory h = opponent_history(p, today.opponent_id, d);
      // Truthiness chain: a season average of exactly 0.0 is skipped (A14).
      auto truthy = [](double x) { return !std::isnan(x) && x != 0.0; };
      if (!std::isnan(h.avg_points)) set(29, {h.avg_points, Source::OpponentHistory});
      else set(29, {truthy(p4[kSeasonAvg]) ? p4[kSeasonAvg] : truthy(season_points_avg) ? season_points_avg : 10.0,
                    Source::Calculated});
      set(30, {static_cast<double>(h.games), Source::OpponentHistory});
      const std::optional<MinutesPpm> per_minute = minutes_ppm(p, d);
      auto chain = [&](int i, double own, double phase4, double fallback) {
        if (!std::isnan(own)) set(i, {own, Source::MinutesPpm});
        else if (!std::isnan(phase4)) set(i, {phase4, Source::Phase4});
        else set(i, {fallback, Source::Default});
      };
      chain(31, per_minute ? per_minute->minutes_avg : kNaN, p4[kMinutes], 28.0);
      chain(32, per_minute ? per_minute->ppm_avg : kNaN, p4[kPpm], 0.4);
    }
    // 33-36: DNP rate and trajectory over the last-10 rows (spec 3.4). A NaN
    // phase 4 value is absent (None); phase 3's season average is None without
    // season rows and NaN when they all lack points (A3).
    {
      auto present = [](double x) { return std::isnan(x) ? std::optional<double>() : std::optional<double>(x); };
      const std::optional<double> l5 = !std::isnan(p4[kL5]) ? p4[kL5] : present(p3_l5);
      const std::optional<double> s =
          !std::isnan(p4[kSeasonAvg]) ? std::optional<double>(p4[kSeasonAvg])
                                      : season_sums.rows ? std::optional<double>(season_points_avg) : std::nullopt;
      const std::optional<double> sd = present(p4[kStd]);
      set(33, {dnp_rate(last), Source::Calculated});
      set(34, {points_slope_10g(last), Source::Calculated});
      set(35, {points_vs_season_zscore(l5, s, sd), Source::Calculated});
      set(36, {breakout_flag(l5, s, sd), Source::Calculated});
    }
    add_context_features(ctx, v);
    if (const std::optional<RollingStats> r = rolling_stats(p, d)) {
      set(43, {r->points_avg_last_3, Source::Calculated});
      set(44, {r->scoring_trend_slope, Source::Calculated});
      set(45, {r->deviation_from_avg_last3, Source::Calculated});
      set(46, {r->consecutive_games_below_avg, Source::Calculated});
      set(48, {r->usage_rate_last_5, Source::Calculated});
      set(49, {r->games_since_structural_change, Source::Calculated});
    } else {
      for (int i : {43, 44, 45, 46, 48, 49}) v.set_missing(i);
    }
    add_opportunity_features(p, in, d, v);

    ScoredTags scored;
    std::copy_n(v.tag.begin(), kScored, scored.begin());
    row.quality = score_quality(scored);
    row.upstream_incomplete =
        (cache && cache->l5.production_ready && cache->l10.production_ready && cache->l7d.production_ready &&
                 cache->l14d.production_ready
             ? 0
             : kPdcIncomplete) |
        (factors ? 0 : kPcfIncomplete) | (zones ? 0 : kPszaIncomplete) | (defense ? 0 : kTdzaIncomplete);
    row.is_production_ready = row.upstream_incomplete == 0;
    row.vegas_line_source = m.line_source;
    row.last_10_days_before.fill(0);
    for (std::size_t i = 0; i < last.size(); ++i) row.last_10_days_before[i] = static_cast<std::int8_t>(d - last[i]->date);
    row.games_found = static_cast<std::int64_t>(last.size());
    {
      const auto [ylo, yhi] = date_range(p, d - 365, d);
      row.games_expected = std::min<std::int64_t>(static_cast<std::int64_t>(yhi - ylo), kLast10);
    }
    row.source_daily_cache_hash = pdc_hash, row.source_composite_hash = pcf_hash;
    row.source_shot_zones_hash = psza_hash, row.source_team_defense_hash = tdza_hash;
    result.rows.push_back(std::move(row));
  }
  return result;
}

}  // namespace nba::mlfs
