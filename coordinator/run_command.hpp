#pragma once
// `nba-precompute run`: plan on rank 0 (resume by default), send the plan, farm units
// out (or compute in-process with one rank), record each finished unit in the
// ledger at once, then rebuild the index and report.
#include <optional>
#include <string>
#include <vector>

namespace nba {

struct RunOptions {
  std::string input;
  std::string out;
  std::optional<std::string> start, end, dates_file;
  std::optional<int> season;
  std::string partition;
  bool force = false;         // recompute every selected date
  bool retry_failed = false;  // only dates whose last attempt failed
  bool gaps = false;          // every date of the input that is not fresh (the small-gap workflow)
  bool dry_run = false;       // print the plan and the preflight, change nothing
  std::vector<std::string> processors;  // subset; closed under dependencies; empty = all
  double grace_seconds = 120;           // after a stop signal, how long units in flight may finish
  double worker_timeout_seconds = 120;  // a worker silent this long (no heartbeat) is declared lost
  // Where rank 0 writes its exit code: `mpirun --enable-recovery` always exits 0,
  // so scripts read the real outcome from here.
  std::optional<std::string> exit_code_file;
};

// Exit codes of the program (documented in README).
namespace exit_code {
inline constexpr int kOk = 0;
inline constexpr int kInternal = 1;
inline constexpr int kUsageOrInput = 2;
inline constexpr int kSomeFailed = 3;
inline constexpr int kStopped = 4;  // stopped by a signal; rerun the same command to resume
inline constexpr int kStorage = 5;  // the output could not be written (disk full, I/O); resumable
}  // namespace exit_code

int run_command(const RunOptions& options);

}  // namespace nba
