#pragma once
// A few independent jobs on this node's cores (import's tables, their
// fingerprints): no MPI, no shared state but what each job owns.
#include <cstddef>
#include <functional>
#include <vector>

namespace nba {

// Cores this process may run on (its affinity mask: what Slurm or taskset gave
// it), at least 1.
unsigned usable_cores();

// Runs job(i) for every i in `order` on up to `threads` threads, taking the
// jobs in that order (put the longest first). Every job runs; then the
// exception of the smallest i that threw is rethrown, so the error reported
// is the one a plain loop over 0..n-1 would have stopped at.
void run_jobs(const std::vector<std::size_t>& order, const std::function<void(std::size_t)>& job,
              unsigned threads = usable_cores());

}  // namespace nba
