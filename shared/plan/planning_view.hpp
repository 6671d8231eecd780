#pragma once
// What planning judges dates by: the season calendar and the per-day input
// hashes, from the input store's planning data (decision 47) without loading
// or hashing the tables. Rank 0 plans runs from it; coverage and gaps judge an
// output folder by the same view.
#include <cstdint>
#include <map>
#include <string>

#include "calendar/season_calendar.hpp"
#include "plan/input_fingerprints.hpp"

namespace nba {

struct PlanningView {
  std::string input_fingerprint_hex;  // the store's content fingerprint, as recorded
  SeasonCalendar calendar;
  InputFingerprints fingerprints;
  std::map<Day, std::int64_t> box_scores_per_day;  // player_game_summary rows by game date: a date's cost estimate
};
// Throws what read_planning_input throws (InputError naming the store).
PlanningView read_planning_view(const std::string& store_path);

}  // namespace nba
