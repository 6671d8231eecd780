#pragma once
// How rank 0 ends a run: the summary line, what was lost, stopped or failed,
// the exit code (and its file, for `mpirun --enable-recovery`).
#include <ostream>
#include <string>

#include "coordinator/run_command.hpp"
#include "coordinator/run_manifest.hpp"
#include "farm/dispatcher.hpp"

namespace nba {

// "computed N dates in U units" when everything planned was done; otherwise
// what was done of what was planned, and what was not (issue 20, defect 10).
void print_run_summary(std::ostream& os, const std::string& run_id, const WorkDone& w, double seconds);
void write_exit_code_file(const RunOptions& options, int code);
// Prints how the run ended (stopped, failed dates) and returns the exit code.
int report_outcome(const DispatchResult& r, const RunPlan& plan, const RunOptions& options);

}  // namespace nba
