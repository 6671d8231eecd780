#include "engine/unit_compute.hpp"

#include <chrono>

#include "core/elapsed.hpp"

namespace nba {

ComputedUnit compute_unit(const Phase4Engine& engine, const RunPlan& plan, const WorkUnit& unit,
                          const DateDoneFn& on_date_done) {
  ComputedUnit c;
  c.report.unit_id = unit.id;
  const auto t0 = std::chrono::steady_clock::now();
  try {
    DateToDateMemo memo;
    for (Day d : unit.dates) {
      engine.compute_date(d, c.output, plan.processors_on(d), &memo);
      if (on_date_done) on_date_done(d);
    }
  } catch (const std::exception& e) {
    c.report.error = std::string("unit ") + unit.name() + ": " + e.what();
    return c;
  }
  for (const auto& p : plan.processors) c.report.rows[p] = c.output.rows_of(p);
  c.report.failure_records = static_cast<std::int64_t>(c.output.failures.size());
  c.report.seconds_by_processor = c.output.seconds_by_processor;
  c.report.seconds_compute = seconds_since(t0);
  return c;
}

}  // namespace nba
