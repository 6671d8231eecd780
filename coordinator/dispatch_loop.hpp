#pragma once
// Rank 0's dynamic-pull loop: hand the next unit (largest first) to whichever
// worker reports, until every unit is accounted for and every worker stopped.
#include <boost/mpi/communicator.hpp>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "engine/run_plan.hpp"
#include "engine/unit_recorder.hpp"

namespace nba {

// Called on rank 0 for each finished unit (it may mark the outcome failed).
using ProgressFn = std::function<void(UnitOutcome&)>;

struct DispatchResult {
  std::vector<UnitOutcome> outcomes;
  std::size_t not_started = 0;  // units never handed out because a stop was requested
  bool grace_expired = false;   // units were still running when the grace period ended
  std::map<int, std::string> hosts;  // worker rank -> hostname
};

// Stops handing out units once stop_requested(); waits up to grace_seconds for
// units in flight, then returns with grace_expired set (the caller must abort).
DispatchResult dispatch_units(const boost::mpi::communicator& world, const RunPlan& plan,
                              const std::vector<std::int32_t>& order, const ProgressFn& progress, double grace_seconds);

}  // namespace nba
