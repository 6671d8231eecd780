#pragma once
// Rank 0's dynamic-pull loop: hand the next unit (largest first) to whichever
// worker reports, until every unit is accounted for and every worker stopped.
#include <boost/mpi/communicator.hpp>
#include <functional>
#include <vector>

#include "engine/run_plan.hpp"
#include "engine/unit_recorder.hpp"

namespace nba {

// Called on rank 0 for each finished unit (it may mark the outcome failed).
using ProgressFn = std::function<void(UnitOutcome&)>;

std::vector<UnitOutcome> dispatch_units(const boost::mpi::communicator& world, const RunPlan& plan,
                                        const std::vector<std::int32_t>& order, const ProgressFn& progress);

}  // namespace nba
