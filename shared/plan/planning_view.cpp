#include "plan/planning_view.hpp"

#include <utility>

#include "store/input_store.hpp"

namespace nba {

PlanningView read_planning_view(const std::string& store_path) {
  PlanningInput input = read_planning_input(store_path);
  std::map<Day, std::int64_t> per_day;
  for (const std::int64_t d : input.player_game_dates) ++per_day[static_cast<Day>(d)];
  return {std::move(input.fingerprint_hex), build_season_calendar(input.schedule_dates, input.schedule_is_regular, input.player_game_dates),
          InputFingerprints(std::move(input.day_hashes), std::move(input.season_reach)), std::move(per_day)};
}

}  // namespace nba
