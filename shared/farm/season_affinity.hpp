#pragma once
// Which queued unit a rank takes next: the largest of the season whose input
// slice it holds, else the largest of all. A rank loads a season's slice at its
// first unit of that season (engine/season_engines.hpp), so staying on one
// season saves reloads; within a season the order stays largest first.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "plan/work_plan.hpp"

namespace nba {

// `queue`: unit ids, largest estimated cost first. `season`: the one the rank holds (-1: none).
template <typename Queue>
typename Queue::iterator next_unit_for(Queue& queue, const std::vector<WorkUnit>& units, std::int32_t season) {
  const auto same = std::find_if(queue.begin(), queue.end(), [&](std::int32_t id) {
    return units.at(static_cast<std::size_t>(id)).season == season;
  });
  return same != queue.end() ? same : queue.begin();
}

}  // namespace nba
