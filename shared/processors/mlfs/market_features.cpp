#include "processors/mlfs/market_features.hpp"

namespace nba::mlfs {

void add_market_features(const PlayerMarket& m, FeatureVector& v) {
  auto put = [&](int i, const std::optional<double>& x, Source tag) {
    if (x) v.set(i, *x, tag);
    else v.set_missing(i);
  };
  put(25, m.line, Source::Vegas);
  put(26, m.opening, Source::Vegas);
  put(27, m.move, Source::Vegas);
  v.set(28, m.line ? 1.0 : 0.0, Source::Calculated);  // never default-like: the value is the indicator (A8)
  put(47, m.teammate_usage, Source::Calculated);
  put(50, m.multi_book_std, m.multi_book_from_bettingpros ? Source::BettingPros : Source::Vegas);
  put(53, m.line ? std::optional<double>(*m.line - v.at(2)) : std::nullopt, Source::Calculated);
  put(54, m.prop_line_delta, Source::Vegas);
  put(55, m.over_rate, Source::Calculated);
  put(56, m.margin_vs_line, Source::Calculated);
  put(60, m.line_movement, Source::Vegas);
  put(61, m.vig_skew, Source::Vegas);
  put(63, m.late_moves, Source::Vegas);
}

}  // namespace nba::mlfs
