#pragma once
// player_shot_zone_analysis (PSZA), spec section 3: each player's shot
// distribution, accuracy and volume by zone over the last 10 (and 20) qualifying
// games of the current season before D. Pure function of the player history.
#include <optional>
#include <string>
#include <vector>

#include "core/civil_date.hpp"
#include "core/failure_record.hpp"
#include "core/output_table.hpp"
#include "processors/player_game_history.hpp"

namespace nba::psza {

inline constexpr int kWindow = 10;
inline constexpr int kTrendWindow = 20;
inline constexpr int kTrendMinimum = 15;

// One output row, values as stored; NaN = NULL, "" = NULL for strings.
struct Row {
  std::string player_lookup, universal_player_id;
  Day analysis_date;
  double paint_rate_last_10, mid_range_rate_last_10, three_pt_rate_last_10;
  double paint_pct_last_10, mid_range_pct_last_10, three_pt_pct_last_10;
  double paint_attempts_per_game, mid_range_attempts_per_game, three_pt_attempts_per_game;
  double total_shots_last_10;  // INT64 in the original; NaN when NULL (T = 0)
  std::int64_t games_in_sample_10;
  std::string sample_quality_10;
  double paint_rate_last_20, paint_pct_last_20;
  std::int64_t games_in_sample_20;
  std::string sample_quality_20;
  double assisted_rate_last_10, unassisted_rate_last_10;
  std::string primary_scoring_zone, data_quality_tier;
  bool early_season_flag;
  std::string source_player_game_hash;  // "" = NULL
  std::string data_hash;  // the original's recipe; set when the row is dated (it hashes analysis_date)
};

struct Result {
  std::vector<Row> rows;                // ascending player_lookup
  std::vector<FailureRecord> failures;  // ascending entity
  int entities = 0;
};

// Dynamic early-season minimum on day d = D - season start (spec 3.3).
int min_games_required(int days_since_season_start);
std::string sample_quality(std::int64_t games, int target);
// On the three 10-game rates (NaN treated as 0).
std::string primary_scoring_zone(double paint_rate, double mid_rate, double three_rate);

// The row for one player from their extracted rows (newest first, <= 20), or a
// pre-write validation failure. No minimum-games gate here (see compute()).
struct RowOrFailure {
  std::optional<Row> row;
  std::optional<FailureRecord> failure;
};
RowOrFailure build_row(const std::string& player_lookup, const std::vector<const PlayerGame*>& extracted,
                       Day analysis_date, int min_games);

// season_start = the season's opening night (decision 4).
// What compute remembers from one date to the next (the dates of a unit). A
// player's row depends on the date only through its analysis_date and the
// dynamic minimum; the window is his qualifying games in [season start, date).
// With no game since the previous date and the same minimum, he gets the same
// row (or failure), dated anew: copied, not extracted and rounded again. About
// half the player-dates of a season are such. Results are identical with or
// without a memo (psza_test); one memo serves one history.
class Memo {
 public:
  struct Entry {
    bool valid = false;
    std::size_t lo = 0, hi = 0;  // the player's games considered, [lo, hi)
    int min_games = 0;
    RowOrFailure outcome;  // neither: no qualifying game, not an entity
    std::string hash_fields;  // the row's data_hash text after its date (row_hash_fields)
    // The season start and date [lo, hi) was found for: a later date of the
    // same season finds its range by walking on from hi (a game or two)
    // instead of two binary searches per player and date.
    Day season_start = 0, through = 0;
  };
  Entry& of_player(std::size_t position) {
    if (position >= entries_.size()) entries_.resize(position + 1);
    return entries_[position];
  }

 private:
  std::vector<Entry> entries_;  // by position in PlayerGameHistory::players
};

// source_player_game_hash: the date's pick among player_game_summary rows with
// game_date < D (source_hashes.hpp).
Result compute(const PlayerGameHistory& history, Day analysis_date, Day season_start, Memo* memo = nullptr,
               std::string_view source_player_game_hash = {});

// Whether the player is one of compute's entities on `analysis_date`: he has a
// qualifying game (active, with minutes or shots) in [season_start, analysis_date).
bool is_entity(const PlayerGameHistory::Player& player, Day season_start, Day analysis_date);

// The original's data_hash of a row (columns-parity.md 3): its stored values.
// analysis_date sorts first among the hashed fields, so the text is
// "analysis_date:<date>|" + row_hash_fields(row): compute builds the second part
// once per memo entry and only the date changes from one date to the next.
std::string row_hash_fields(const Row& row);
std::string row_data_hash(std::string_view date_text, const std::string& hash_fields);
std::string row_data_hash(const Row& row);

// The output table of rows given per date (RowBatches) or as one vector.
OutputTable to_table(RowBatches<Row> rows);
inline OutputTable to_table(const std::vector<Row>& rows) { return to_table(RowBatches<Row>(&rows, 1)); }

}  // namespace nba::psza
