#include "processors/mlfs/record_hash.hpp"

#include <cmath>

#include "core/python_text.hpp"
#include "processors/mlfs/feature_tags.hpp"
#include "processors/row_hash.hpp"

namespace nba::mlfs {

namespace {

std::string features_text(std::span<const double> v) {
  std::string out = "[";
  for (int i = 0; i < kFeatures; ++i) {
    if (i) out += ", ";
    const double x = v[static_cast<std::size_t>(i)];
    if (std::isnan(x)) out += missing_is_none(i) ? "None" : "nan";
    else append_py_float(out, x);
  }
  return out + "]";
}

const std::string& names_text() {
  static const std::string text = [] {
    std::string out = "[";
    for (const auto& n : feature_names()) out += (out.size() > 1 ? ", '" : "'") + n + "'";
    return out + "]";
  }();
  return text;
}

}  // namespace

std::string record_data_hash(const HashedFields& r) {
  FieldHash16 h;  // fields in ascending name order, as the recipe sorts them
  h.str("data_source", r.data_source);
  h.integer_or_null("days_rest", r.days_rest);
  h.boolean("early_season_flag", false);
  h.integer("feature_count", kScored);
  h.text("feature_names", names_text());
  h.num("feature_quality_score", r.feature_quality_score);
  h.str("feature_version", kVersion);
  h.text("features", features_text(r.features));
  h.str("game_date", r.game_date);
  h.str("game_id", r.game_id);
  h.null("insufficient_data_reason");
  h.boolean("is_home", r.is_home);
  h.str("opponent_team_abbr", r.opponent_team_abbr);
  h.str("player_lookup", r.player_lookup);
  h.str("universal_player_id", r.universal_player_id);
  return h.finish();
}

}  // namespace nba::mlfs
