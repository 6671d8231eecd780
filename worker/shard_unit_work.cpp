#include "worker/shard_unit_work.hpp"

#include <algorithm>
#include <stdexcept>

namespace nba {

ComputedUnit ShardUnitWork::compute(const WorkUnit& unit, const std::function<void()>& beat) {
  SeasonEngines::Load loaded;
  const Phase4Engine* engine = nullptr;
  try {
    // The slice holds the unit's season and what it reaches back to, nothing later.
    if (std::any_of(unit.dates.begin(), unit.dates.end(), [&](Day d) { return season_year_of(d) != unit.season; }))
      throw std::logic_error("its dates are not all of season " + season_label(unit.season));
    engine = &engines_.for_season(unit.season, loaded);
  } catch (const std::exception& e) {
    ComputedUnit failed;
    failed.report.unit_id = unit.id;
    failed.report.error = "unit " + unit.name() + ": cannot load its input: " + e.what();
    return failed;
  }
  ComputedUnit computed = compute_unit(*engine, plan_, unit, [&](Day) { beat(); });
  computed.report.seconds_load = loaded.seconds;
  computed.report.rows_loaded = static_cast<std::int64_t>(loaded.rows);
  return computed;
}

void ShardUnitWork::run(const WorkUnit& unit, const std::function<void()>& beat, const Done& done) {
  done_ = &done;
  ComputedUnit computed = compute(unit, beat);
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
