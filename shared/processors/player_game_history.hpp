#pragma once
// PSZA's and PDC's view of player_game_summary: each player's rows in date order
// with the columns they read. NULL stays kNull (see phase3/table.hpp).
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.hpp"

namespace nba {

struct Phase3Data;

struct PlayerGame {
  // Fields in the order the hot scans read them: the row filters (season,
  // activity, minutes, points, attempts) share the first cache line, the
  // strings (read once per row written) come last. Scans walk thousands of
  // these per date; with the strings first, a filter read both ends of the row.
  Day date;
  // Position of team_abbr in PlayerGameHistory::team_names(), set by
  // build_index(): "is this row's team playing today?" becomes a table lookup
  // instead of string compares (PDC's roster expansion asks it for every recent
  // row of every player in the season, on every date).
  std::int32_t team_id = -1;
  std::int32_t opponent_id = -1;  // opponent_team_abbr's position there (MLFS's opponent history)
  std::int64_t season_year;
  std::int64_t is_active, is_dnp;              // 0/1, kNull
  std::int64_t points, minutes_x10;  // minutes_played NUMERIC(5,1) scaled
  std::int64_t fg_attempts, fg_makes;
  std::int64_t paint_attempts, paint_makes, mid_range_attempts, mid_range_makes;
  std::int64_t three_pt_attempts, three_pt_makes, ft_makes;
  std::int64_t assisted_fg_makes, unassisted_fg_makes;
  std::int64_t usage_rate_x100, ts_pct_x1000;  // NUMERIC(6,2), NUMERIC(5,3) scaled
  std::string game_id;
  std::string team_abbr, opponent_team_abbr;
  std::string universal_player_id;  // "" = NULL
};

// Rows, and the non-NULL points and minutes with their counts, of a run of games.
struct SeasonSums {
  std::int64_t rows = 0, points = 0, points_n = 0, minutes_x10 = 0, minutes_n = 0;
  SeasonSums operator-(const SeasonSums& o) const {
    return {rows - o.rows, points - o.points, points_n - o.points_n, minutes_x10 - o.minutes_x10,
            minutes_n - o.minutes_n};
  }
};

struct PlayerGameHistory {
  struct Player {
    std::string player_lookup;
    std::vector<PlayerGame> games;  // oldest first: reversed, newest first with game_id ascending on ties
    // games[i].date, filled by build_index(): the date searches below then read
    // 4 bytes a row instead of a whole PlayerGame (they were the top profile entry).
    std::vector<Day> dates{};
    // dates[0], dates[kDateBlock], dates[2 * kDateBlock], ...: date searches
    // first pick the block here, then search within it, so a search touches a
    // few adjacent cache lines instead of one per halving over a whole career
    // (32 seasons of rows in the synthetic growth league; bench/REPORT.md, cost growth).
    std::vector<Day> block_first_dates{};
    // Running totals over the games whose season_year is the season their date
    // falls in, element i covering games[0, i) (build_index() fills them):
    // a season's sums over a date range are two lookups (own_season_sums), not
    // a walk over 288-byte rows for every player on every date.
    std::vector<SeasonSums> own_season_running{};
  };
  static constexpr std::size_t kDateBlock = 64;
  std::vector<Player> players;  // ascending player_lookup

  PlayerGameHistory() = default;
  explicit PlayerGameHistory(std::vector<Player> sorted_players) : players(std::move(sorted_players)) { build_index(); }

  // Indexes that let a date visit only the players who can produce a row on it
  // instead of everyone in the league's history: without them the per-date cost
  // grows with the number of seasons loaded (bench/REPORT.md, cost growth).
  // build_player_game_history builds them; code that edits `players` by hand
  // (tests) calls build_index() afterwards. Lookups throw std::logic_error when
  // the index was not built for the current `players`.
  void build_index();
  // Positions in `players` of everyone with a box score on d, ascending.
  const std::vector<std::uint32_t>& players_on(Day d) const;
  // Positions of everyone with a box score in [from, to), ascending; may also
  // hold players of the same seasons who did not play in the range, so callers
  // still select rows by date.
  std::vector<std::uint32_t> players_in_seasons_of(Day from, Day to) const;
  // Every distinct team_abbr and opponent_team_abbr of the games, ascending;
  // PlayerGame::team_id and opponent_id index it.
  const std::vector<std::string>& team_names() const { return team_names_; }
  // The team_id of this abbreviation, or -1 when no game has it.
  int team_id(std::string_view team_abbr) const;
  // The player with this lookup, or nullptr (binary search on the sorted
  // `players`; needs build_index()).
  const Player* find(const std::string& player_lookup) const;
  // The earliest game date of any row whose season_year column is `season_year`
  // (a day after every game when there is none): a scan for that season's rows
  // can stop there instead of walking a player's whole career.
  Day first_date_of_season_year(std::int64_t season_year) const;

 private:
  void require_index() const;
  void require_current(const std::vector<std::uint32_t>& positions) const;
  std::map<Day, std::vector<std::uint32_t>> by_date_;
  std::map<int, std::vector<std::uint32_t>> by_season_;  // season_year_of(game date), monotonic in the date
  std::map<std::int64_t, Day> first_date_of_season_year_;  // by the season_year column, as the processors filter
  std::vector<std::string> team_names_;
  // key_prefix of each player's player_lookup, by position: find() searches
  // these integers instead of comparing strings.
  std::vector<std::uint64_t> lookup_prefixes_;
  std::size_t indexed_players_ = 0;
  bool indexed_ = false;
};

PlayerGameHistory build_player_game_history(const Phase3Data& data);

// Sorts one player's rows oldest first such that reading them backwards gives
// newest first with game_id ascending between rows of one date (decision 5).
void sort_player_games(std::vector<PlayerGame>& games);

// The player's box-score row on date d (the first in newest-first order), or nullptr.
const PlayerGame* game_on(const PlayerGameHistory::Player& p, Day d);

// A player's box scores in the 14 days before D (any status), as both backfill
// synthetic contexts (PDC spec 4.4, PCF spec 3.3) summarise them.
struct RecentLoad {
  std::int64_t games_7 = 0, games_14 = 0;          // 7-day window: D-7 < date < D
  std::int64_t minutes_7_x10 = 0, minutes_14_x10 = 0;  // NULL minutes count as 0
  std::int64_t usage_7_sum_x100 = 0, usage_7_count = 0;  // non-NULL usage in the 7-day window
  bool played_day_before = false;
};
RecentLoad recent_load(const PlayerGameHistory::Player& p, Day d);

// std::lower_bound over dates[0, n) (ascending): the first index whose date is >= x.
std::size_t first_date_not_before(const Day* dates, std::size_t n, Day x);

// Rows of p.games with date in [from, to) as an index range (needs build_index()).
std::pair<std::size_t, std::size_t> date_range(const PlayerGameHistory::Player& p, Day from, Day to);
// The sums over games[range) of the rows labelled with their own date's season
// (a range of date_range; over [Oct 1 of S, D) with D in S, the rows of season S).
SeasonSums own_season_sums(const PlayerGameHistory::Player& p, std::pair<std::size_t, std::size_t> range);

}  // namespace nba
