#include "processors/mlfs/mlfs.hpp"

namespace nba::mlfs {

OutputTable to_table(RowBatches<Row> rows) {
  OutputTable t("mlfs");
  t.add_rows(rows, [&](const auto& rows) {
    auto b = [](bool v) { return std::int64_t{v}; };
    t.add_str("player_lookup", 48, rows, &Row::player_lookup);
    t.add_str("universal_player_id", 48, rows, &Row::universal_player_id);
    t.add_date("game_date", rows, &Row::game_date);
    t.add_str("game_id", 24, rows, &Row::game_id);
    t.add_str("team_abbr", 8, rows, &Row::team_abbr);
    t.add_str("opponent_team_abbr", 8, rows, &Row::opponent_team_abbr);
    t.add_bool("is_home", rows, [&](const Row& r) { return b(r.is_home); });
    t.add_f64("days_rest", rows, [](const Row& r) { return r.days_rest; });
    t.add_f64_matrix("features", kFeatures, rows, [](const Row& r) { return r.features; });
    t.add_i8_matrix("feature_sources", kFeatures, rows, [](const Row& r) {
      std::array<std::int8_t, kFeatures> codes{};
      for (std::size_t i = 0; i < codes.size(); ++i) codes[i] = static_cast<std::int8_t>(r.sources[i]);
      return codes;
    });
    t.add_f64("feature_quality_score", rows, [](const Row& r) { return r.quality.score; });
    t.add_str("quality_tier", 8, rows, [](const Row& r) -> std::string_view { return r.quality.tier; });
    t.add_str("data_source", 16, rows, [](const Row& r) -> std::string_view { return r.quality.data_source; });
    t.add_i64("default_feature_count", rows, [](const Row& r) { return std::int64_t{r.quality.default_count}; });
    t.add_i64("required_default_count", rows, [](const Row& r) { return std::int64_t{r.quality.default_count}; });
    t.add_f64("matchup_quality_pct", rows, [](const Row& r) { return r.quality.matchup_pct; });
    t.add_f64("player_history_quality_pct", rows, [](const Row& r) { return r.quality.player_history_pct; });
    t.add_f64("team_context_quality_pct", rows, [](const Row& r) { return r.quality.team_context_pct; });
    t.add_f64("game_context_quality_pct", rows, [](const Row& r) { return r.quality.game_context_pct; });
    t.add_bool("is_quality_ready", rows, [&](const Row& r) { return b(r.quality.is_quality_ready); });
    t.add_bool("is_training_ready", rows, [&](const Row& r) { return b(r.quality.is_training_ready); });
    t.add_bool("is_production_ready", rows, [&](const Row& r) { return b(r.is_production_ready); });
    t.add_bool("cache_miss_fallback_used", rows, [&](const Row& r) { return b(r.cache_miss_fallback_used); });
    t.add_str("feature_version", 16, rows, [](const Row&) { return std::string(kVersion); });
  });
  t.set_attribute("feature_names", {feature_names().begin(), feature_names().end()});
  t.set_attribute("feature_source_codes", source_names());
  return t;
}

}  // namespace nba::mlfs
