#pragma once
// Computes one unit and writes its shard. Used identically by MPI workers and by
// the single-process mode, so both produce the same bytes.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "engine/phase4_engine.hpp"
#include "engine/unit_output.hpp"
#include "engine/run_plan.hpp"

namespace nba {

struct UnitReport {
  std::int32_t unit_id = -1;
  bool ok = false;
  std::map<std::string, std::int64_t> rows;  // processor -> rows
  std::int64_t failure_records = 0;
  double seconds_compute = 0, seconds_write = 0;
  std::map<std::string, double> seconds_by_processor;  // compute time split by processor
  double seconds_waiting = 0;  // worker: from sending the previous report to getting this unit
  // worker, first unit only (seconds_waiting is then 0): from reporting ready
  // to getting it. Start-up, not dispatch: with the input loaded while rank 0
  // plans (decision 39), a worker that loads faster than another waits here
  // until rank 0 has sent the plan to the slower one too.
  double seconds_waiting_first = 0;
  std::int64_t peak_rss_kb = 0;  // worker: its peak resident memory so far
  std::string error;  // set when !ok
  // The unit was computed but its shard could not be written (disk full, I/O
  // error, permissions): the output storage is at fault, not the unit, so the
  // run stops handing out work instead of failing every remaining unit.
  bool storage_error = false;
};

// Called after each date of the unit is computed (workers send a heartbeat).
using DateDoneFn = std::function<void(Day)>;

// A unit runs in three steps, compute, write, commit, so that a unit's shard
// can be committed only after the next unit is computed (DeferredCommit): the
// disk flush (about 5 ms a shard, 0.3 s a rerun) then runs during the
// computation instead of in fsync. No step throws: an exception becomes a
// failed report with the error text, so one bad unit cannot take a worker (and
// with it the MPI job) down.
struct ComputedUnit {
  UnitReport report;  // error set when the computation failed
  UnitOutput output;
};
ComputedUnit compute_unit(const Phase4Engine& engine, const RunPlan& plan, const WorkUnit& unit,
                          const DateDoneFn& on_date_done = {});
// The shard written and closed under its temporary name, its writeback started.
struct UncommittedUnit {
  UnitReport report;  // ok is set only by commit_unit
  std::string unit_name;
  std::string tmp_path, final_path;  // empty when the unit failed (report says why)
};
UncommittedUnit write_unit(const RunPlan& plan, const WorkUnit& unit, ComputedUnit&& computed);
// Flushes and renames the shard into place; returns the final report (a
// failure to commit is a storage error). Never throws.
UnitReport commit_unit(UncommittedUnit&& unit);
// Abandons the shard (the unit was taken back: the worker is told to stop).
void discard_unit(UncommittedUnit&& unit) noexcept;

// The rule both the worker loop and the one-process run follow (decision 42):
// the unit written last is held, and committed once the next unit has been
// computed, when its data is on disk and the fsync is short. A unit whose write
// failed has nothing to commit and is passed on at once.
class DeferredCommit {
 public:
  // Gets each unit's final report, in the order the units were held.
  using Committed = std::function<void(UnitReport&&)>;
  explicit DeferredCommit(Committed on_committed) : on_committed_(std::move(on_committed)) {}
  // Holds `written` (committing a unit still held first).
  void hold(UncommittedUnit&& written);
  // Commits the held unit, if any, and passes its report on.
  void commit();
  bool holding() const { return held_.has_value(); }
  // Abandons the held unit's shard without a report (rank 0 took the unit back).
  void discard() noexcept;

 private:
  Committed on_committed_;
  std::optional<UncommittedUnit> held_;
};

}  // namespace nba
