#pragma once
// Turns a finished unit into ledger records, after checking its shard: a shard
// that does not open, is not the unit it claims to be, was computed from other
// inputs/options, or holds other row counts than its worker reported makes the
// unit failed. Rank 0 only; no MPI.
#include <string>
#include <vector>

#include "plan/run_plan.hpp"
#include "engine/unit_report.hpp"
#include "ledger/run_ledger.hpp"
#include "plan/input_fingerprints.hpp"

namespace nba {

std::vector<LedgerRecord> ledger_records_for(const RunPlan& plan, const WorkUnit& unit, UnitOutcome& outcome,
                                             const InputFingerprints& fingerprints);

// Records for dates that are not computed (bootstrap, no games), one per processor given.
std::vector<LedgerRecord> skipped_records(const RunPlan& plan, const std::vector<Day>& dates, const char* status,
                                          const InputFingerprints& fingerprints,
                                          const std::vector<std::string>& processors);


}  // namespace nba
