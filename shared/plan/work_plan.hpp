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
  // Auto: days:N with N chosen from the dates and the worker count
  // (resolve_partition); every other kind is used as given.
  enum class Kind { Auto, Season, Year, Month, Week, Days };
  Kind kind = Kind::Days;
  int days = 14;  // Kind::Days: calendar-day blocks counted from the season's opening night

  // "auto", "season", "year", "month", "week", "days:N". Throws UsageError otherwise.
  static PartitionSpec parse(const std::string& text);
  std::string to_string() const;
};

inline constexpr const char* kDefaultPartition = "auto";

// Auto's choices, largest first, and how many units each worker should get at
// least. A unit costs a shard (about 160 datasets), a ledger entry per date and
// index mappings whatever its size, so fewer units are cheaper: on 2 cores,
// days:28 took 0.6 to 1.0 s less than days:14 for the four real seasons, and
// days:56 0.4 to 0.5 s less than days:28 (decision 45). More units per worker
// balance the load: with dynamic pull and largest first, four or more keep the
// last unit's tail short.
inline constexpr int kAutoBlockDays[] = {56, 28, 14, 7};
inline constexpr std::size_t kAutoMinUnitsPerWorker = 4;

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

// `spec` itself unless it is Auto; then days:N for the first N of kAutoBlockDays
// that gives `workers` (>= 1) at least kAutoMinUnitsPerWorker units each, or the
// smallest N when none does (a short range).
PartitionSpec resolve_partition(const PartitionSpec& spec, const std::vector<Day>& dates,
                                const SeasonCalendar& calendar, int workers);

// Unit ids in dispatch order: estimated cost descending, id ascending on ties.
std::vector<std::int32_t> dispatch_order(const std::vector<WorkUnit>& units);

}  // namespace nba
