// The columns HEAD writes beyond the features (columns-parity.md): Python's
// text forms, the data_hash recipes on the spec's worked examples, PCF's context
// JSON, the source-hash picks, TIMESTAMP parsing and the export's column rules.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>

#include "core/python_text.hpp"
#include "core/sha256.hpp"
#include "output/bq_schema.hpp"
#include "output/export_rules.hpp"
#include "phase3/table.hpp"
#include "phase3/value_parser.hpp"
#include "player_fixtures.hpp"
#include "processors/mlfs/mlfs.hpp"
#include "processors/pcf.hpp"
#include "processors/pdc.hpp"
#include "processors/psza.hpp"
#include "processors/row_hash.hpp"
#include "processors/source_hashes.hpp"
#include "processors/tdza.hpp"

using namespace nba;

TEST(PythonText, FloatReprMatchesPython) {
  const std::pair<double, const char*> cases[] = {
      {1.0, "1.0"},         {0.1, "0.1"},        {0.4, "0.4"},     {100000.0, "100000.0"}, {0.0001, "0.0001"},
      {1e-05, "1e-05"},     {1e16, "1e+16"},     {-0.0, "-0.0"},   {0.0, "0.0"},           {1.5e-07, "1.5e-07"},
      {35.266666666666666, "35.266666666666666"}, {-0.9999999999999953, "-0.9999999999999953"},
      {1000000000000000.2, "1000000000000000.2"}, {123456789012345678.0, "1.2345678901234568e+17"},
      {-0.030000000000000426, "-0.030000000000000426"}, {2.5e+300, "2.5e+300"}};
  for (const auto& [x, text] : cases) EXPECT_EQ(py_float(x), text);
  EXPECT_EQ(py_float(std::numeric_limits<double>::quiet_NaN()), "nan");
  EXPECT_EQ(py_float(-std::numeric_limits<double>::infinity()), "-inf");
  std::string j;
  append_py_json_float(j, std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(j, "NaN");
}

TEST(PythonText, JsonStringsAreEnsureAscii) {
  std::string s;
  append_py_json_string(s, "a\"b\\c/\n\x01\x7f\xc3\xa9\xf0\x9f\x8f\x80");  // é and U+1F3C0
  EXPECT_EQ(s, R"("a\"b\\c/\n\u0001\u007f\u00e9\ud83c\udfc0")");
  EXPECT_EQ(py_strip(" \t x y\x1f\n"), "x y");
}

TEST(RowHash, BuildersRefuseFieldsOutOfOrder) {
  FieldHash16 h;
  h.null("b");
  EXPECT_THROW(h.null("a"), std::logic_error);
  PyJsonObject o(PyJsonObject::Order::Sorted);
  o.null("b");
  EXPECT_THROW(o.null("a"), std::logic_error);
  PyJsonObject any;  // insertion order: anything goes
  any.null("b"), any.null("a");
  EXPECT_EQ(any.text(), R"({"b": null, "a": null})");
}

TEST(RowHash, PdcRecipeOnTheSpecsJaysonTatumExample) {
  // columns-parity.md 4.3 example 2, built field by field.
  PyJsonObject o(PyJsonObject::Order::Sorted);
  o.num("assisted_rate_last_10", 0.647727273);
  o.num("avg_minutes_per_game_last_7", 37.4167);
  o.integer("back_to_backs_last_14_days", 0);
  o.str("cache_date", "2025-02-20");
  o.num("cache_quality_score", 150.0);
  o.str("cache_version", "v1");
  o.null("fourth_quarter_minutes_last_7");
  o.integer("games_in_last_14_days", 6);
  o.integer("games_in_last_7_days", 3);
  o.integer("games_played_season", 20);
  o.num("minutes_avg_last_10", 33.45);
  o.integer("minutes_in_last_14_days", 220);
  o.integer("minutes_in_last_7_days", 112);
  o.num("paint_rate_last_10", 30.12);
  o.null("player_age");
  o.str("player_lookup", "jaysontatum");
  o.num("player_usage_rate_season", 29.1555);
  o.num("points_avg_last_10", 27.1);
  o.num("points_avg_last_5", 27.2);
  o.num("points_avg_season", 27.05);
  o.num("points_std_last_10", 4.7434);
  o.str_or_null("primary_scoring_zone", "perimeter");
  o.num("team_off_rating_last_10", 117.543);
  o.num("team_pace_last_10", 98.97);
  o.num("three_pt_rate_last_10", 45.78);
  o.num("ts_pct_last_10", 0.5876);
  o.str_or_null("universal_player_id", "tatum_001");
  o.num("usage_rate_last_10", 29.127);
  EXPECT_EQ(json_hash64(o), "92143a25dc16eede8771c2eb1993e1f9daea48490de29f0949954edae1cd96b0");
  // A NaN mean is the bare token NaN (example 3's minutes).
  PyJsonObject n(PyJsonObject::Order::Sorted);
  n.num("minutes_avg_last_10", std::numeric_limits<double>::quiet_NaN(), NanIs::Nan);
  n.num("x", std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(n.text(), R"({"minutes_avg_last_10": NaN, "x": null})");
}

// --- TDZA (columns-parity.md 2, examples 1 and 3) ---------------------------
namespace {
const Day kTdzaD = *parse_iso_date("2025-01-27");
TeamDefenseHistory::Team fifteen_games(const std::string& abbr, std::int64_t mid_m, std::int64_t mid_a) {
  TeamDefenseHistory::Team t{abbr, {}};
  for (int g = 15; g >= 1; --g)
    t.games.push_back({kTdzaD - g, 20, 35, mid_m, mid_a, 12, 35, 42, 2, mid_a ? 1 : 0, 0, 110, 11250, 992});
  return t;
}
}  // namespace

TEST(TdzaParity, DataHashOfTheSpecsExamples) {
  TeamDefenseHistory h{{fifteen_games("LAL", 8, 20), fifteen_games("MIA", 0, 0)}};
  const auto r = tdza::compute(h, kTdzaD, "abc");
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].data_hash, "a6a54d7d6db54b91");  // LAL: hashes the unrounded -0.857..., -0.999...
  EXPECT_EQ(r.rows[1].data_hash, "c91ed8e71687d56b");  // MIA: no mid-range attempts (nor blocks)
  EXPECT_EQ(r.rows[0].games_count, 15);
  EXPECT_EQ(r.rows[0].source_team_defense_hash, "abc");
  const auto t = tdza::to_table(r.rows);
  EXPECT_EQ(t.column("data_hash").str_at(1), "c91ed8e71687d56b");
  EXPECT_EQ(t.column("expected_games_count").i64[0], 15);
}

// --- PSZA (columns-parity.md 3, examples 1-3) --------------------------------
namespace {
const Day kPszaD = *parse_iso_date("2025-01-27");
psza::Row psza_row(const char* lookup, const char* uid, std::vector<PlayerGame> games) {
  for (auto& g : games) g.universal_player_id = uid;
  PlayerGameHistory h{{{lookup, games}}};
  const auto r = psza::compute(h, kPszaD, *parse_iso_date("2024-10-22"), nullptr, "pgs-hash");
  EXPECT_EQ(r.rows.size(), 1u);
  return r.rows.at(0);
}
}  // namespace

TEST(PszaParity, DataHashOfTheSpecsExamples) {
  const auto lebron = psza_row("lebronjames", "lebronjames_001", test::repeated_games(kPszaD, 10, {8, 5, 4, 2, 6, 2, 9, 5, 3}));
  EXPECT_EQ(lebron.data_hash, "bd4cf81513204e6a");
  EXPECT_EQ(lebron.source_player_game_hash, "pgs-hash");
  const auto curry = psza_row("stephencurry", "stephencurry_001", test::repeated_games(kPszaD, 16, {3, 2, 2, 1, 13, 5, 8, 4, 3}));
  EXPECT_EQ(curry.data_hash, "980a87919ea9a2bc");
  auto games = test::repeated_games(kPszaD, 10, {0, 0, 0, 0, 6, 2, 5, 0, 0});
  for (auto& g : games)
    g.paint_attempts = g.paint_makes = g.mid_range_attempts = g.mid_range_makes = kNull,
    g.assisted_fg_makes = g.unassisted_fg_makes = kNull;
  EXPECT_EQ(psza_row("rookieguy", "", games).data_hash, "287c326f37940b97");
}

TEST(PszaParity, MemoisedRowsAreHashedWithTheirOwnDate) {
  // A player without a new game keeps his row from one date to the next (the
  // memo); analysis_date is part of the hash, so each date hashes anew.
  auto games = test::repeated_games(kPszaD, 10, {8, 5, 4, 2, 6, 2, 9, 5, 3});
  PlayerGameHistory h{{{"p", games}}};
  h.build_index();
  psza::Memo memo;
  const Day opening = *parse_iso_date("2024-10-22");
  const auto a = psza::compute(h, kPszaD, opening, &memo);
  const auto b = psza::compute(h, kPszaD + 1, opening, &memo);
  const auto alone = psza::compute(h, kPszaD + 1, opening);
  ASSERT_EQ(b.rows.size(), 1u);
  EXPECT_NE(a.rows[0].data_hash, b.rows[0].data_hash);
  EXPECT_EQ(b.rows[0].data_hash, alone.rows[0].data_hash);
  EXPECT_EQ(b.rows[0].data_hash, psza::row_data_hash(b.rows[0]));
}

// --- PCF (columns-parity.md 5.2-5.3, examples A-C) ---------------------------
namespace {
const Day kPcfD = *parse_iso_date("2025-11-01");
PlayerContextRow pcf_context(std::int64_t rest, std::int64_t b2b, std::int64_t g7, std::int64_t min7, double mpg,
                             std::int64_t b2b14, std::int64_t age) {
  PlayerContextRow c{};
  c.days_rest = rest, c.back_to_back = b2b, c.games_in_last_7_days = g7, c.minutes_in_last_7_days = min7;
  c.avg_minutes_per_game_last_7 = mpg, c.back_to_backs_last_14_days = b2b14, c.player_age = age;
  c.games_in_last_14_days = c.minutes_in_last_14_days = c.fourth_quarter_minutes_last_7 = kNull;
  c.star_teammates_out = 0;
  return c;
}
psza::Row pcf_zone(const char* lookup, const char* primary, double paint, double mid, double three) {
  psza::Row z{};
  z.player_lookup = lookup, z.primary_scoring_zone = primary;
  z.paint_rate_last_10 = paint, z.mid_range_rate_last_10 = mid, z.three_pt_rate_last_10 = three;
  z.data_hash = std::string("zone-") + lookup;
  return z;
}
tdza::Row pcf_defense(const char* team, double paint, const char* weakest) {
  tdza::Row t{};
  t.team_abbr = team, t.paint_defense_vs_league_avg = paint, t.weakest_zone = weakest;
  t.mid_range_defense_vs_league_avg = t.three_pt_defense_vs_league_avg = 0.0;
  return t;
}
}  // namespace

TEST(PcfParity, ExampleAContextJsonAndDataHash) {
  auto c = pcf_context(2, 0, 3, 175, 29.2, 0, 28);
  c.player_lookup = "lebronjames", c.universal_player_id = "lebron_001", c.game_id = "0022500123";
  c.opponent_team_abbr = "GSW", c.team_abbr = "LAL";
  c.avg_usage_rate_last_7_games = 25.0, c.pace_differential = 3.5, c.opponent_pace_last_10 = 101.5;
  ContextInputs in;
  in.context_by_date[kPcfD] = {c};
  PlayerGameHistory players;
  players.build_index();
  const auto r = pcf::compute(players, in, {pcf_zone("lebronjames", "paint", 65, 20, 15)},
                              {pcf_defense("GSW", 4.3, "paint")}, kPcfD, {"upc", "utc", "zone-x", "def-x"});
  ASSERT_EQ(r.rows.size(), 1u);
  const auto& row = r.rows[0];
  EXPECT_EQ(pcf::fatigue_context_json(row.context),
            R"({"days_rest": 2, "back_to_back": false, "games_last_7": 3, "minutes_last_7": 175.0, "avg_minutes_pg_last_7": 29.2, "back_to_backs_last_14": 0, "player_age": 28, "penalties_applied": [], "bonuses_applied": [], "final_score": 100})");
  EXPECT_EQ(pcf::shot_zone_context_json(row.context),
            R"({"player_primary_zone": "paint", "primary_zone_frequency": 65.0, "opponent_weak_zone": "paint", "opponent_defense_vs_league": 4.3, "mismatch_type": "favorable", "final_score": 4.3})");
  EXPECT_EQ(pcf::pace_context_json(row.context),
            R"({"pace_differential": 3.5, "opponent_pace_last_10": 101.5, "league_avg_pace": 100.0, "pace_environment": "fast", "final_score": 1.75})");
  EXPECT_EQ(pcf::usage_context_json(row.context),
            R"({"projected_usage_rate": 0.0, "avg_usage_last_7": 25.0, "usage_differential": -25.0, "star_teammates_out": 0, "usage_trend": "drop", "final_score": 0.0})");
  EXPECT_EQ(row.data_hash, "09ca60908ae2a730");
  EXPECT_EQ(row.source_player_context_hash, "upc");
  EXPECT_EQ(row.source_team_defense_hash, "def-x");
}

TEST(PcfParity, ExamplesBAndCContextJson) {
  auto b = pcf_context(0, 1, 4, 150, 37.416666667, 0, kNull);
  b.avg_usage_rate_last_7_games = 31.125;
  const auto bs = pcf::context_shown(b, nullptr, nullptr, pcf::fatigue_score(b), 0.0, pcf::pace_factor(b.pace_differential),
                                     pcf::usage_spike(b.projected_usage_rate, b.avg_usage_rate_last_7_games, 0));
  EXPECT_EQ(pcf::fatigue_context_json(bs),
            R"({"days_rest": 0, "back_to_back": true, "games_last_7": 4, "minutes_last_7": 150.0, "avg_minutes_pg_last_7": 37.416666667, "back_to_backs_last_14": 0, "player_age": 25, "penalties_applied": ["back_to_back: -15", "frequent_games: -10"], "bonuses_applied": [], "final_score": 67})");
  EXPECT_EQ(pcf::shot_zone_context_json(bs), R"({"missing_data": true})");
  EXPECT_EQ(pcf::pace_context_json(bs),
            R"({"pace_differential": 0.0, "opponent_pace_last_10": 100.0, "league_avg_pace": 100.0, "pace_environment": "normal", "final_score": 0.0})");
  EXPECT_EQ(pcf::usage_context_json(bs),
            R"({"projected_usage_rate": 0.0, "avg_usage_last_7": 31.125, "usage_differential": -31.125, "star_teammates_out": 0, "usage_trend": "drop", "final_score": -1.8375})");

  auto c = pcf_context(3, 0, 2, 64, 32.0, 1, 37);
  c.avg_usage_rate_last_7_games = 25.1, c.star_teammates_out = 1, c.opponent_pace_last_10 = 98.7;
  const auto zone = pcf_zone("stephencurry", "balanced", 33.33, 33.33, 33.34);
  const auto defense = pcf_defense("LAL", -6.25, "mid_range");
  const double f2 = pcf::shot_zone_mismatch(&zone, &defense);
  EXPECT_EQ(f2, -4.16625);
  const auto cs = pcf::context_shown(c, &zone, &defense, pcf::fatigue_score(c), f2, 0.0,
                                     pcf::usage_spike(c.projected_usage_rate, c.avg_usage_rate_last_7_games, 1));
  EXPECT_EQ(pcf::fatigue_context_json(cs),
            R"({"days_rest": 3, "back_to_back": false, "games_last_7": 2, "minutes_last_7": 64.0, "avg_minutes_pg_last_7": 32.0, "back_to_backs_last_14": 1, "player_age": 37, "penalties_applied": ["veteran_age: -10"], "bonuses_applied": ["extra_rest: +5"], "final_score": 90})");
  EXPECT_EQ(pcf::shot_zone_context_json(cs),
            R"({"player_primary_zone": "balanced", "primary_zone_frequency": 33.33, "opponent_weak_zone": "mid_range", "opponent_defense_vs_league": -6.25, "mismatch_type": "unfavorable", "final_score": -4.16625})");
  EXPECT_EQ(pcf::usage_context_json(cs),
            R"({"projected_usage_rate": 0.0, "avg_usage_last_7": 25.1, "usage_differential": -25.1, "star_teammates_out": 1, "usage_trend": "drop", "final_score": -0.030000000000000426})");
  EXPECT_EQ(pcf::context_json("pace_context_json", cs), pcf::pace_context_json(cs));

  // The stored context_* columns give back the same texts (what the export renders).
  pcf::Row stored{};
  stored.fatigue_score = 90, stored.context = cs;
  const auto table = pcf::to_table(std::vector<pcf::Row>{stored});
  auto col = [&](std::string_view n) -> const OutColumn& { return table.column(std::string(n)); };
  const auto back = pcf::context_from_columns(
      [&](std::string_view n) { const auto& c = col(n); return c.kind == OutKind::F64 ? c.f64[0] : double(c.i64[0]); },
      [&](std::string_view n) { return std::string(col(n).str_at(0)); });
  for (const char* name : {"fatigue_context_json", "shot_zone_context_json", "pace_context_json", "usage_context_json"})
    EXPECT_EQ(pcf::context_json(name, back), pcf::context_json(name, cs)) << name;
}

TEST(PcfParity, NegativeZeroScoreHashesAsMinusZero) {
  // Example C's usage score rounds to -0.0: HEAD hashes "-0.0", storage keeps 0.
  auto c = pcf_context(3, 0, 2, 64, 32.0, 1, 37);
  c.player_lookup = "stephencurry", c.game_id = "g", c.opponent_team_abbr = "LAL";
  c.avg_usage_rate_last_7_games = 25.1, c.star_teammates_out = 1;
  ContextInputs in;
  in.context_by_date[kPcfD] = {c};
  PlayerGameHistory players;
  players.build_index();
  const auto r = pcf::compute(players, in, {}, {}, kPcfD);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].usage_spike_score, 0.0);
  EXPECT_FALSE(std::signbit(r.rows[0].usage_spike_score));
  const std::string canonical =
      "analysis_date:2025-11-01|calculation_version:v1_4factors|data_completeness_pct:20.0|early_season_flag:False|"
      "fatigue_score:90|game_date:2025-11-01|game_id:g|has_warnings:False|insufficient_data_reason:NULL|"
      "look_ahead_pressure_score:0.0|missing_data_fields:projected_usage_rate, pace_differential, player_shot_zone, "
      "team_defense_zone|opponent_strength_score:0.0|pace_score:0.0|player_lookup:stephencurry|"
      "referee_favorability_score:0.0|shot_zone_mismatch_score:0.0|total_composite_adjustment:-0.53|"
      "travel_impact_score:0.0|universal_player_id:NULL|usage_spike_score:-0.0|warning_details:NULL";
  EXPECT_EQ(r.rows[0].data_hash, sha256_hex(canonical, 16));
}

// --- source hashes (columns-parity.md 1.4) -----------------------------------
namespace {
// One Phase 3 table holding (game_date, data_hash, processed_at) rows; the
// hashes are interned in sorted order, as the import leaves the pool.
Phase3Data hashed_table(std::string_view table,
                        const std::vector<std::tuple<const char*, const char*, std::int64_t>>& rows) {
  Phase3Data d;
  std::set<std::string> hashes;
  for (const auto& [date, hash, at] : rows)
    if (hash) hashes.insert(hash);
  for (const auto& h : hashes) d.strings.intern(h);
  Table t(phase3_table_spec(table));
  for (auto& c : t.columns()) c.values.assign(rows.size(), kNull);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& [date, hash, at] = rows[i];
    t.column("game_date").values[i] = *parse_iso_date(date);
    if (hash) t.column("data_hash").values[i] = d.strings.find(hash);
    t.column("processed_at").values[i] = at;
  }
  t.set_rows(rows.size());
  d.tables.push_back(std::move(t));
  return d;
}
}  // namespace

TEST(SourceHashes, NewestProcessedAtThenSmallestHashNullTimesLast) {
  const Phase3Data d = hashed_table(tables::kTeamDefense, {{"2025-01-01", "bbb", 100},
                                                           {"2025-01-01", "aaa", 100},  // tie: smallest hash
                                                           {"2025-01-02", "zzz", kNull},
                                                           {"2025-01-03", nullptr, 999},  // no hash: never picked
                                                           {"2025-01-04", "ccc", 50},
                                                           {"2025-01-05", "ddd", 300}});
  const SourceHashIndex idx(d, tables::kTeamDefense);
  const Day jan = *parse_iso_date("2025-01-01");
  EXPECT_EQ(idx.on(jan), "aaa");
  EXPECT_EQ(idx.on(jan + 1), "zzz");  // alone on its date, even with no processed_at
  EXPECT_EQ(idx.on(jan + 2), "");
  EXPECT_EQ(idx.before(jan), "");
  EXPECT_EQ(idx.before(jan + 2), "aaa");  // a timestamp beats a NULL one
  EXPECT_EQ(idx.before(jan + 4), "aaa");  // 100 > 50
  EXPECT_EQ(idx.before(jan + 5), "ddd");
  EXPECT_EQ(idx.between(jan + 1, jan + 3), "zzz");
  EXPECT_EQ(idx.between(jan + 3, jan + 4), "ccc");
  EXPECT_EQ(idx.between(jan + 3, jan + 5), "ddd");
  // An input without data_hash values (the column absent or empty): HEAD's "no hash found", NULL.
  const Phase3Data none = hashed_table(tables::kPlayerGames, {{"2025-01-01", nullptr, 100}, {"2025-01-02", nullptr, kNull}});
  const SourceHashIndex empty(none, tables::kPlayerGames);
  EXPECT_EQ(empty.before(jan + 5), "");
  EXPECT_EQ(empty.on(jan), "");
  struct R { std::string data_hash; };
  EXPECT_EQ(smallest_data_hash(std::vector<R>{{"b"}, {""}, {"a"}}), "a");
  EXPECT_EQ(smallest_data_hash(std::vector<R>{}), "");
}

TEST(TimestampField, BigQueryAndIsoForms) {
  std::int64_t v = 0;
  ASSERT_TRUE(parse_timestamp_field("2021-10-20 10:00:00 UTC", v));
  EXPECT_EQ(v, 1634724000LL * 1000000);
  ASSERT_TRUE(parse_timestamp_field("2021-10-20T10:00:00.5+00:00", v));
  EXPECT_EQ(v, 1634724000LL * 1000000 + 500000);
  ASSERT_TRUE(parse_timestamp_field("2021-10-20T12:00:00+02:00", v));
  EXPECT_EQ(v, 1634724000LL * 1000000);
  ASSERT_TRUE(parse_timestamp_field("2021-10-20 10:00", v));
  EXPECT_EQ(v, 1634724000LL * 1000000);
  for (const char* bad : {"2021-10-20", "2021-10-20 25:00:00", "2021-10-20 10:00:00 CET", "2021-10-20T10:00:00.1234567Z",
                          "2021-13-01 00:00:00", "2021-10-20 10:00:00."})
    EXPECT_FALSE(parse_timestamp_field(bad, v)) << bad;
}

TEST(ExportRules, EveryColumnOfTheFiveTablesHasAValue) {
  // A stored column or a backfill rule for every schema column: an export can
  // never drop a column silently. Internal columns never stand for a schema
  // column (MLFS's tag matrix `feature_sources` vs HEAD's NULL legacy column).
  const std::pair<const char*, OutputTable> tables[] = {{"tdza", tdza::to_table(std::vector<tdza::Row>{})},
                                                        {"psza", psza::to_table(std::vector<psza::Row>{})},
                                                        {"pdc", pdc::to_table(std::vector<pdc::Row>{})},
                                                        {"pcf", pcf::to_table(std::vector<pcf::Row>{})},
                                                        {"mlfs", mlfs::to_table(std::vector<mlfs::Row>{})}};
  for (const auto& [name, table] : tables) {
    std::set<std::string> stored;
    for (const auto& c : table.columns())
      if (!internal_only_column(name, c.name)) stored.insert(c.name);
    std::set<std::string> schema;
    for (const auto& f : bq_schema(*bq_table_of(name))) {
      schema.insert(f.name);
      const bool covered = stored.count(f.name) || backfill_rule(name, f.name).has_value();
      EXPECT_TRUE(covered) << name << "." << f.name;
      EXPECT_FALSE(stored.count(f.name) && backfill_rule(name, f.name)) << name << "." << f.name << " both stored and ruled";
    }
    for (const auto& c : stored) EXPECT_TRUE(schema.count(c)) << name << "." << c;
  }
  EXPECT_EQ(bq_schema("ml_feature_store_v2").size(), 283u);
  EXPECT_EQ(bq_schema("team_defense_zone_analysis").size(), 46u);
  EXPECT_TRUE(bq_schema("ml_feature_store_v2").front().required());
}

TEST(PythonText, ShortDecimalFastPathAgreesWithShortestDigits) {
  // The fast path (short decimals) against the general one (to_chars' shortest
  // digits), on values of every magnitude it accepts and around its limits.
  std::uint64_t state = 12345;
  auto next = [&] { return state = state * 6364136223846793005ULL + 1442695040888963407ULL; };
  int mismatches = 0;
  for (int i = 0; i < 300000 && mismatches < 10; ++i) {
    const double scale = std::pow(10.0, static_cast<double>(next() % 9));
    const double mag = std::pow(10.0, static_cast<double>(next() % 16) - 6);
    double x = std::nearbyint(static_cast<double>(next() % 100000000) / 1e8 * mag * scale) / scale;
    if (next() % 5 == 0) x = static_cast<double>(next() >> 11) / 9007199254740992.0 * mag;  // long digit strings
    if (next() % 2) x = -x;
    if (py_float(x) != py_float_by_shortest_digits(x)) {
      ++mismatches;
      ADD_FAILURE() << py_float(x) << " vs " << py_float_by_shortest_digits(x);
    }
  }
  for (double x : {1e-4, 9.9999e-5, 1e9, 999999999.999999, 0.1 + 0.2, 1.0 / 3, 123456.7890123, 5e-324})
    EXPECT_EQ(py_float(x), py_float_by_shortest_digits(x)) << x;
}
