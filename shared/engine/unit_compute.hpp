#pragma once
// Computes the dates of one unit, in order, with the engine. Used alike by MPI
// workers and the one-process run. No MPI, no HDF5.
#include <functional>

#include "engine/phase4_engine.hpp"
#include "engine/unit_output.hpp"
#include "engine/unit_report.hpp"
#include "plan/run_plan.hpp"

namespace nba {

// Called after each date of the unit is computed (workers send a heartbeat).
using DateDoneFn = std::function<void(Day)>;

struct ComputedUnit {
  UnitReport report;  // error set when the computation failed
  UnitOutput output;
};
// Never throws: an exception becomes a failed report with the error text, so
// one bad unit cannot take a worker (and with it the MPI job) down.
ComputedUnit compute_unit(const Phase4Engine& engine, const RunPlan& plan, const WorkUnit& unit,
                          const DateDoneFn& on_date_done = {});

}  // namespace nba
