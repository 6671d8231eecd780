#pragma once
// `run --dry-run`: the plan (dates, units, expected rows and time from the last
// run) and the Phase 3 preflight (which of the dates lack rows in an input
// table), printed without changing anything.
#include <ostream>
#include <vector>

#include "plan/run_plan.hpp"
#include "ledger/run_ledger.hpp"
#include "plan/date_selection.hpp"

namespace nba {

struct Phase3Data;

void print_dry_run(std::ostream& os, const RunPlan& plan, const DateSelection& selection,
                   const std::vector<Day>& to_compute, const Phase3Data& data, const RunLedger& ledger, int ranks);

}  // namespace nba
