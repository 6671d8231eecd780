#include "farm/local_loop.hpp"

#include <deque>

#include "farm/season_affinity.hpp"

namespace nba {

DispatchResult run_units_here(const RunPlan& plan, const std::vector<std::int32_t>& order, UnitWork& work,
                              const ProgressFn& progress, const StopSignalFn& stop_signal) {
  DispatchResult r;
  const UnitWork::Done record = [&](UnitReport&& report) {
    r.outcomes.push_back({std::move(report), 0});
    progress(r.outcomes.back());
    if (r.outcomes.back().report.storage_error) r.storage_error = r.outcomes.back().report.error;
  };
  std::deque<std::int32_t> queue(order.begin(), order.end());
  std::int32_t season = -1;
  while (!queue.empty()) {
    if (stop_signal() != 0 || r.storage_error) {  // finish the unit in progress, start no other
      r.not_started = queue.size();
      break;
    }
    const auto next = next_unit_for(queue, plan.units, season);
    const WorkUnit& unit = plan.units.at(static_cast<std::size_t>(*next));
    queue.erase(next);
    season = unit.season;
    work.run(unit, [] {}, record);
  }
  work.commit(record);
  return r;
}

}  // namespace nba
