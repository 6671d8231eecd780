#pragma once
// A computed unit's shard: written under a temporary name, then committed
// (flushed and renamed into place) or discarded. Used alike by MPI workers and
// the one-process run, so both produce the same bytes.
//
// The steps are separate so that a unit's shard can be committed only after
// the next unit is computed (DeferredCommit): the disk flush (about 5 ms a
// shard, 0.3 s a rerun) then runs during the computation instead of in fsync.
// No step throws: an error becomes a failed report.
#include <functional>
#include <optional>
#include <string>

#include "engine/unit_compute.hpp"

namespace nba {

// The shard written and closed under its temporary name, its writeback started.
struct UncommittedUnit {
  UnitReport report;  // ok is set only by commit_unit
  std::string unit_name;
  std::string tmp_path, final_path;  // empty when the unit failed (report says why)
};
UncommittedUnit write_unit(const RunPlan& plan, const WorkUnit& unit, ComputedUnit&& computed);
// Flushes and renames the shard into place; returns the final report (a
// failure to commit is a storage error).
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
