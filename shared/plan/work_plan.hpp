#pragma once
// Partitioning the selected dates into work units and ordering them for dynamic
// pull (largest estimated cost first, LPT). A unit never spans two seasons.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "calendar/season_calendar.hpp"

namespace nba {

struct PartitionSpec {
  enum class Kind { Season, Year, Month, Week, Days };
  Kind kind = Kind::Days;
  int days = 14;  // Kind::Days: calendar-day blocks counted from the season's opening night

  // "season", "year", "month", "week", "days:N". Throws UsageError otherwise.
  static PartitionSpec parse(const std::string& text);
  std::string to_string() const;
};

inline constexpr const char* kDefaultPartition = "days:14";

struct WorkUnit {
  std::int32_t id = 0;  // chronological index
  std::int32_t season = 0;
  std::vector<Day> dates;  // ascending
  double estimated_cost = 0;

  std::string name() const;  // <first>_<last>
  template <class Archive>
  void serialize(Archive& ar, unsigned) {
    ar & id & season & dates & estimated_cost;
  }
};

// Units in chronological order; `cost_of_date` estimates the work of one date.
std::vector<WorkUnit> partition_dates(const std::vector<Day>& dates, const PartitionSpec& spec,
                                      const SeasonCalendar& calendar, const std::function<double(Day)>& cost_of_date);

// Unit ids in dispatch order: estimated cost descending, id ascending on ties.
std::vector<std::int32_t> dispatch_order(const std::vector<WorkUnit>& units);

}  // namespace nba
