#pragma once
// Waiting on MPI without spinning: Open MPI's blocking calls busy-poll a core,
// which on an oversubscribed node is taken from the ranks that compute, and
// which kept workers at 100 % CPU for as long as a dead rank 0 left them
// waiting (issue 20, defect 2). Rank 0 and the workers wait through this.
#include <algorithm>
#include <chrono>
#include <thread>

namespace nba {

// Calls `poll` until it returns true, sleeping between calls with a back-off
// that stays <= 2 ms, far below a unit's run time. Returns false when
// `give_up` says so first.
template <typename Poll, typename GiveUp>
bool poll_sleeping(Poll poll, GiveUp give_up) {
  auto backoff = std::chrono::microseconds(20);
  for (;;) {
    if (poll()) return true;
    if (give_up()) return false;
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, std::chrono::microseconds(2000));
  }
}

}  // namespace nba
