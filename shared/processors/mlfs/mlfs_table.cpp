#include "processors/mlfs/mlfs.hpp"
#include "processors/source_hashes.hpp"

namespace nba::mlfs {

namespace {
constexpr std::size_t kPdcHashWidth = 64;  // PDC's data_hash is all 64 hex digits
}  // namespace

// What the shards store: the vector, its raw tags and every value that is not
// a pure function of them. The export derives the rest of HEAD's record (the
// feature_i_* columns, counts, alerts, JSON texts) from the stored tags with
// the same scorer (record_columns.hpp; docs/output-format.md).
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
    t.add_f64_matrix("features", kFeatures, rows, [](const Row& r) { return r.vector.value; });
    t.add_i8_matrix("feature_sources", kFeatures, rows, [](const Row& r) {
      std::array<std::int8_t, kFeatures> codes{};
      for (std::size_t i = 0; i < codes.size(); ++i) codes[i] = static_cast<std::int8_t>(r.vector.tag[i]);
      return codes;
    });
    t.add_f64("feature_quality_score", rows, [](const Row& r) { return r.quality.score; });
    t.add_str("quality_tier", 8, rows, [](const Row& r) -> std::string_view { return r.quality.tier; });
    t.add_str("data_source", 16, rows, [](const Row& r) -> std::string_view { return r.quality.data_source; });
    t.add_i64("default_feature_count", rows, [](const Row& r) { return std::int64_t{r.quality.default_count}; });
    t.add_i64("required_default_count", rows,
              [](const Row& r) { return std::int64_t{r.quality.required_default_count}; });
    for (int c = 0; c < kCategories; ++c)
      t.add_f64(std::string(kCategoryNames[static_cast<std::size_t>(c)]) + "_quality_pct", rows,
                [c](const Row& r) { return r.quality.category_pct[static_cast<std::size_t>(c)]; });
    t.add_bool("is_quality_ready", rows, [&](const Row& r) { return b(r.quality.is_quality_ready); });
    t.add_bool("is_training_ready", rows, [&](const Row& r) { return b(r.quality.is_training_ready); });
    t.add_bool("is_production_ready", rows, [&](const Row& r) { return b(r.is_production_ready); });
    t.add_i64("upstream_incomplete", rows, [](const Row& r) { return r.upstream_incomplete; });
    t.add_bool("cache_miss_fallback_used", rows, [&](const Row& r) { return b(r.cache_miss_fallback_used); });
    t.add_str("vegas_line_source", 12, rows, &Row::vegas_line_source);
    t.add_i64("actual_games_count", rows, [](const Row& r) { return r.games_found; });
    t.add_i64("games_expected", rows, [](const Row& r) { return r.games_expected; });
    t.add_i8_matrix("last_10_days_before", kLast10, rows, [](const Row& r) { return r.last_10_days_before; });
    t.add_str("source_daily_cache_hash", kPdcHashWidth, rows, &Row::source_daily_cache_hash);
    t.add_str("source_composite_hash", kHashWidth, rows, &Row::source_composite_hash);
    t.add_str("source_shot_zones_hash", kHashWidth, rows, &Row::source_shot_zones_hash);
    t.add_str("source_team_defense_hash", kHashWidth, rows, &Row::source_team_defense_hash);
  });
  t.set_attribute("feature_names", {feature_names().begin(), feature_names().end()});
  t.set_attribute("feature_source_codes", source_names());
  return t;
}

}  // namespace nba::mlfs
