#include "processors/mlfs/trajectory_features.hpp"

#include "core/decimal_stats.hpp"
#include "core/null_value.hpp"
#include "core/rounding.hpp"

namespace nba::mlfs {

double dnp_rate(const std::vector<const PlayerGame*>& g) {
  if (g.size() < 3) return 0.0;
  int dnp = 0;
  for (const PlayerGame* r : g) dnp += r->is_dnp == 1;  // NULL and FALSE do not count
  return python_round(static_cast<double>(dnp) / static_cast<double>(g.size()), 9);
}

double points_slope_10g(const std::vector<const PlayerGame*>& g) {
  if (g.size() < 5) return 0.0;
  const std::size_t n = g.size();
  // Oldest first, x = 0..n-1; sequential double sums in that order.
  auto y = [&](std::size_t i) { return g[n - 1 - i]->points == kNull ? 0.0 : static_cast<double>(g[n - 1 - i]->points); };
  double sum_y = 0;
  for (std::size_t i = 0; i < n; ++i) sum_y += y(i);
  const double mean_x = static_cast<double>(n - 1) / 2.0, mean_y = sum_y / static_cast<double>(n);
  double num = 0, den = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double dx = static_cast<double>(i) - mean_x;
    num += dx * (y(i) - mean_y);
    den += dx * dx;
  }
  return python_round(num / den, 9);
}

double points_vs_season_zscore(std::optional<double> l5, std::optional<double> season, std::optional<double> sd) {
  if (!l5 || !season || !sd || *sd == 0) return 0.0;
  return python_round(clamp_min_max((*l5 - *season) / *sd, -3.0, 3.0), 9);
}

double breakout_flag(std::optional<double> l5, std::optional<double> season, std::optional<double> sd) {
  if (!l5 || !season || !sd) return 0.0;
  return *l5 > *season + 1.5 * *sd ? 1.0 : 0.0;
}

}  // namespace nba::mlfs
