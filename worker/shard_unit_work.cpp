#include "worker/shard_unit_work.hpp"

namespace nba {

void ShardUnitWork::run(const WorkUnit& unit, const std::function<void()>& beat, const Done& done) {
  done_ = &done;
  ComputedUnit computed = compute_unit(engine_, plan_, unit, [&](Day) { beat(); });
  deferred_.commit();  // the unit before, now that this one is computed
  deferred_.hold(write_unit(plan_, unit, std::move(computed)));
  done_ = nullptr;
}

void ShardUnitWork::commit(const Done& done) {
  done_ = &done;
  deferred_.commit();
  done_ = nullptr;
}

}  // namespace nba
