#pragma once
// What a computing rank does with a unit, seen from the farm: the farm moves
// units and reports; this computes and stores them. The program's one
// implementation computes the processors and writes a shard (worker/
// shard_unit_work.hpp); the farm's tests use their own.
//
// A unit is committed only after the next one is computed (decision 42): run()
// computes the new unit, then commits the one held before, then writes and
// holds the new one. Each finished unit's report goes to `done`, once.
#include <functional>

#include "engine/unit_report.hpp"
#include "plan/work_plan.hpp"

namespace nba {

class UnitWork {
 public:
  using Done = std::function<void(UnitReport&&)>;
  virtual ~UnitWork() = default;
  // `beat` is called after each computed date (workers send heartbeats from it).
  // Never throws: a unit that fails is a failed report.
  virtual void run(const WorkUnit& unit, const std::function<void()>& beat, const Done& done) = 0;
  // Commits the held unit, if any, and reports it.
  virtual void commit(const Done& done) = 0;
  virtual bool holding() const = 0;
  // Abandons the held unit without a report (rank 0 took it back or is gone).
  virtual void discard() noexcept = 0;
};

}  // namespace nba
