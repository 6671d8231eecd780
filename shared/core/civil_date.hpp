#pragma once
// Calendar dates as day numbers (days since 1970-01-01), the only date type the
// project uses internally: windows like "D-30 .. D" become integer arithmetic.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nba {

using Day = std::int32_t;

struct CivilDate {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};

Day day_from_civil(CivilDate c);
CivilDate civil_from_day(Day d);

// Strict YYYY-MM-DD; returns nullopt for anything else (including 2023-02-30).
std::optional<Day> parse_iso_date(std::string_view text);
std::string format_iso_date(Day d);

// NBA season of a date: the calendar year if month >= 10, else year - 1 (2024 = 2024-25).
int season_year_of(Day d);
// "2024-25" style label.
std::string season_label(int season_year);
// October 1 of the season's first calendar year (TDZA/PDC "season_start_date").
Day october_first(int season_year);

}  // namespace nba
