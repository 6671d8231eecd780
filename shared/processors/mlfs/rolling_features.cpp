#include "processors/mlfs/rolling_features.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/null_value.hpp"
#include "core/rounding.hpp"

namespace nba::mlfs {

namespace {

constexpr int kWindowDays = 60;
volatile double kTwo = 2.0;

// HEAD's slope over the last min(7, n) points, x = 1..m: every sum is of small
// integers, so exact; the one rounding is the final division.
double trend_slope(const std::vector<const PlayerGame*>& r) {
  if (r.size() < 4) return 0.0;
  const std::size_t m = std::min<std::size_t>(7, r.size());
  std::int64_t sx = 0, sy = 0, sxy = 0, sxx = 0;
  for (std::size_t j = 1; j <= m; ++j) {
    const std::int64_t y = r[r.size() - m + j - 1]->points, x = static_cast<std::int64_t>(j);
    sx += x, sy += y, sxy += x * y, sxx += x * x;
  }
  const auto n = static_cast<std::int64_t>(m);
  const std::int64_t den = n * sxx - sx * sx;
  return den == 0 ? 0.0 : static_cast<double>(n * sxy - sx * sy) / static_cast<double>(den);
}

// Walking back from the newest game: the games after the first of the current
// stint (a new team, or a gap of more than 14 days), at most 30.
double games_since_change(const std::vector<const PlayerGame*>& r) {
  const std::size_t n = r.size();
  for (std::size_t i = n - 1; i >= 1; --i)
    if (r[i]->team_abbr != r[i - 1]->team_abbr || r[i]->date - r[i - 1]->date > 14)
      return static_cast<double>(n - 1 - i);
  return static_cast<double>(std::min<std::size_t>(n, 30));
}

}  // namespace

std::optional<RollingStats> rolling_stats(const PlayerGameHistory::Player& player, Day d) {
  // Oldest first, as HEAD orders them.
  std::vector<const PlayerGame*> r;
  const auto [lo, hi] = date_range(player, d - kWindowDays, d);
  for (std::size_t i = lo; i < hi; ++i) {
    const PlayerGame& g = player.games[i];
    if (g.points != kNull && g.minutes_x10 != kNull && g.minutes_x10 > 0) r.push_back(&g);
  }
  if (r.empty()) return std::nullopt;
  const std::size_t n = r.size();
  RollingStats s{};
  {
    const std::size_t k = std::min<std::size_t>(3, n);
    double sum = 0;
    for (std::size_t i = n - k; i < n; ++i) sum += static_cast<double>(r[i]->points);
    s.points_avg_last_3 = sum / static_cast<double>(k);
  }
  s.scoring_trend_slope = trend_slope(r);
  double total = 0;
  for (const PlayerGame* g : r) total += static_cast<double>(g->points);
  const double avg = total / static_cast<double>(n);
  double sd = 5.0;
  if (n >= 2) {
    // HEAD squares with Python's `** 2`, i.e. libm's pow, which is not always
    // x * x (within an ulp); an exponent the compiler cannot see keeps it from
    // folding pow into a multiplication.
    const double two = kTwo;
    double squares = 0;  // in date order, as Python's sum
    for (const PlayerGame* g : r) squares += std::pow(static_cast<double>(g->points) - avg, two);
    sd = std::pow(squares / static_cast<double>(n - 1), 0.5);  // Python's x ** 0.5
  }
  s.deviation_from_avg_last3 = sd > 0 ? (s.points_avg_last_3 - avg) / sd : 0.0;
  int below = 0;
  for (std::size_t i = n; i > 0 && static_cast<double>(r[i - 1]->points) < avg; --i) ++below;
  s.consecutive_games_below_avg = below;
  std::vector<double> usage;
  for (const PlayerGame* g : r)
    if (g->usage_rate_x100 != kNull) usage.push_back(decimal_to_double(g->usage_rate_x100, 2));
  s.usage_rate_last_5 = 20.0;
  if (usage.size() >= 3) {
    const std::size_t k = std::min<std::size_t>(5, usage.size());
    double sum = 0;
    for (std::size_t i = usage.size() - k; i < usage.size(); ++i) sum += usage[i];
    s.usage_rate_last_5 = sum / static_cast<double>(k);
  }
  s.games_since_structural_change = games_since_change(r);
  return s;
}

}  // namespace nba::mlfs
