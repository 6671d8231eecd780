#pragma once
// The program's UnitWork: computes a unit's dates with its season's engine
// (loading the season's input slice when the unit is the first of its season
// here), writes its shard under a temporary name, and commits it after the
// next unit is computed (DeferredCommit). Workers and the one-process run
// both use it.
#include "engine/season_engines.hpp"
#include "farm/unit_work.hpp"
#include "worker/shard_commit.hpp"

namespace nba {

class ShardUnitWork final : public UnitWork {
 public:
  // Both must outlive this.
  ShardUnitWork(SeasonEngines& engines, const RunPlan& plan) : engines_(engines), plan_(plan) {}
  void run(const WorkUnit& unit, const std::function<void()>& beat, const Done& done) override;
  void commit(const Done& done) override;
  bool holding() const override { return deferred_.holding(); }
  void discard() noexcept override { deferred_.discard(); }

 private:
  ComputedUnit compute(const WorkUnit& unit, const std::function<void()>& beat);
  SeasonEngines& engines_;
  const RunPlan& plan_;
  const Done* done_ = nullptr;  // where the reports of the call in progress go
  DeferredCommit deferred_{[this](UnitReport&& r) { (*done_)(std::move(r)); }};
};

}  // namespace nba
