#pragma once
// Rank 0's side of the dynamic pull: hand the next unit (largest first) to whichever
// worker reports, until every unit is accounted for and every worker stopped.
//
// Failure handling (docs/failure-modes.md): every worker must be heard from
// (a heartbeat, at most every 250 ms while computing, or a report) within the
// worker timeout. One
// that is not is declared lost: never assigned again, its unit requeued to a
// live worker (a unit that loses two workers is failed instead, so one poison
// unit cannot kill the whole farm), and, when it runs on rank 0's host, killed
// so a hung (e.g. SIGSTOPped) process cannot keep mpirun from exiting.
// Surviving a dead rank needs `mpirun --enable-recovery`; without it mpirun
// ends the job and a rerun resumes from the ledger.
#include <boost/mpi/communicator.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/unit_report.hpp"
#include "farm/stop_request.hpp"
#include "plan/run_plan.hpp"

namespace nba {

// Called on rank 0 for each finished unit (it may mark the outcome failed, or
// set storage_error when the outcome could not be recorded).
using ProgressFn = std::function<void(UnitOutcome&)>;

// The signal that asked the run to stop, 0 while none did.
using StopSignalFn = std::function<int()>;

struct DispatchOptions {
  double grace_seconds = 120;          // after a stop signal, how long units in flight may finish
  double worker_timeout_seconds = 120;  // silence after which a worker is declared lost
  StopSignalFn stop_signal = nba::stop_signal;
  // A lost worker on rank 0's host is killed (a hung process would keep mpirun
  // from exiting). The farm's tests turn this off: they lose a worker on purpose.
  bool kill_lost_workers = true;
};

struct LostWorker {
  int rank = 0;
  std::string host;
  int pid = 0;
  std::int32_t unit_id = -1;  // the unit it held (-1: none, it never became ready)
  bool killed = false;        // rank 0 sent it SIGKILL (same host)
};

struct RankStats {
  double seconds_load = 0;      // loading the input store and building the engine
  std::int64_t peak_rss_kb = 0;  // the highest the rank reported
};

struct DispatchResult {
  std::vector<UnitOutcome> outcomes;
  std::size_t not_started = 0;  // units never handed out because the run was stopping
  bool grace_expired = false;   // units were still running when the grace period ended
  std::map<int, std::string> hosts;  // worker rank -> hostname
  std::vector<LostWorker> lost;      // workers declared lost, in the order it happened
  std::map<int, RankStats> ranks;    // worker rank -> start-up and memory figures
  double seconds_recording = 0;      // rank 0 checking and recording finished units (its serial share per unit)
  std::optional<std::string> storage_error;  // the output could not be written: dispatch stopped
};

DispatchResult dispatch_units(const boost::mpi::communicator& world, const RunPlan& plan,
                              const std::vector<std::int32_t>& order, const ProgressFn& progress,
                              const DispatchOptions& options);

}  // namespace nba
