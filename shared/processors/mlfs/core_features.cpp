#include "processors/mlfs/core_features.hpp"

#include <algorithm>
#include <cmath>
#include <span>

#include "core/decimal_stats.hpp"
#include "core/python_stdev.hpp"
#include "core/python_text.hpp"
#include "core/rounding.hpp"
#include "phase3/table.hpp"

namespace nba::mlfs {

double mean_i64(const std::vector<std::int64_t>& v) {
  if (v.empty()) return kNaN;
  std::int64_t s = 0;
  for (auto x : v) s += x;
  return static_cast<double>(s) / static_cast<double>(v.size());
}

Tagged with_fallback(double phase4, double phase3, double fallback) {
  if (!std::isnan(phase4)) return {phase4, Source::Phase4};
  if (!std::isnan(phase3)) return {phase3, Source::Phase3};
  return {fallback, Source::Default};
}


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
  if (p10.size() > 1) p4[kStd] = python_stdev(p10);  // HEAD: statistics.stdev, not numpy's
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
  // Python's sum / len over Decimal minutes: a 28-digit decimal quotient,
  // which as a double is the correctly rounded exact quotient (n <= 10).
  std::int64_t minutes_x10 = 0, minutes_n = 0, points_sum = 0;
  for (const PlayerGame* g : last_10) {
    if (g->minutes_x10 != kNull) minutes_x10 += g->minutes_x10, ++minutes_n;
    points_sum += g->points == kNull ? 0 : g->points;
  }
  if (minutes_n > 0) p4[kMinutes] = static_cast<double>(minutes_x10) / (10.0 * static_cast<double>(minutes_n));
  // ppm = sum of points / sum of minutes (int / Decimal in HEAD): the same exact quotient.
  if (minutes_x10 > 0) p4[kPpm] = static_cast<double>(points_sum * 10) / static_cast<double>(minutes_x10);
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
  // sum / len over Decimal pace and rating values, like the minutes above.
  p4[kTeamPace] = decimal_quotient_mean(team_10.begin(), team_10.end(), 1, [](const auto& g) { return g.pace_x10; });
  p4[kTeamOff] =
      decimal_quotient_mean(team_10.begin(), team_10.end(), 2, [](const auto& g) { return g.offensive_rating_x100; });
  return true;
}

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

double rest_advantage(std::int64_t days_rest, std::int64_t opponent_days_rest) {
  if (days_rest == kNull || opponent_days_rest == kNull) return 0.0;
  return clamp_min_max(static_cast<double>(days_rest - opponent_days_rest), -2, 2);
}

double injury_risk(const std::string& status) {
  const std::string s = ascii_lower(status);
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

}  // namespace nba::mlfs
