#pragma once
// The program's UnitWork: computes a unit's dates with the engine, writes its
// shard under a temporary name, and commits it after the next unit is
// computed (DeferredCommit). Workers and the one-process run both use it.
#include "engine/phase4_engine.hpp"
#include "farm/unit_work.hpp"
#include "worker/shard_commit.hpp"

namespace nba {

class ShardUnitWork final : public UnitWork {
 public:
  // Both must outlive this.
  ShardUnitWork(const Phase4Engine& engine, const RunPlan& plan) : engine_(engine), plan_(plan) {}
  void run(const WorkUnit& unit, const std::function<void()>& beat, const Done& done) override;
  void commit(const Done& done) override;
  bool holding() const override { return deferred_.holding(); }
  void discard() noexcept override { deferred_.discard(); }

 private:
  const Phase4Engine& engine_;
  const RunPlan& plan_;
  const Done* done_ = nullptr;  // where the reports of the call in progress go
  DeferredCommit deferred_{[this](UnitReport&& r) { (*done_)(std::move(r)); }};
};

}  // namespace nba
