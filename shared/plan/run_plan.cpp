#include "plan/run_plan.hpp"

#include <algorithm>

#include "calendar/season_calendar.hpp"
#include "core/fingerprint.hpp"
#include "processors/processor_table.hpp"

namespace nba {

std::string current_options_fingerprint() {
  Fingerprint fp;
  for (const auto& p : processor_names()) fp.add(p);
  fp.add_u64(kBootstrapDays);
  return fp.hex();
}

bool RunPlan::computes_bootstrap(Day d) const {
  return std::binary_search(bootstrap_dates.begin(), bootstrap_dates.end(), d);
}

const std::vector<std::string>& RunPlan::processors_on(Day d) const {
  static const std::vector<std::string> bootstrap_only = {kBootstrapProcessor};
  return computes_bootstrap(d) ? bootstrap_only : processors;
}

std::string shard_relative_path(const WorkUnit& unit) {
  return "shards/" + season_label(unit.season) + "/" + unit.name() + ".h5";
}

}  // namespace nba
