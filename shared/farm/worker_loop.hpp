#pragma once
// A worker rank's side of the dynamic pull: it says whether it can work, then
// takes units from rank 0 until told to stop, reporting each one. A task error
// is a report; a worker never exits non-zero on one (Open MPI would then end
// the whole job).
#include <boost/mpi/communicator.hpp>

#include <string>

#include "farm/coordinator_link.hpp"
#include "farm/unit_work.hpp"
#include "plan/run_plan.hpp"

namespace nba {

// CoordinatorLost: rank 0 was silent for the worker timeout (it died); the
// worker must exit at once, without MPI_Finalize.
enum class WorkerEnd { Finalize, ExitWithoutFinalize, CoordinatorLost };

// `work` is null when this rank cannot work (`cannot_work` says why; rank 0
// is told and hands it nothing). `seconds_load`: its start-up, for the timers.
WorkerEnd serve_units(const boost::mpi::communicator& world, const RunPlan& plan, UnitWork* work,
                      const std::string& cannot_work, double seconds_load, CoordinatorWatch& coordinator);

}  // namespace nba
