#pragma once
// `nba-precompute run`: sets up MPI, then runs rank 0 (coordinator/rank0.hpp)
// or a worker rank (worker/worker_rank.hpp).
#include <optional>
#include <string>
#include <vector>

#include "core/exit_code.hpp"

namespace nba {

struct RunOptions {
  std::string input;
  std::string out;
  std::optional<std::string> start, end, dates_file;
  std::vector<std::string> dates;  // --dates d1,d2 (beside or instead of --dates-file)
  std::optional<int> season;
  std::string partition;
  bool force = false;         // recompute every selected date
  bool retry_failed = false;  // only dates whose last attempt failed
  bool gaps = false;          // every date of the input that is not fresh (the small-gap workflow)
  bool dry_run = false;       // print the plan and the preflight, change nothing
  bool skip_preflight = false;     // run even when the Phase 3 preflight fails (recorded)
  bool include_bootstrap = false;  // also compute MLFS on bootstrap dates (the original's MLFS flag)
  std::vector<std::string> processors;  // subset; closed under dependencies; empty = all
  double grace_seconds = 120;           // after a stop signal, how long units in flight may finish
  double worker_timeout_seconds = 120;  // a worker silent this long (no heartbeat) is declared lost
  // Where rank 0 writes its exit code: `mpirun --enable-recovery` always exits 0,
  // so scripts read the real outcome from here.
  std::optional<std::string> exit_code_file;
};

int run_command(const RunOptions& options);

}  // namespace nba
