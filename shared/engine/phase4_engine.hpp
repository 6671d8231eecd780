#pragma once
// Runs the Phase 4 processors for the dates of one unit, in dependency order,
// from a worker's in-memory Phase 3 views. No MPI, no HDF5: pure computation.
#include <vector>

#include "engine/unit_output.hpp"
#include "calendar/season_calendar.hpp"
#include "processors/context_inputs.hpp"
#include "processors/mlfs/market_inputs.hpp"
#include "processors/player_game_history.hpp"
#include "processors/source_hashes.hpp"
#include "processors/team_defense_history.hpp"

namespace nba {

struct Phase3Data;

// What the processors carry from one date of a unit to the next, to skip work
// whose result cannot have changed (psza::Memo). Never changes a result: a
// unit's rows are the same whatever dates came before it in the unit.
struct DateToDateMemo {
  psza::Memo psza;
};

class Phase4Engine {
 public:
  explicit Phase4Engine(const Phase3Data& data);
  // One date; appends to `out`. `processors` must be closed under dependencies
  // (dependency_closure); empty = all. `memo`, if given, must serve this engine only.
  void compute_date(Day date, UnitOutput& out, const std::vector<std::string>& processors = {},
                    DateToDateMemo* memo = nullptr) const;

 private:
  SeasonCalendar calendar_;
  TeamDefenseHistory team_defense_;
  PlayerGameHistory player_games_;
  ContextInputs context_inputs_;
  mlfs::MarketInputs market_inputs_;
  Phase3SourceHashes source_hashes_;
};

}  // namespace nba
