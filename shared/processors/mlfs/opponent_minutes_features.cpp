#include "processors/mlfs/opponent_minutes_features.hpp"

#include "core/null_value.hpp"
#include "core/rounding.hpp"

namespace nba::mlfs {

namespace {
constexpr int kMinutesWindowDays = 30;
}  // namespace

Day one_year_before(Day d) {
  CivilDate c = civil_from_day(d);
  c.year -= 1;
  if (c.month == 2 && c.day == 29) c.day = 28;
  return day_from_civil(c);
}

OpponentHistory opponent_history(const PlayerGameHistory::Player& player, int opponent_id, Day d) {
  OpponentHistory h;
  std::int64_t points = 0, with_points = 0;
  const auto [lo, hi] = date_range(player, one_year_before(d), d);
  for (std::size_t i = lo; i < hi; ++i) {
    const PlayerGame& g = player.games[i];
    if (g.opponent_id != opponent_id) continue;
    ++h.games;
    if (g.points != kNull) points += g.points, ++with_points;
  }
  h.avg_points = with_points == 0 ? kNaN : static_cast<double>(points) / static_cast<double>(with_points);
  return h;
}

std::optional<MinutesPpm> minutes_ppm(const PlayerGameHistory::Player& player, Day d) {
  std::int64_t minutes_x10 = 0, games = 0, ppm_e9 = 0, ppm_games = 0;
  const auto [lo, hi] = date_range(player, d - kMinutesWindowDays, d);
  for (std::size_t i = lo; i < hi; ++i) {
    const PlayerGame& g = player.games[i];
    if (g.minutes_x10 == kNull || g.minutes_x10 <= 0) continue;
    minutes_x10 += g.minutes_x10, ++games;
    if (g.points == kNull) continue;
    // points / minutes as NUMERIC: 9 places, half away from zero (minutes are x10).
    ppm_e9 += bigquery_numeric_quotient_e9(g.points * 10, 0, g.minutes_x10);
    ++ppm_games;
  }
  if (games == 0) return std::nullopt;
  return MinutesPpm{bigquery_numeric_quotient(minutes_x10, 1, games),
                    ppm_games == 0 ? kNaN : bigquery_numeric_quotient(ppm_e9, 9, ppm_games)};
}

}  // namespace nba::mlfs
