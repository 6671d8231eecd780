#pragma once
// The Phase 3 inputs the processors read: table names, the BigQuery column names
// and types the importer accepts, which columns must be present, and each
// table's unique key. One declarative list drives import, the input store and
// validation. Column names and types follow the original's CREATE TABLE files.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nba {

// Timestamp: microseconds since the epoch, UTC. Float64: the double's bit
// pattern (FLOAT64 columns of the raw odds tables; -0.0 is read as 0.0, its
// pattern being the NULL sentinel).
enum class ColumnType { String, Date, Int64, Numeric, Bool, Timestamp, Float64 };

struct ColumnSpec {
  std::string name;
  ColumnType type;
  int scale = 0;         // NUMERIC(p, scale)
  bool required = true;  // absent optional columns import as all-NULL (with a warning)
  std::size_t max_length = 0;  // STRING: longest value accepted (0 = any)
};

// Plausibility rules checked per row at import (docs/failure-modes.md): values
// that cannot describe a basketball game are input errors naming file, line
// and column, never numbers the processors silently average in.
struct ValueRules {
  std::vector<std::string> non_negative;                     // counts and minutes
  std::vector<std::pair<std::string, std::string>> part_of;  // {makes, attempts}: makes <= attempts
  std::vector<std::pair<std::string, double>> at_most;       // {column, bound} (minutes in one game)
  bool date_in_schedule = false;  // game_date must be a date with games in the schedule
};

struct TableSpec {
  std::string name;  // BigQuery table name, also the file stem: <name>.csv[.gz]
  std::vector<ColumnSpec> columns;
  std::vector<std::string> key;  // unique key; duplicates are an input error (none: not checked)
  ValueRules rules;
  // An optional table may be absent from the input (it imports as empty, with
  // a warning): the features that read it take the original's no-data values.
  bool optional = false;
  std::string date_column = "game_date";  // the date a row belongs to (per-day input hashes)
};

const std::vector<TableSpec>& phase3_table_specs();
const TableSpec& phase3_table_spec(std::string_view name);
std::string_view column_type_name(ColumnType t);

// Table names as constants so code never spells them twice.
namespace tables {
inline constexpr std::string_view kPlayerGames = "player_game_summary";
inline constexpr std::string_view kOddsApiProps = "odds_api_player_points_props";
inline constexpr std::string_view kBettingProsProps = "bettingpros_player_points_props";
inline constexpr std::string_view kInjuryReport = "nbac_injury_report";
inline constexpr std::string_view kPredictionAccuracy = "prediction_accuracy";
inline constexpr std::string_view kTeamDefense = "team_defense_game_summary";
inline constexpr std::string_view kTeamOffense = "team_offense_game_summary";
inline constexpr std::string_view kPlayerContext = "upcoming_player_game_context";
inline constexpr std::string_view kTeamContext = "upcoming_team_game_context";
inline constexpr std::string_view kSchedule = "schedule";
}  // namespace tables

}  // namespace nba
