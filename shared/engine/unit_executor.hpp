#pragma once
// Computes one unit and writes its shard. Used identically by MPI workers and by
// the single-process mode, so both produce the same bytes.
#include <cstdint>
#include <map>
#include <string>

#include "engine/phase4_engine.hpp"
#include "engine/run_plan.hpp"

namespace nba {

struct UnitReport {
  std::int32_t unit_id = -1;
  bool ok = false;
  std::map<std::string, std::int64_t> rows;  // processor -> rows
  std::int64_t failure_records = 0;
  double seconds_compute = 0, seconds_write = 0;
  std::string error;  // set when !ok
};

// Never throws: an exception becomes a failed report with the error text, so one
// bad unit cannot take a worker (and with it the MPI job) down.
UnitReport execute_unit(const Phase4Engine& engine, const RunPlan& plan, const WorkUnit& unit);

}  // namespace nba
