#pragma once
// A worker rank from start to end: open the input while rank 0 plans, take the
// plan, serve units (farm/worker_loop.hpp) until told to stop.
#include <boost/mpi/communicator.hpp>

#include <memory>
#include <string>

#include "store/input_store.hpp"

namespace nba {

// The input a worker opens before the plan arrives: the store's block index,
// checked against its fingerprint (kilobytes; the season slices are read as
// units arrive). A failure is kept and reported once the plan arrives.
struct PreparedInput {
  std::string input_path;  // absolute, as this rank resolved it ("" when even that failed)
  std::unique_ptr<InputStore> store;
  std::string fingerprint;  // hex, of the store as opened here
  std::string error;        // why it could not be opened; empty when it was
  double seconds = 0;
};
// `input_path` as given on the command line (resolved with resolve_input_path, as rank 0 does for the plan).
PreparedInput prepare_input(const std::string& input_path);

// Returns the process's exit code, or ends the process without MPI_Finalize
// when rank 0 is gone or a rank was lost (finalizing would wait for it).
int run_worker(const boost::mpi::communicator& world, const std::string& input_path, double worker_timeout_seconds);

}  // namespace nba
