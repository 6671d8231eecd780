#include "plan/work_plan.hpp"

#include <algorithm>
#include <charconv>
#include <numeric>
#include <stdexcept>
#include <tuple>

#include "core/errors.hpp"

namespace nba {

PartitionSpec PartitionSpec::parse(const std::string& text) {
  PartitionSpec p;
  if (text == "auto") p.kind = Kind::Auto;
  else if (text == "season") p.kind = Kind::Season;
  else if (text == "year") p.kind = Kind::Year;
  else if (text == "month") p.kind = Kind::Month;
  else if (text == "week") p.kind = Kind::Week;
  else if (text.rfind("days:", 0) == 0) {
    p.kind = Kind::Days;
    const char* b = text.data() + 5;
    const char* e = text.data() + text.size();
    auto r = std::from_chars(b, e, p.days);
    if (r.ec != std::errc() || r.ptr != e || p.days < 1 || p.days > 400)
      throw UsageError("--partition days:N needs N between 1 and 400, got '" + text + "'");
  } else {
    throw UsageError("--partition must be auto, season, year, month, week or days:N, got '" + text + "'");
  }
  return p;
}

std::string PartitionSpec::to_string() const {
  switch (kind) {
    case Kind::Auto: return "auto";
    case Kind::Season: return "season";
    case Kind::Year: return "year";
    case Kind::Month: return "month";
    case Kind::Week: return "week";
    case Kind::Days: return "days:" + std::to_string(days);
  }
  return "?";
}

std::string WorkUnit::name() const {
  return format_iso_date(dates.front()) + "_" + format_iso_date(dates.back());
}

namespace {
int floor_div(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
}  // namespace

std::vector<WorkUnit> partition_dates(const std::vector<Day>& dates, const PartitionSpec& spec,
                                      const SeasonCalendar& calendar, const std::function<double(Day)>& cost_of_date) {
  // Block key per date; consecutive dates with equal (season, key) form one unit.
  auto key_of = [&](Day d) -> std::tuple<int, int> {
    const int season = season_year_of(d);
    const CivilDate c = civil_from_day(d);
    switch (spec.kind) {
      case PartitionSpec::Kind::Auto: throw std::logic_error("partition_dates: resolve the auto partition first");
      case PartitionSpec::Kind::Season: return {season, 0};
      case PartitionSpec::Kind::Year: return {season, c.year};
      case PartitionSpec::Kind::Month: return {season, c.year * 12 + c.month};
      case PartitionSpec::Kind::Week: return {season, floor_div(d - 4, 7)};  // ISO weeks start on Monday
      case PartitionSpec::Kind::Days: return {season, floor_div(d - calendar.opening_night(season), spec.days)};
    }
    return {season, 0};
  };
  std::vector<WorkUnit> units;
  std::tuple<int, int> current{};
  for (Day d : dates) {
    const auto k = key_of(d);
    if (units.empty() || k != current) {
      WorkUnit u;
      u.id = static_cast<std::int32_t>(units.size());
      u.season = std::get<0>(k);
      units.push_back(u);
      current = k;
    }
    units.back().dates.push_back(d);
    units.back().estimated_cost += cost_of_date(d);
  }
  return units;
}

PartitionSpec resolve_partition(const PartitionSpec& spec, const std::vector<Day>& dates,
                                const SeasonCalendar& calendar, int workers) {
  if (spec.kind != PartitionSpec::Kind::Auto) return spec;
  PartitionSpec chosen;
  chosen.kind = PartitionSpec::Kind::Days;
  const std::size_t wanted = kAutoMinUnitsPerWorker * static_cast<std::size_t>(std::max(1, workers));
  for (const int days : kAutoBlockDays) {
    chosen.days = days;
    if (partition_dates(dates, chosen, calendar, [](Day) { return 0.0; }).size() >= wanted) break;
  }
  return chosen;
}

std::vector<std::int32_t> dispatch_order(const std::vector<WorkUnit>& units) {
  std::vector<std::int32_t> order(units.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    return units[a].estimated_cost > units[b].estimated_cost;
  });
  return order;
}

}  // namespace nba
