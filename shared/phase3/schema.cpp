#include "phase3/schema.hpp"

#include <stdexcept>

namespace nba {

namespace {

ColumnSpec S(const char* n, bool req = true) { return {n, ColumnType::String, 0, req}; }
ColumnSpec D(const char* n) { return {n, ColumnType::Date, 0, true}; }
ColumnSpec I(const char* n, bool req = true) { return {n, ColumnType::Int64, 0, req}; }
ColumnSpec N(const char* n, int scale, bool req = true) { return {n, ColumnType::Numeric, scale, req}; }
ColumnSpec B(const char* n, bool req = true) { return {n, ColumnType::Bool, 0, req}; }
ColumnSpec F(const char* n, bool req = true) { return {n, ColumnType::Float64, 0, req}; }
ColumnSpec T(const char* n, bool req = true) { return {n, ColumnType::Timestamp, 0, req}; }
// Every Phase 3 table's own data_hash and processed_at: the Phase 4 rows'
// source_<upstream>_hash columns pick one of them (columns-parity.md 1.4).
// Optional: without them those columns are NULL, the original's "no hash" case.
// The original's hashes are 16 hex digits; the port stores them 16 wide.
ColumnSpec kDataHash() { return {"data_hash", ColumnType::String, 0, false, 16}; }
ColumnSpec kProcessedAt() { return {"processed_at", ColumnType::Timestamp, 0, false}; }

std::vector<TableSpec> build_specs() {
  std::vector<TableSpec> specs;
  // Optional columns are ones the original fills from sources a dataset may not
  // have (play-by-play events, rosters, injury report); the processors' NULL
  // rules cover them. Everything a processor cannot do without is required.
  specs.push_back({std::string(tables::kPlayerGames),
                   {S("player_lookup"), S("universal_player_id", false), S("game_id"), D("game_date"),
                    S("team_abbr"), S("opponent_team_abbr"), I("season_year"), I("points"),
                    N("minutes_played", 1), I("assists", false), I("turnovers", false),
                    I("fg_attempts"), I("fg_makes"), I("three_pt_attempts"), I("three_pt_makes"),
                    I("ft_attempts"), I("ft_makes"), I("paint_attempts"), I("paint_makes"),
                    I("mid_range_attempts"), I("mid_range_makes"), I("assisted_fg_makes", false),
                    I("unassisted_fg_makes", false), N("usage_rate", 2), N("ts_pct", 3), B("is_active"),
                    B("is_dnp", false), kDataHash(), kProcessedAt()},
                   {"player_lookup", "game_date"},
                   {{"points", "minutes_played", "assists", "turnovers", "fg_attempts", "fg_makes",
                     "three_pt_attempts", "three_pt_makes", "ft_attempts", "ft_makes", "paint_attempts", "paint_makes",
                     "mid_range_attempts", "mid_range_makes", "assisted_fg_makes", "unassisted_fg_makes"},
                    {{"fg_makes", "fg_attempts"},
                     {"three_pt_makes", "three_pt_attempts"},
                     {"ft_makes", "ft_attempts"},
                     {"paint_makes", "paint_attempts"},
                     {"mid_range_makes", "mid_range_attempts"},
                     {"three_pt_makes", "fg_makes"}},
                    // 48 minutes plus overtimes: no NBA player has logged 70 in one game.
                    {{"minutes_played", 120.0}},
                    true}});
  specs.push_back({std::string(tables::kTeamDefense),
                   {S("game_id"), D("game_date"), S("defending_team_abbr"), S("opponent_team_abbr"),
                    I("points_allowed"), I("opp_three_pt_attempts"), I("opp_three_pt_makes"),
                    I("opp_paint_attempts"), I("opp_paint_makes"), I("opp_mid_range_attempts"),
                    I("opp_mid_range_makes"), I("points_in_paint_allowed"),
                    I("mid_range_points_allowed", false), I("three_pt_points_allowed", false),
                    I("blocks_paint", false), I("blocks_mid_range", false), I("blocks_three_pt", false),
                    N("defensive_rating", 2), N("opponent_pace", 1), kDataHash(), kProcessedAt()},
                   {"defending_team_abbr", "game_date"},
                   {{"points_allowed", "opp_three_pt_attempts", "opp_three_pt_makes", "opp_paint_attempts",
                     "opp_paint_makes", "opp_mid_range_attempts", "opp_mid_range_makes", "points_in_paint_allowed",
                     "mid_range_points_allowed", "three_pt_points_allowed", "blocks_paint", "blocks_mid_range",
                     "blocks_three_pt"},
                    {{"opp_three_pt_makes", "opp_three_pt_attempts"},
                     {"opp_paint_makes", "opp_paint_attempts"},
                     {"opp_mid_range_makes", "opp_mid_range_attempts"}},
                    {},
                    true}});
  specs.push_back({std::string(tables::kTeamOffense),
                   {S("game_id"), D("game_date"), S("team_abbr"), S("opponent_team_abbr"),
                    I("season_year"), I("points_scored"), N("offensive_rating", 2), N("pace", 1),
                    B("win_flag", false), I("margin_of_victory", false), kDataHash(), kProcessedAt()},
                   {"team_abbr", "game_date"},
                   {{"points_scored"}, {}, {}, true}});
  specs.push_back({std::string(tables::kPlayerContext),
                   {S("player_lookup"), S("universal_player_id", false), S("game_id"), D("game_date"),
                    S("team_abbr"), S("opponent_team_abbr"), B("home_game", false),
                    B("back_to_back", false), I("days_rest", false), I("games_in_last_7_days", false),
                    I("games_in_last_14_days", false), I("minutes_in_last_7_days", false),
                    I("minutes_in_last_14_days", false), I("back_to_backs_last_14_days", false),
                    N("avg_minutes_per_game_last_7", 1, false), I("fourth_quarter_minutes_last_7", false),
                    I("player_age", false), N("projected_usage_rate", 2, false),
                    N("avg_usage_rate_last_7_games", 2, false), I("star_teammates_out", false),
                    N("pace_differential", 1, false), N("opponent_pace_last_10", 1, false),
                    I("opponent_days_rest", false), S("season_phase", false), S("player_status", false),
                    N("game_total", 1, false), N("game_spread", 1, false), I("prop_over_streak", false),
                    I("prop_under_streak", false), kDataHash(), kProcessedAt()},
                   {"player_lookup", "game_date"},
                   {{"days_rest", "games_in_last_7_days", "games_in_last_14_days", "minutes_in_last_7_days",
                     "minutes_in_last_14_days", "back_to_backs_last_14_days", "avg_minutes_per_game_last_7",
                     "fourth_quarter_minutes_last_7"},
                    {},
                    {},
                    true}});
  specs.push_back({std::string(tables::kTeamContext),
                   {S("team_abbr"), S("game_id"), D("game_date"), S("opponent_team_abbr", false),
                    N("game_spread", 2, false), N("game_total", 1, false), kDataHash(), kProcessedAt()},
                   {"team_abbr", "game_date"},
                   {{}, {}, {}, true}});
  // The raw player-prop odds MLFS's market features read (spec
  // processors-mlfs-v2.md 3.1, 3.8, 3.9, 3.12; nba_raw.*). Optional: without
  // them those features take HEAD's no-line values.
  specs.push_back({std::string(tables::kOddsApiProps),
                   {S("player_lookup"), D("game_date"), S("bookmaker"), T("snapshot_timestamp"),
                    I("minutes_before_tipoff", false), F("points_line", false), F("over_price", false),
                    F("under_price", false)},
                   {"player_lookup", "game_date", "bookmaker", "snapshot_timestamp"},
                   {},
                   true});
  specs.push_back({std::string(tables::kBettingProsProps),
                   {S("player_lookup"), D("game_date"), S("market_type"), S("bookmaker"), T("created_at"),
                    F("points_line", false), F("opening_line", false)},
                   {"player_lookup", "game_date", "market_type", "bookmaker", "created_at"},
                   {},
                   true});
  // MLFS 47 (spec 3.7): who is out or doubtful on D; several report hours a day.
  specs.push_back({std::string(tables::kInjuryReport),
                   {S("player_lookup"), S("team"), D("report_date"), I("report_hour", false), S("injury_status")},
                   {},
                   {},
                   true,
                   "report_date"});
  // MLFS 55, 56 (spec 3.10): the graded prop lines of the original's predictions.
  specs.push_back({std::string(tables::kPredictionAccuracy),
                   {S("player_lookup"), D("game_date"), S("system_id"), N("line_value", 1, false),
                    S("recommendation", false)},
                   {"player_lookup", "game_date", "system_id"},
                   {},
                   true});
  specs.push_back({std::string(tables::kSchedule),
                   {S("game_id"), S("analytics_game_id", false), D("game_date"), I("season_year"),
                    S("season_type"), B("is_regular_season"), S("home_team_tricode"),
                    S("away_team_tricode")},
                   {"game_id"},
                   {}});
  return specs;
}

}  // namespace

const std::vector<TableSpec>& phase3_table_specs() {
  static const std::vector<TableSpec> specs = build_specs();
  return specs;
}

const TableSpec& phase3_table_spec(std::string_view name) {
  for (const auto& s : phase3_table_specs())
    if (s.name == name) return s;
  throw std::out_of_range("unknown Phase 3 table: " + std::string(name));
}

std::string_view column_type_name(ColumnType t) {
  switch (t) {
    case ColumnType::String: return "STRING";
    case ColumnType::Date: return "DATE";
    case ColumnType::Int64: return "INT64";
    case ColumnType::Numeric: return "NUMERIC";
    case ColumnType::Bool: return "BOOL";
    case ColumnType::Timestamp: return "TIMESTAMP";
    case ColumnType::Float64: return "FLOAT64";
  }
  return "?";
}

}  // namespace nba
