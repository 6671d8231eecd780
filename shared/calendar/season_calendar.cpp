#include "calendar/season_calendar.hpp"

#include <stdexcept>

#include "phase3/table.hpp"

namespace nba {

Day SeasonCalendar::opening_night(int season_year) const {
  auto it = opening_nights_.find(season_year);
  if (it == opening_nights_.end())
    throw std::runtime_error("the schedule has no regular-season game for season " + season_label(season_year) +
                             ", so its opening night (bootstrap start) is unknown");
  return it->second;
}

bool SeasonCalendar::is_bootstrap(Day d) const {
  const int offset = d - opening_night(season_year_of(d));
  return offset >= 0 && offset < kBootstrapDays;
}

SeasonCalendar build_season_calendar(const Phase3Data& data) {
  return build_season_calendar(data.table(tables::kSchedule), data.table(tables::kPlayerGames).values("game_date"));
}

SeasonCalendar build_season_calendar(const Table& sched, const std::vector<std::int64_t>& player_game_dates) {
  return build_season_calendar(sched.values("game_date"), sched.values("is_regular_season"), player_game_dates);
}

SeasonCalendar build_season_calendar(const std::vector<std::int64_t>& dates, const std::vector<std::int64_t>& regular,
                                     const std::vector<std::int64_t>& player_game_dates) {
  std::map<int, Day> opening;
  for (std::size_t i = 0; i < dates.size(); ++i) {
    if (regular[i] != 1) continue;
    const Day d = static_cast<Day>(dates[i]);
    const int season = season_year_of(d);
    auto [it, inserted] = opening.emplace(season, d);
    if (!inserted && d < it->second) it->second = d;
  }
  std::set<Day> game_dates;
  for (auto v : player_game_dates) game_dates.insert(static_cast<Day>(v));
  return SeasonCalendar(std::move(opening), std::move(game_dates));
}

}  // namespace nba
