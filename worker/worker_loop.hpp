#pragma once
// A worker rank: load the input once, then pull units from rank 0 until told to
// stop. Task errors are reported as messages; a worker never exits non-zero on a
// task error (Open MPI would then kill the whole job).
#include <boost/mpi/communicator.hpp>

#include <memory>
#include <string>

#include "engine/phase4_engine.hpp"
#include "engine/run_plan.hpp"
#include "worker/coordinator_link.hpp"

namespace nba {

// CoordinatorLost: rank 0 was silent for the worker timeout (it died); the
// worker must exit at once, without MPI_Finalize.
enum class WorkerEnd { Finalize, ExitWithoutFinalize, CoordinatorLost };

// The input a worker loads before the plan arrives, so that its load (read
// the store, verify it, build the engine) overlaps rank 0's planning instead
// of starting after it. A failure is kept and reported once the plan arrives.
struct PreparedInput {
  std::string input_path;  // absolute, as this rank resolved it ("" when even that failed)
  std::unique_ptr<Phase4Engine> engine;
  std::string fingerprint;  // hex, of the store as read here
  std::string error;        // why it could not be loaded; empty when it was
  double seconds = 0;
};
// `input_path` as given on the command line (resolved with resolve_input_path, as rank 0 does for the plan).
PreparedInput prepare_input(const std::string& input_path);

// Serves units until rank 0 says stop; says how to end the process. When the
// plan names another input path than `prepared` (a host that resolves the
// path differently), the planned one is loaded instead.
WorkerEnd run_worker(const boost::mpi::communicator& world, const RunPlan& plan, PreparedInput prepared,
                     CoordinatorWatch& coordinator);

}  // namespace nba
