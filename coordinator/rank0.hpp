#pragma once
// Rank 0 of `run`: plan, send the plan, hand units to the workers (or compute
// them here when alone), record each finished unit in the ledger at once, then
// rebuild the index and manifest and report. Returns the run's exit code.
#include <boost/mpi/communicator.hpp>

#include "coordinator/run_command.hpp"

namespace nba {

int run_rank0(const boost::mpi::communicator& world, const RunOptions& options);

}  // namespace nba
