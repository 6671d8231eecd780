#include "farm/coordinator_link.hpp"

#include "farm/poll_sleeping.hpp"
#include "farm/protocol.hpp"

namespace nba {

void AliveSender::tick(const std::vector<bool>& to) {
  if (!due()) return;
  last_ = std::chrono::steady_clock::now();
  pending_.remove_if([](boost::mpi::request& r) { return r.test().has_value(); });
  for (int rank = 1; rank < world_.size(); ++rank)
    if (to.at(static_cast<std::size_t>(rank))) pending_.push_back(world_.isend(rank, protocol::kAlive));
}

void AliveSender::tick_all() {
  if (due()) tick(std::vector<bool>(static_cast<std::size_t>(world_.size()), true));
}

CoordinatorWatch::CoordinatorWatch(const boost::mpi::communicator& world, double timeout_seconds)
    : world_(world), timeout_(timeout_seconds), last_heard_(std::chrono::steady_clock::now()) {}

void CoordinatorWatch::drain() {
  while (world_.iprobe(0, protocol::kAlive)) {
    world_.recv(0, protocol::kAlive);
    last_heard_ = std::chrono::steady_clock::now();
  }
}

bool CoordinatorWatch::wait_for(int tag) {
  return poll_sleeping(
      [&] {
        drain();
        if (!world_.iprobe(0, tag)) return false;
        last_heard_ = std::chrono::steady_clock::now();
        return true;
      },
      [&] { return std::chrono::steady_clock::now() - last_heard_ > timeout_; });
}

}  // namespace nba
