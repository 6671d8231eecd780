#pragma once
// Which dates a run covers: a range, a season, or an explicit list, reduced to
// dates with games, and split into dates to compute and bootstrap dates.
#include <optional>
#include <string>
#include <vector>

#include "calendar/season_calendar.hpp"

namespace nba {

struct DateSelectionOptions {
  std::optional<Day> start, end;     // inclusive
  std::optional<int> season;         // season_year
  std::optional<std::vector<Day>> dates;  // explicit list (--dates and/or --dates-file)
};

struct DateSelection {
  std::vector<Day> compute;    // dates with games, not bootstrap, ascending
  std::vector<Day> bootstrap;  // dates with games inside a season's first 14 days
  std::vector<Day> no_games;   // explicitly requested dates without any game
};

// Throws UsageError for inverted or empty ranges and a season the input lacks.
DateSelection select_dates(const SeasonCalendar& calendar, const DateSelectionOptions& options);

// Reads one ISO date per line ('#' comments and blank lines allowed); errors name the line.
std::vector<Day> read_dates_file(const std::string& path);

// An optional YYYY-MM-DD option (--start, --end); a malformed one is a UsageError naming `flag`.
std::optional<Day> parse_date_option(const std::optional<std::string>& value, const char* flag);

// The dates of `--dates 2024-01-10,2024-01-12` (already split at the commas);
// a token that is not a date is a UsageError naming it.
std::vector<Day> parse_dates_list(const std::vector<std::string>& tokens);

}  // namespace nba
