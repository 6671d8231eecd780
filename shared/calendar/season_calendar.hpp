#pragma once
// Seasons as the input's schedule defines them: opening night = the first
// regular-season game of each season_year (decision 3; never constants in code),
// the 14-day bootstrap rule, and which dates have games.
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "core/civil_date.hpp"

namespace nba {

struct Phase3Data;
class Table;

inline constexpr int kBootstrapDays = 14;

class SeasonCalendar {
 public:
  SeasonCalendar() = default;
  SeasonCalendar(std::map<int, Day> opening_nights, std::set<Day> game_dates)
      : opening_nights_(std::move(opening_nights)), game_dates_(std::move(game_dates)) {}

  // Throws InputError-like std::runtime_error when the schedule has no
  // regular-season game for that season.
  Day opening_night(int season_year) const;
  bool has_season(int season_year) const { return opening_nights_.count(season_year) > 0; }
  // 0 <= D - opening night < 14: no rows in any processor (recorded, not a gap).
  bool is_bootstrap(Day d) const;
  // Dates with at least one player_game_summary row (decision 8).
  const std::set<Day>& game_dates() const { return game_dates_; }
  const std::map<int, Day>& opening_nights() const { return opening_nights_; }

 private:
  std::map<int, Day> opening_nights_;
  std::set<Day> game_dates_;
};

SeasonCalendar build_season_calendar(const Phase3Data& data);
// The same from the schedule table and the box scores' game_date column alone.
SeasonCalendar build_season_calendar(const Table& schedule, const std::vector<std::int64_t>& player_game_dates);
// From the schedule's game_date and is_regular_season columns alone (rank 0's planning read).
SeasonCalendar build_season_calendar(const std::vector<std::int64_t>& schedule_dates,
                                     const std::vector<std::int64_t>& is_regular_season,
                                     const std::vector<std::int64_t>& player_game_dates);

}  // namespace nba
