#include "processors/mlfs/market_features.hpp"

namespace nba::mlfs {

void add_market_features(const PlayerMarket* m, FeatureVector& v) {
  auto put = [&](int i, const std::optional<double>& x, Source tag) {
    if (x) v.set(i, *x, tag);
    else v.set_missing(i);
  };
  const PlayerMarket none;
  const PlayerMarket& k = m ? *m : none;
  put(25, k.line, Source::Vegas);
  put(26, k.opening, Source::Vegas);
  put(27, k.line && k.opening ? std::optional<double>(*k.line - *k.opening) : std::nullopt, Source::Vegas);
  v.set(28, k.line ? 1.0 : 0.0, Source::Calculated);  // never default-like: the value is the indicator (A8)
  put(47, k.teammate_usage, Source::Calculated);
  put(50, k.multi_book_std, k.multi_book_from_bettingpros ? Source::BettingPros : Source::Vegas);
  put(53, k.line ? std::optional<double>(*k.line - v.at(2)) : std::nullopt, Source::Calculated);
  put(54, k.prop_line_delta, Source::Vegas);
  put(55, k.over_rate, Source::Calculated);
  put(56, k.margin_vs_line, Source::Calculated);
  put(60, k.line_movement, Source::Vegas);
  put(61, k.vig_skew, Source::Vegas);
  put(63, k.late_moves, Source::Vegas);
}

}  // namespace nba::mlfs
