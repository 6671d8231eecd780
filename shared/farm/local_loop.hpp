#pragma once
// The one-process run (rank 0 alone): the units in dispatch order, computed
// here with the same UnitWork a worker uses, so both produce the same bytes.
// No MPI.
#include <cstdint>
#include <vector>

#include "farm/dispatcher.hpp"
#include "farm/unit_work.hpp"

namespace nba {

// Stops starting units once `stop_signal` says so or a unit's output could
// not be stored; the unit in progress finishes first.
DispatchResult run_units_here(const RunPlan& plan, const std::vector<std::int32_t>& order, UnitWork& work,
                              const ProgressFn& progress, const StopSignalFn& stop_signal);

}  // namespace nba
