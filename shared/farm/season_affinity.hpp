#pragma once
// Which queued unit a rank takes next. A rank loads a season's input slice at
// its first unit of that season (engine/season_engines.hpp), so, in order:
//   1. the largest unit of the season it holds;
//   2. the largest unit of a season no other rank holds (a second rank joining
//      a held season pays a second load of the same slice);
//   3. the largest unit of all.
// Within a season the order stays largest first.
#include <algorithm>
#include <cstdint>
#include <unordered_set>
#include <vector>

#include "plan/work_plan.hpp"

namespace nba {

// `queue`: unit ids, largest estimated cost first. `season`: the one the rank
// holds (-1: none). `held`: the seasons other ranks hold.
template <typename Queue>
typename Queue::iterator next_unit_for(Queue& queue, const std::vector<WorkUnit>& units, std::int32_t season,
                                       const std::unordered_set<std::int32_t>& held = {}) {
  auto season_of = [&](std::int32_t id) { return units.at(static_cast<std::size_t>(id)).season; };
  const auto same = std::find_if(queue.begin(), queue.end(), [&](std::int32_t id) { return season_of(id) == season; });
  if (same != queue.end()) return same;
  const auto free = std::find_if(queue.begin(), queue.end(), [&](std::int32_t id) { return !held.count(season_of(id)); });
  return free != queue.end() ? free : queue.begin();
}

}  // namespace nba
