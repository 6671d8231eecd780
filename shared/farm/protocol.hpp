#pragma once
// The farm's messages between rank 0 and the workers, in one place: the tags,
// the fixed-size structs (trivially copyable, sent as raw bytes: no
// serialization on the hot path; all ranks run the same binary on the same
// architecture), one encode/decode pair per message, and the run plan, sent to
// each worker once at start-up with Boost.Serialization.
#include <boost/mpi/communicator.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "engine/unit_report.hpp"
#include "plan/run_plan.hpp"
#include "processors/processor_table.hpp"

namespace nba {
class CoordinatorWatch;
}

namespace nba::protocol {

// kAlive: rank 0 -> worker, empty, at least every 500 ms (coordinator_link.hpp).
enum Tag : int { kReport = 11, kAssign = 12, kPlan = 13, kAlive = 14 };

// stop: 0 = compute unit_id; kStopFinalize = done, finalize MPI and exit;
// kStopExit = done, exit without MPI_Finalize (a rank was lost: finalizing
// could wait for it forever).
inline constexpr std::int32_t kStopFinalize = 1;
inline constexpr std::int32_t kStopExit = 2;

struct AssignMsg {
  std::int32_t unit_id;  // -1 when stopping
  std::int32_t stop;
};

// Heartbeat: sent after a computed date of the unit in hand when 250 ms have
// passed since the last one (worker_loop.cpp); it answers nothing and
// only proves the worker is alive and making progress (the coordinator's
// per-worker deadline, --worker-timeout, runs from the last message it got).
enum class ReportKind : std::int32_t { Ready = 0, Done = 1, Failed = 2, Fatal = 3, Heartbeat = 4 };

struct ReportMsg {
  ReportKind kind;
  std::int32_t unit_id;
  std::int64_t rows[kProcessorCount];  // in kProcessors order
  std::int64_t failure_records;
  double seconds_compute;
  double seconds_write;
  double seconds_by_processor[kProcessorCount];  // in kProcessors order
  double seconds_waiting;  // Done/Failed: waiting for this unit since the previous report (0 for the first)
  double seconds_waiting_first;  // Done/Failed of a worker's first unit: from Ready to getting it (start-up)
  double seconds_load;     // Ready: opening the input store; Done/Failed: loading the unit's season slice
  std::int64_t rows_loaded;  // Done/Failed: the Phase 3 rows of that slice (0: the season was held)
  std::int64_t peak_rss_kb;
  std::int32_t storage_error;  // Failed: the shard could not be written (disk full, I/O error)
  std::int32_t pid;            // the worker's process id (Ready / Fatal), to end it when it hangs
  char host[64];  // the worker's hostname (Ready / Fatal)
  char error[512];
};

static_assert(std::is_trivially_copyable_v<AssignMsg>);
static_assert(std::is_trivially_copyable_v<ReportMsg>);

// A finished unit's report (Done or Failed) and back. `processors` are the
// run's: a processor the run did not compute gets no entry in the decoded maps.
ReportMsg encode_report(const UnitReport& report);
UnitReport decode_report(const ReportMsg& message, const std::vector<std::string>& processors);

// What a worker says when it starts (Ready, or Fatal with `error`).
ReportMsg encode_hello(bool ready, const std::string& error, double seconds_load, std::int64_t peak_rss_kb, int pid,
                       const std::string& host);
std::string host_of(const ReportMsg& message);
std::string error_of(const ReportMsg& message);

// Rank 0: sends the plan (or the abort) to every worker and returns once each
// has it, as one broadcast would, but sleeping between polls: Open MPI's
// blocking broadcast spun a core until the last worker had loaded its input,
// a third of the CPU the loading workers had on 2 cores (decision 49).
void send_plan(const boost::mpi::communicator& world, const RunPlan& plan);
// A worker: waits for the plan without spinning; false when rank 0 was silent
// for the watch's timeout (it is gone).
bool receive_plan(const boost::mpi::communicator& world, CoordinatorWatch& watch, RunPlan& plan);

}  // namespace nba::protocol
