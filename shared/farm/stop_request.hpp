#pragma once
// Graceful stop. On rank 0, SIGTERM, SIGINT and SIGUSR1 (what `sbatch --signal`
// and `mpirun` forward) set a flag: no new units are handed out, units in flight
// finish (up to --grace-seconds), everything finished is recorded and indexed, and
// the run exits with kStopped so a requeued job resumes. Workers ignore these
// signals: rank 0 tells them when to stop, after their current unit.
#include <atomic>

namespace nba {

void install_coordinator_stop_handlers();
void ignore_stop_signals_in_worker();
bool stop_requested();
int stop_signal();  // the signal that asked to stop (0 if none)

}  // namespace nba
