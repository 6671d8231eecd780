#include "engine/season_engines.hpp"

#include <chrono>

#include "core/elapsed.hpp"

namespace nba {

const Phase4Engine& SeasonEngines::for_season(int season, Load& loaded) {
  loaded = {};
  if (engine_ && season_ == season) return *engine_;
  const auto t0 = std::chrono::steady_clock::now();
  engine_.reset();  // before the next slice is read: one slice in memory at a time
  {
    const Phase3Data data = load_(season);
    for (const auto& t : data.tables) loaded.rows += t.rows();
    engine_ = std::make_unique<Phase4Engine>(data);
  }  // the engine keeps its own views; the tables would only hold memory
  season_ = season;
  loaded.seconds = seconds_since(t0);
  return *engine_;
}

}  // namespace nba
