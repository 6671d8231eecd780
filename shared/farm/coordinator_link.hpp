#pragma once
// Liveness between rank 0 and the workers in both directions. Workers already
// send heartbeats (protocol.hpp); rank 0 sends each live worker an empty
// kAlive message at least every kAliveInterval, so that a worker waiting for
// the plan or its next unit can tell a busy rank 0 from a dead one. Under
// `mpirun --enable-recovery` nothing else ends a worker whose rank 0 died: it
// waited forever, spinning (issue 20, defect 2).
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/request.hpp>

#include <chrono>
#include <list>
#include <vector>

namespace nba {

// Rank 0's side: call tick() often (it sends only when the interval passed).
class AliveSender {
 public:
  static constexpr auto kAliveInterval = std::chrono::milliseconds(500);
  explicit AliveSender(const boost::mpi::communicator& world) : world_(world) {}
  // Whether the interval has passed (tick would send).
  bool due() const { return std::chrono::steady_clock::now() - last_ >= kAliveInterval; }
  // Sends to every rank r in [1, size) with to[r] true, when the interval passed.
  void tick(const std::vector<bool>& to);
  // To every worker (before the dispatcher knows which are live: planning).
  void tick_all();

 private:
  const boost::mpi::communicator& world_;
  std::chrono::steady_clock::time_point last_{};
  std::list<boost::mpi::request> pending_;  // completed ones are dropped at the next tick
};

// A worker's side: waits for a message from rank 0 while taking its kAlive
// messages; gives up when rank 0 has been silent for `timeout_seconds`.
class CoordinatorWatch {
 public:
  CoordinatorWatch(const boost::mpi::communicator& world, double timeout_seconds);
  // True once a message with `tag` from rank 0 is waiting; false when rank 0
  // was silent for the timeout (the caller stops).
  bool wait_for(int tag);
  // Takes the kAlive messages that arrived (e.g. while a unit was computed).
  void drain();
  double timeout_seconds() const { return timeout_.count(); }

 private:
  const boost::mpi::communicator& world_;
  std::chrono::duration<double> timeout_;
  std::chrono::steady_clock::time_point last_heard_;
};

}  // namespace nba
