#include "coordinator/run_command.hpp"

#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>

#include "coordinator/launch_defaults.hpp"
#include "coordinator/rank0.hpp"
#include "worker/worker_rank.hpp"

namespace nba {

int run_command(const RunOptions& options) {
  apply_rank_launch_defaults();
  boost::mpi::environment env(boost::mpi::threading::single, true);
  boost::mpi::communicator world;
  if (world.rank() == 0) return run_rank0(world, options);
  return run_worker(world, options.input, options.worker_timeout_seconds);
}

}  // namespace nba
