#pragma once
// The Phase 3 preflight of a run (plan/phase3_preflight.hpp), read from the
// input store, and `run --dry-run`: the plan (dates, units, expected rows and
// time from the last run) and the preflight, printed without changing anything.
#include <ostream>
#include <string>
#include <vector>

#include "ledger/run_ledger.hpp"
#include "plan/date_selection.hpp"
#include "plan/phase3_preflight.hpp"
#include "plan/run_plan.hpp"

namespace nba {

// The five tables' dates over the selection; PCF's player check when `pcf` is
// among the processors. Reads only the columns it counts.
PreflightReport phase3_preflight_of(const std::string& input_path, const DateSelection& selection,
                                    const std::vector<std::string>& processors);

void print_dry_run(std::ostream& os, const RunPlan& plan, const DateSelection& selection,
                   const std::vector<Day>& to_compute, const PreflightReport& preflight, const RunLedger& ledger,
                   int ranks);

}  // namespace nba
