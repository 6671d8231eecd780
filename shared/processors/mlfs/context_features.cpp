#include "processors/mlfs/context_features.hpp"

#include <cmath>

#include "core/null_value.hpp"

namespace nba::mlfs {

void add_context_features(const PlayerContextRow* ctx, FeatureVector& v) {
  auto integer = [&](int i, std::int64_t PlayerContextRow::*field) {
    if (ctx && ctx->*field != kNull) v.set(i, static_cast<double>(ctx->*field), Source::Phase3);
    else v.set_missing(i);
  };
  if (ctx && ctx->star_teammates_out != kNull) v.set(37, static_cast<double>(ctx->star_teammates_out), Source::Phase3);
  else v.set(37, 0.0, Source::Default);  // HEAD's "no stars out" default, scored as a default

  const double total = ctx ? ctx->game_total : kNaN, spread = ctx ? ctx->game_spread : kNaN;
  if (!std::isnan(total)) v.set(38, total, Source::Phase3);
  else v.set_missing(38);
  integer(39, &PlayerContextRow::days_rest);
  integer(40, &PlayerContextRow::minutes_in_last_7_days);
  if (!std::isnan(spread)) v.set(41, std::fabs(spread), Source::Phase3);
  else v.set_missing(41);
  // UPCG's spread is the favourite's (<= 0) for both teams, so this is not the
  // true implied total of an underdog (ambiguity A10): reproduced as HEAD has it.
  if (!std::isnan(total) && !std::isnan(spread))
    v.set(42, ctx->home_game == 1 ? (total - spread) / 2.0 : (total + spread) / 2.0, Source::Phase3);
  else
    v.set_missing(42);
  integer(51, &PlayerContextRow::prop_over_streak);
  integer(52, &PlayerContextRow::prop_under_streak);
}

}  // namespace nba::mlfs
