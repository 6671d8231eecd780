#pragma once
// A worker rank: load the input once, then pull units from rank 0 until told to
// stop. Task errors are reported as messages; a worker never exits non-zero on a
// task error (Open MPI would then kill the whole job).
#include <boost/mpi/communicator.hpp>

#include "engine/run_plan.hpp"

namespace nba {

enum class WorkerEnd { Finalize, ExitWithoutFinalize };

// Serves units until rank 0 says stop; says how to end the process.
WorkerEnd run_worker(const boost::mpi::communicator& world, const RunPlan& plan);

}  // namespace nba
