#pragma once
// Rank 0 before any unit is handed out: select the dates, check what is up to
// date (resume), take the output lock, partition the work, and record the
// dates that are never computed. No MPI: the caller keeps the workers told
// that rank 0 is alive (keep_alive).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "calendar/season_calendar.hpp"
#include "coordinator/run_command.hpp"
#include "phase3/table.hpp"
#include "plan/date_selection.hpp"
#include "plan/phase3_preflight.hpp"
#include "plan/input_fingerprints.hpp"
#include "plan/run_plan.hpp"
#include "state/output_state.hpp"
#include "store/input_store.hpp"
#include "store/output_lock.hpp"

namespace nba {

// Everything rank 0 knows and the workers do not need.
struct Rank0Run {
  std::unique_ptr<InputStore> store;  // a one-process run with something to compute: opened after planning
  std::unique_ptr<SeasonCalendar> calendar;
  std::unique_ptr<InputFingerprints> fingerprints;
  std::unique_ptr<OutputState> state;
  DateSelection selection;
  PreflightReport preflight;
  std::vector<Day> to_compute;
  std::vector<std::int32_t> order;
  std::optional<Day> from, to;
  std::string partition;  // as used: auto resolved to its days:N
  std::unique_ptr<OutputLock> lock;  // held from planning to exit
};

// Fills `plan` and `c`. `workers`: the ranks that compute (the auto partition
// sizes units for them). `keep_alive` is called while planning works through
// the dates (it checks shards, which on a large output takes a while): workers
// waiting for the plan must keep hearing from rank 0. Throws UsageError,
// InputError or another exception when the run cannot start.
void plan_run(const RunOptions& o, int workers, RunPlan& plan, Rank0Run& c, const std::function<void()>& keep_alive);

// The run's log file beside the output (logs/<run id>.log), when it can be created.
void add_run_log(const std::string& out_dir, const std::string& run_id);

// Bootstrap and no-game dates are recorded (never gaps), once per status change.
// Returns the error when the ledger cannot be written.
std::optional<std::string> record_skipped_dates(const RunPlan& plan, Rank0Run& c, bool include_bootstrap);

}  // namespace nba
