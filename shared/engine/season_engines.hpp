#pragma once
// A computing rank's engine, one season at a time: the first unit of a season
// loads that season's slice of the input (seasons [reach, season], store/
// input_store.hpp) and builds the engine from it; the slice held before is
// dropped first, so a rank holds about two seasons of input whatever the
// store's size. No HDF5 here: the loader is given.
#include <functional>
#include <memory>

#include "engine/phase4_engine.hpp"
#include "phase3/table.hpp"

namespace nba {

class SeasonEngines {
 public:
  struct Load {
    double seconds = 0;     // reading the slice and building the engine
    std::size_t rows = 0;   // Phase 3 rows the slice holds
  };
  using LoadSeason = std::function<Phase3Data(int season)>;
  explicit SeasonEngines(LoadSeason load) : load_(std::move(load)) {}
  // The engine for `season`; `loaded` gets what loading it cost (zero when it was held).
  const Phase4Engine& for_season(int season, Load& loaded);

 private:
  LoadSeason load_;
  std::unique_ptr<Phase4Engine> engine_;
  int season_ = 0;
};

}  // namespace nba
