#pragma once
// The core features' own arithmetic (indices 0-24, spec processors-pcf-mlfs.md
// 4.5-4.6): the merged "phase4 dict" and its cache-miss fallback, the fallback
// chain phase4 -> phase3 -> default, and the calculated features.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "processors/context_inputs.hpp"
#include "processors/mlfs/feature_tags.hpp"
#include "processors/player_game_history.hpp"

namespace nba::mlfs {

// Keys of the merged "phase4 dict" (spec 4.5); NaN = absent or NULL.
enum P4 {
  kL5, kL10, kSeasonAvg, kStd, kGames7, kPaintRate, kMidRate, kThreeRate, kTeamPace, kTeamOff, kMinutes,
  kFatigue, kZoneMismatch, kPaceScore, kUsageSpike, kOppDefRating, kOppPace,
  kPpm,  // the cache-miss fallback's only (the PDC query selects no such column)
  kP4Keys
};

struct Tagged {
  double value;
  Source source;
};
// The phase4 value when there is one, else the phase3 one, else the default.
Tagged with_fallback(double phase4, double phase3, double fallback);

// The mean of integers (exact sum, one division); NaN for none.
double mean_i64(const std::vector<std::int64_t>& v);

// PDC-like fields computed from the last-10 rows when PDC has no row (spec 4.6.1),
// tagged phase4. Zone rates are returned in percent (decision 7: the original
// divides a 0-1 fraction by 100 again). Returns false, and computes nothing
// (team pace and rating included), when no last-10 row is a played game: HEAD
// then uses no fallback at all and does not flag the row.
bool cache_miss_fallback(const std::vector<const PlayerGame*>& last, const std::vector<TeamOffenseGame>& team_games,
                         double season_points_avg, Day d, std::array<double, kP4Keys>& p4);

// The team's games of `season_year` dated from Oct 1 to before D. The games are
// in date order, so only that window is visited, not every season loaded.
std::vector<TeamOffenseGame> team_games_this_season(const ContextInputs& in, const std::string& team, int season_year,
                                                    Day d);

// Calculated features (spec 4.6.2 - 4.6.5), exposed for the golden tests.
double rest_advantage(std::int64_t days_rest, std::int64_t opponent_days_rest);
double injury_risk(const std::string& player_status);
double recent_trend(const std::vector<std::int64_t>& points_newest_first);  // NULL points as 0 already
double minutes_change(double recent, double season);
double pct_free_throw(const std::vector<const PlayerGame*>& last_games);
double team_win_pct(const std::vector<TeamOffenseGame>& season_games_before_d);

}  // namespace nba::mlfs
