// MLFS v2: the context, opportunity and market feature families and the
// quality record over 60 indices, on the spec's golden cases G2, G3, G5, G8
// and G9 (processors-mlfs-v2.md section 6), and the record columns the
// export derives from a stored row.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/null_value.hpp"
#include "phase3/table.hpp"
#include "processors/mlfs/context_features.hpp"
#include "processors/mlfs/market_features.hpp"
#include "processors/mlfs/mlfs.hpp"
#include "processors/mlfs/opportunity_features.hpp"
#include "processors/mlfs/quality_scorer.hpp"
#include "processors/mlfs/record_columns.hpp"
#include "processors/mlfs/trajectory_features.hpp"

using namespace nba;
using mlfs::Source;

namespace {

mlfs::FeatureVector empty_vector() {
  mlfs::FeatureVector v;
  v.value.fill(0.0);
  v.tag.fill(Source::Phase4);
  return v;
}

// G8's tags (every input present), index by index.
mlfs::ScoredTags g8_tags() {
  mlfs::ScoredTags t;
  const Source P4 = Source::Phase4, P3 = Source::Phase3, C = Source::Calculated, V = Source::Vegas;
  const Source OH = Source::OpponentHistory, MP = Source::MinutesPpm;
  const Source all[mlfs::kScored] = {P4, P4, P4, P4, P4, P4, P4, P4, P4, C,  C,  C,  C,  P4, P4, P3, P3, P3, P4, P4,
                                     P4, C,  P4, P4, C,  V,  V,  V,  C,  OH, OH, MP, MP, C,  C,  C,  C,  P3, P3, P3,
                                     P3, P3, P3, C,  C,  C,  C,  C,  C,  C,  V,  P3, P3, C,  V,  C,  C,  C,  C,  C};
  std::copy(std::begin(all), std::end(all), t.begin());
  return t;
}

std::string derived(const mlfs::RecordColumns& r, const char* column) {
  const auto c = mlfs::RecordColumns::resolve(column);
  EXPECT_TRUE(c) << column;
  std::string out;
  if (c) r.append(out, *c);
  return out;
}

}  // namespace

TEST(MlfsV2Context, GoldenCaseG3) {
  PlayerContextRow c{};
  c.game_total = 228.5, c.game_spread = -6.5, c.home_game = 1, c.star_teammates_out = 1, c.days_rest = 2;
  c.minutes_in_last_7_days = 61, c.prop_over_streak = 0, c.prop_under_streak = 2;
  auto v = empty_vector();
  mlfs::add_context_features(&c, v);
  EXPECT_EQ(v.at(38), 228.5);
  EXPECT_EQ(v.at(41), 6.5);
  EXPECT_EQ(v.at(42), 117.5);  // home: (228.5 + 6.5) / 2
  for (int i : {37, 38, 39, 40, 41, 42, 51, 52}) EXPECT_EQ(v.tag[static_cast<std::size_t>(i)], Source::Phase3) << i;
  c.home_game = 0;
  mlfs::add_context_features(&c, v);
  EXPECT_EQ(v.at(42), 111.0);
  c.game_spread = kNaN;  // no spread: 41 and 42 missing, 38 stays
  mlfs::add_context_features(&c, v);
  EXPECT_EQ(v.tag[41], Source::Missing);
  EXPECT_EQ(v.tag[42], Source::Missing);
  EXPECT_EQ(v.at(38), 228.5);
  mlfs::add_context_features(nullptr, v);  // no context row
  EXPECT_EQ(v.at(37), 0.0);
  EXPECT_EQ(v.tag[37], Source::Default);
  for (int i : {38, 39, 40, 41, 42, 51, 52}) {
    EXPECT_TRUE(std::isnan(v.at(i))) << i;
    EXPECT_EQ(v.tag[static_cast<std::size_t>(i)], Source::Missing) << i;
  }
}

TEST(MlfsV2Opportunity, GoldenCaseG5) {
  const Day d = *parse_iso_date("2025-01-20");
  std::vector<TeamOffenseGame> team;
  const std::int64_t margins[] = {-7, 4, 15, -1, 2, 8, -16, 5, -3, 20};  // oldest first: newest is 20
  team.push_back({d - 40, 1000, 11000, 2024, 1, 30});                    // the 11th newest: outside the last 10
  for (int i = 0; i < 10; ++i) team.push_back({d - 20 + i, 1000, 11000, 2024, 1, margins[i]});
  EXPECT_EQ(mlfs::blowout_share(team, d), 0.3);
  EXPECT_EQ(mlfs::blowout_share({}, d), 0.2);
  EXPECT_EQ(mlfs::sample_std({30, 32, 28, 35, 31, 29, 33, 30, 34, 28}), 2.449489742783178);

  PlayerGameHistory::Player p{"player", {}};
  const std::int64_t minutes[] = {28, 34, 30, 33, 29, 31, 35, 28, 32, 30};  // oldest first
  for (int i = 0; i < 10; ++i) {
    PlayerGame g{};
    g.date = d - 20 + i, g.team_abbr = "LAL", g.minutes_x10 = minutes[i] * 10, g.points = 10;
    g.fg_makes = 4, g.unassisted_fg_makes = i % 2;
    p.games.push_back(g);
  }
  PlayerGameHistory h({p});
  ContextInputs in;
  in.team_offense["LAL"] = team;
  auto v = empty_vector();
  v.set(22, 101.5, Source::Phase4);
  v.set(14, 99.0, Source::Phase4);
  mlfs::add_opportunity_features(h.players[0], in, d, v);
  EXPECT_EQ(v.at(57), 0.3);
  EXPECT_EQ(v.at(58), 2.45);
  EXPECT_EQ(v.at(59), 2.5);
  EXPECT_EQ(v.at(62), 0.125);  // five of ten games at 1/4 unassisted
  for (int i : {57, 58, 59, 62}) EXPECT_EQ(v.tag[static_cast<std::size_t>(i)], Source::Calculated) << i;
  in.team_offense.clear();  // a team without rows: 0.2
  mlfs::add_opportunity_features(h.players[0], in, d, v);
  EXPECT_EQ(v.at(57), 0.2);
  // Only two played games: 57 and 58 missing together.
  h.players[0].games.erase(h.players[0].games.begin(), h.players[0].games.end() - 2);
  h.build_index();
  mlfs::add_opportunity_features(h.players[0], in, d, v);
  EXPECT_EQ(v.tag[57], Source::Missing);
  EXPECT_EQ(v.tag[58], Source::Missing);
  EXPECT_EQ(v.tag[62], Source::Missing);  // fewer than 5 games with made shots
}

TEST(MlfsV2Market, GoldenCaseG2VegasBlockAndNoLine) {
  auto v = empty_vector();
  v.set(2, 21.7, Source::Phase4);
  mlfs::PlayerMarket m;
  m.line = 23.5, m.opening = 22.5, m.move = 1.0, m.line_source = "odds_api";
  mlfs::add_market_features(m, v);
  EXPECT_EQ(v.at(25), 23.5);
  EXPECT_EQ(v.at(26), 22.5);
  EXPECT_EQ(v.at(27), 1.0);
  EXPECT_EQ(v.at(28), 1.0);
  EXPECT_EQ(v.at(53), 1.8000000000000007);
  EXPECT_EQ(v.tag[25], Source::Vegas);
  EXPECT_EQ(v.tag[53], Source::Calculated);
  mlfs::add_market_features(mlfs::PlayerMarket{}, v);  // no market tables
  for (int i : {25, 26, 27, 47, 50, 53, 54, 55, 56, 60, 61, 63}) EXPECT_EQ(v.tag[static_cast<std::size_t>(i)], Source::Missing) << i;
  EXPECT_EQ(v.at(28), 0.0);
  EXPECT_EQ(v.tag[28], Source::Calculated);  // never default-like
}

TEST(MlfsV2Quality, GoldenCaseG8FullRecord) {
  const auto q = mlfs::score_quality(g8_tags());
  EXPECT_EQ(q.score, 97.12);
  EXPECT_STREQ(q.tier, "gold");
  EXPECT_STREQ(q.data_source, "mixed");
  EXPECT_EQ(q.phase4_count, 25);
  EXPECT_EQ(q.phase3_count, 11);
  EXPECT_EQ(q.calculated_count, 24);
  EXPECT_EQ(q.training_quality_count, 60);
  EXPECT_EQ(q.category_pct[mlfs::kMatchup], 100.0);
  EXPECT_EQ(q.category_pct[mlfs::kPlayerHistory], 98.2);
  EXPECT_EQ(q.category_pct[mlfs::kTeamContext], 100.0);
  EXPECT_EQ(q.category_pct[mlfs::kVegas], 100.0);
  EXPECT_EQ(q.category_pct[mlfs::kGameContext], 94.1);
  EXPECT_STREQ(mlfs::quality_tier(q.category_pct[mlfs::kGameContext]), "silver");
  EXPECT_EQ(q.optional_count, 54);
  EXPECT_TRUE(mlfs::quality_alerts(q).empty());
  EXPECT_STREQ(q.alert_level, "green");
  EXPECT_TRUE(q.is_training_ready);
  EXPECT_TRUE(q.is_quality_ready);
}

TEST(MlfsV2Quality, GoldenCaseG8WithoutContextAndMarketData) {
  auto t = g8_tags();
  for (int i : {25, 26, 27, 38, 39, 40, 41, 42, 47, 50, 51, 52, 53, 54, 55, 56}) t[static_cast<std::size_t>(i)] = Source::Missing;
  t[37] = Source::Default;
  t[29] = t[30] = Source::Calculated;
  const auto q = mlfs::score_quality(t);
  EXPECT_EQ(q.score, 98.86);
  EXPECT_EQ(q.default_count, 17);
  EXPECT_EQ(q.required_default_count, 0);
  EXPECT_EQ(mlfs::default_indices(q),
            (std::vector<int>{25, 26, 27, 37, 38, 39, 40, 41, 42, 47, 50, 51, 52, 53, 54, 55, 56}));
  EXPECT_EQ(mlfs::quality_alerts(q), std::vector<std::string>{"high_default_rate_28pct"});
  EXPECT_STREQ(q.alert_level, "green");
  EXPECT_EQ(q.category_pct[mlfs::kPlayerHistory], 84.6);
  EXPECT_EQ(q.category_pct[mlfs::kVegas], 25.0);
  EXPECT_EQ(q.category_pct[mlfs::kGameContext], 52.8);
  EXPECT_EQ(q.phase4_count, 18);
  EXPECT_EQ(q.phase3_count, 3);
  EXPECT_EQ(q.calculated_count, 22);
  EXPECT_EQ(q.training_quality_count, 43);
  EXPECT_EQ(q.optional_count, 37);
  EXPECT_TRUE(q.has_vegas_line);  // the A8 quirk
  EXPECT_TRUE(q.is_training_ready);
  EXPECT_TRUE(q.is_quality_ready);
}

TEST(MlfsV2Quality, GoldenCaseG9Edges) {
  mlfs::ScoredTags t;
  t.fill(Source::Missing);
  auto q = mlfs::score_quality(t);
  EXPECT_EQ(q.required_default_count, 34);
  EXPECT_EQ(q.score, 0.0);
  EXPECT_STREQ(q.tier, "critical");
  EXPECT_STREQ(q.alert_level, "red");

  t = g8_tags();
  t[31] = t[32] = Source::Default;
  q = mlfs::score_quality(t);
  EXPECT_EQ(q.required_default_count, 2);
  EXPECT_EQ(q.score, 69.0);
  EXPECT_STREQ(q.tier, "poor");
  EXPECT_STREQ(q.alert_level, "yellow");
  EXPECT_FALSE(q.is_quality_ready);

  t = g8_tags();
  for (int i = 38; i < 38 + 13; ++i) t[static_cast<std::size_t>(i)] = Source::Missing;
  EXPECT_EQ(mlfs::quality_alerts(mlfs::score_quality(t)), std::vector<std::string>{"high_default_rate_22pct"});
  t[50] = Source::Calculated;  // 12 default-like: 20 %, not above
  EXPECT_TRUE(mlfs::quality_alerts(mlfs::score_quality(t)).empty());
}

TEST(MlfsV2RecordColumns, DerivedFromTheStoredVectorAndTags) {
  std::vector<double> features(mlfs::kFeatures, 1.0);
  std::vector<std::int8_t> tags(mlfs::kFeatures);
  const auto g8 = g8_tags();
  for (int i = 0; i < mlfs::kScored; ++i) tags[static_cast<std::size_t>(i)] = static_cast<std::int8_t>(g8[static_cast<std::size_t>(i)]);
  tags[25] = static_cast<std::int8_t>(Source::Missing);  // no line: NaN value
  features[25] = kNaN;
  for (int i : {13, 14, 22, 23, 38, 42}) features[static_cast<std::size_t>(i)] = 100.0;  // in range
  features[38] = 200.0;
  features[1] = 75.456;  // out of [0, 70]
  features[63] = 51.0;   // out of [0, 50]: 60-63 are range-checked too
  tags[60] = tags[61] = tags[62] = tags[63] = static_cast<std::int8_t>(Source::Vegas);
  const std::vector<std::int8_t> back = {2, 5, 0, 0, 0, 0, 0, 0, 0, 0};
  const mlfs::StoredRecord stored{"player", "", "2025-01-20", "20250120_BOS_LAL", "BOS", true, kNaN, features, tags, back,
                                  mlfs::kPcfIncomplete, 2, 10, *parse_iso_date("2025-01-20")};
  const mlfs::RecordColumns r(stored);
  EXPECT_EQ(derived(r, "feature_25_value"), "null");
  EXPECT_EQ(derived(r, "feature_25_quality"), "0.0");
  EXPECT_EQ(derived(r, "feature_25_source"), "\"default\"");
  EXPECT_EQ(derived(r, "feature_29_quality"), "90.0");
  EXPECT_EQ(derived(r, "feature_29_source"), "\"phase4\"");  // opponent_history is phase4 in the column
  EXPECT_EQ(derived(r, "feature_1_value"), "75.456");
  EXPECT_EQ(derived(r, "default_feature_indices"), "[25]");
  EXPECT_EQ(derived(r, "feature_fallback_reasons_json"), "\"{\\\"25\\\": \\\"vegas_line_unavailable\\\"}\"");
  EXPECT_EQ(derived(r, "data_quality_issues"),
            "[\"upstream_player_composite_factors_incomplete\", \"matchup_factors_used_defaults\", "
            "\"range_warning:points_avg_last_10[1]=75.46 outside [0, 70]\", "
            "\"range_warning:pct_free_throw[21]=1.00 outside [0, 0.5]\", "
            "\"range_warning:late_line_movement_count[63]=51.00 outside [0, 50]\"]");
  EXPECT_EQ(derived(r, "historical_completeness"),
            "{\"games_found\": 2, \"games_expected\": 10, \"is_complete\": false, \"is_bootstrap\": false, "
            "\"contributing_game_dates\": [\"2025-01-18\", \"2025-01-15\"]}");
  EXPECT_EQ(derived(r, "vegas_default_count"), "1");
  EXPECT_EQ(derived(r, "matchup_data_status"), "\"COMPLETE\"");
  const std::string sources = derived(r, "feature_sources_json");
  EXPECT_EQ(sources.substr(0, 36), R"("{\"0\": \"phase4\", \"1\": \"phase4)");
  EXPECT_NE(sources.find("\\\"63\\\": \\\"vegas\\\"}\""), std::string::npos);
  EXPECT_TRUE(mlfs::RecordColumns::resolve("feature_59_source"));
  EXPECT_FALSE(mlfs::RecordColumns::resolve("feature_60_source"));  // 60-63 have no columns
  EXPECT_FALSE(mlfs::RecordColumns::resolve("feature_quality_score"));
  // data_hash: 16 hex digits, and any hashed value changes it.
  const std::string hash = derived(r, "data_hash");
  ASSERT_EQ(hash.size(), 18u);
  auto changed = stored;
  changed.is_home = false;
  EXPECT_NE(derived(mlfs::RecordColumns(changed), "data_hash"), hash);
  changed = stored;
  std::vector<double> other = features;
  other[61] = 0.5;  // an unscored index still enters the hashed list
  changed.features = other;
  EXPECT_NE(derived(mlfs::RecordColumns(changed), "data_hash"), hash);
}

TEST(MlfsV2Quality, GoldenCaseG8ComputedFeatures) {
  // The indices G8 computes from its inputs (the lookups it is given pass
  // through unchanged): last-10 rows newest first, points (DNP = NULL).
  const std::int64_t points[] = {13, 16, 12, 30, 25, 8, kNull, 20, 14, 10};
  std::vector<PlayerGame> games(10);
  std::vector<const PlayerGame*> last;
  for (int i = 0; i < 10; ++i) {
    games[static_cast<std::size_t>(i)].points = points[i];
    games[static_cast<std::size_t>(i)].is_dnp = points[i] == kNull ? 1 : 0;
    last.push_back(&games[static_cast<std::size_t>(i)]);
  }
  EXPECT_EQ(mlfs::dnp_rate(last), 0.1);
  EXPECT_EQ(mlfs::points_slope_10g(last), 0.654545455);
  EXPECT_EQ(mlfs::points_vs_season_zscore(17.8, 16.2, 6.35), 0.251968504);
  EXPECT_EQ(mlfs::breakout_flag(17.8, 16.2, 6.35), 0.0);
  PlayerContextRow c{};
  c.home_game = 0, c.star_teammates_out = 1, c.game_total = 228.5, c.game_spread = -6.5, c.days_rest = 2;
  c.minutes_in_last_7_days = 61, c.prop_over_streak = 0, c.prop_under_streak = 2;
  auto v = empty_vector();
  v.set(2, 16.2, Source::Phase4);
  mlfs::add_context_features(&c, v);
  mlfs::PlayerMarket m;
  m.line = 16.5, m.opening = 15.5, m.move = 1.0;
  mlfs::add_market_features(m, v);
  const double want[][2] = {{25, 16.5}, {26, 15.5}, {27, 1.0}, {28, 1.0}, {37, 1.0}, {38, 228.5}, {39, 2.0},
                            {40, 61.0}, {41, 6.5}, {42, 111.0}, {51, 0.0}, {52, 2.0}, {53, 0.3000000000000007}};
  for (const auto& [i, x] : want) EXPECT_EQ(v.at(static_cast<int>(i)), x) << i;
}
