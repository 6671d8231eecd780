#pragma once
// Fault injection for the failure-handling tests, in one place so production
// code paths carry only one call each. Every hook is read from the environment
// and is a no-op unless its variable is set (docs/failure-modes.md lists them):
//   NBA_FAULT_DATE_DELAY_MS=N               sleep N ms before computing each date
//   NBA_FAULT_FAIL_DATE=YYYY-MM-DD          computing that date throws
//   NBA_FAULT_CRASH_DATE=YYYY-MM-DD         the process computing that date SIGKILLs itself
//   NBA_FAULT_KILL_COORDINATOR_AFTER_UNITS=N  rank 0 SIGKILLs itself after recording N units
//   NBA_FAULT_UNUSABLE_RANK=N               worker rank N reports that it cannot work
#include <string>

namespace nba::fault {

// Called before each date is computed: sleeps, throws or dies as configured.
void before_date(const std::string& iso_date);
// Called by rank 0 after each unit it recorded; SIGKILLs itself on the N-th.
void after_unit_recorded();
// Called by a worker before it reports ready; throws for the configured rank.
void before_worker_ready(int rank);

}  // namespace nba::fault
