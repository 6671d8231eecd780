#include "farm/local_loop.hpp"

namespace nba {

DispatchResult run_units_here(const RunPlan& plan, const std::vector<std::int32_t>& order, UnitWork& work,
                              const ProgressFn& progress, const StopSignalFn& stop_signal) {
  DispatchResult r;
  const UnitWork::Done record = [&](UnitReport&& report) {
    r.outcomes.push_back({std::move(report), 0});
    progress(r.outcomes.back());
    if (r.outcomes.back().report.storage_error) r.storage_error = r.outcomes.back().report.error;
  };
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (stop_signal() != 0 || r.storage_error) {  // finish the unit in progress, start no other
      r.not_started = order.size() - k;
      break;
    }
    work.run(plan.units.at(static_cast<std::size_t>(order[k])), [] {}, record);
  }
  work.commit(record);
  return r;
}

}  // namespace nba
