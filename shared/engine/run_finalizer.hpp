#pragma once
// After all units reported: validate every shard against its report, write the
// index (VDS) and manifest, and summarise coverage per season. Rank 0 only; no MPI.
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "engine/run_plan.hpp"
#include "engine/unit_executor.hpp"
#include "plan/date_selection.hpp"

namespace nba {

struct UnitOutcome {
  UnitReport report;
  int rank = 0;  // which rank computed it (0 in single-process mode)
};

struct SeasonCoverage {
  int season = 0;
  int game_dates = 0, bootstrap = 0, computed = 0, failed = 0;
  std::map<std::string, int> done, zero_rows;  // processor -> dates
  std::map<std::string, std::int64_t> rows;      // processor -> rows
  std::map<std::string, std::int64_t> failures;  // processor -> failure records
};

struct RunSummary {
  std::vector<SeasonCoverage> seasons;
  std::vector<std::string> failed_units;  // names with error text
  std::vector<std::string> zero_row_dates;  // "processor date"
  int units_ok = 0, units_failed = 0;
  bool all_ok() const { return units_failed == 0; }
};

struct RunContext {
  RunPlan plan;
  DateSelection selection;
  std::string partition;
  int ranks = 1;
  std::string started_utc;
  double seconds_total = 0;
};

// Validates shards (a shard whose structure or row counts disagree with its
// report makes that unit failed), writes index.h5 and manifest.json atomically.
RunSummary finalize_run(const RunContext& ctx, std::vector<UnitOutcome>& outcomes);

void print_coverage(std::ostream& os, const RunSummary& summary);

std::string utc_now_iso();

}  // namespace nba
