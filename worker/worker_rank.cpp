#include "worker/worker_rank.hpp"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "core/elapsed.hpp"
#include "core/exit_code.hpp"
#include "core/fault_injection.hpp"
#include "core/fingerprint.hpp"
#include "core/system_info.hpp"
#include "farm/protocol.hpp"
#include "farm/stop_request.hpp"
#include "farm/worker_loop.hpp"
#include "phase3/table.hpp"
#include "store/input_store.hpp"
#include "worker/shard_unit_work.hpp"

namespace nba {

namespace {

// Every host must see the same, writable output folder (hostfiles/README.md):
// a worker that cannot create a file there says so instead of failing per unit.
void check_output_writable(const std::string& out_dir, int rank) {
  const std::string host = host_name();
  const std::string probe = out_dir + "/.write-probe-" + host + "-" + std::to_string(rank);
  std::FILE* f = std::fopen(probe.c_str(), "wb");
  if (!f)
    throw std::runtime_error(std::string("output directory ") + out_dir + " is not writable from host " + host + ": " +
                             std::strerror(errno) + " (it must be a shared folder reachable from every host)");
  std::fclose(f);
  std::remove(probe.c_str());
}

// A worker whose rank 0 died (it would otherwise wait for it forever under
// `mpirun --enable-recovery`): say so and end without MPI_Finalize, which
// would wait for the dead rank too.
[[noreturn]] void exit_coordinator_lost(const boost::mpi::communicator& world, const CoordinatorWatch& watch) {
  spdlog::error("rank {} on {}: no word from the coordinator (rank 0) for {:.0f}s: it is gone; stopping. "
                "Everything it recorded stays; rerun the same command to resume.",
                world.rank(), host_name(), watch.timeout_seconds());
  spdlog::default_logger()->flush();
  std::_Exit(exit_code::kStopped);
}

// The input store the plan names, or why this rank cannot work.
std::unique_ptr<InputStore> verified_store(const boost::mpi::communicator& world, const RunPlan& plan,
                                           PreparedInput& prepared) {
  if (prepared.input_path != plan.input_path) prepared = prepare_input(plan.input_path);
  if (!prepared.error.empty()) throw std::runtime_error(prepared.error);
  if (prepared.fingerprint != plan.input_fingerprint)
    throw std::runtime_error("input store " + plan.input_path + " on this host differs from rank 0's (fingerprint " +
                             prepared.fingerprint + " vs " + plan.input_fingerprint + ")");
  check_output_writable(plan.out_dir, world.rank());
  fault::before_worker_ready(world.rank());
  return std::move(prepared.store);
}

}  // namespace

PreparedInput prepare_input(const std::string& input_path) {
  const auto start = std::chrono::steady_clock::now();
  PreparedInput in;
  try {
    in.input_path = resolve_input_path(input_path);
    in.store = std::make_unique<InputStore>(in.input_path);
    in.fingerprint = in.store->fingerprint_hex();
  } catch (const std::exception& e) {
    in.error = e.what();
  }
  in.seconds = seconds_since(start);
  return in;
}

int run_worker(const boost::mpi::communicator& world, const std::string& input_path, double worker_timeout_seconds) {
  // Rank 0 alone handles stop signals and tells the workers.
  ignore_stop_signals_in_worker();
  // Opened while rank 0 plans.
  PreparedInput prepared = prepare_input(input_path);
  CoordinatorWatch watch(world, worker_timeout_seconds);
  RunPlan plan;
  if (!protocol::receive_plan(world, watch, plan)) exit_coordinator_lost(world, watch);
  if (!plan.abort_reason.empty()) return exit_code::kOk;  // rank 0 reports why
  std::unique_ptr<InputStore> store;
  std::string cannot_work;
  try {
    store = verified_store(world, plan, prepared);
  } catch (const std::exception& e) {
    cannot_work = "rank " + std::to_string(world.rank()) + ": " + e.what();
  }
  SeasonEngines engines([&](int season) { return store->read_for_season(season); });
  std::unique_ptr<ShardUnitWork> work;
  if (store) work = std::make_unique<ShardUnitWork>(engines, plan);
  const WorkerEnd end = serve_units(world, plan, work.get(), cannot_work, prepared.seconds, watch);
  if (end == WorkerEnd::CoordinatorLost) exit_coordinator_lost(world, watch);
  if (end == WorkerEnd::ExitWithoutFinalize) {
    spdlog::default_logger()->flush();
    std::_Exit(exit_code::kOk);
  }
  return exit_code::kOk;
}

}  // namespace nba
