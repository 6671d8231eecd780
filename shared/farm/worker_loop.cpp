#include "farm/worker_loop.hpp"

#include <boost/mpi/request.hpp>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <list>
#include <map>
#include <stdexcept>
#include <utility>

#include "core/elapsed.hpp"
#include "core/system_info.hpp"
#include "farm/protocol.hpp"

namespace nba {

namespace {

// Sends reports and heartbeats without waiting for rank 0 to take them. A
// blocking send took 4 to 8 ms here, although the message is small: rank 0
// takes messages only between its polls and its per-unit recording. At one
// heartbeat per unit that was 0.3 to 0.6 s of a worker's rerun. MPI keeps one
// sender's messages in the order they were posted, so rank 0 still sees a
// unit's start before its report.
class ReportSender {
 public:
  explicit ReportSender(const boost::mpi::communicator& world) : world_(world) {}
  ReportSender(const ReportSender&) = delete;
  ReportSender& operator=(const ReportSender&) = delete;
  // Rank 0 has taken every message before it stops a worker (the last one is
  // the report it answers with the stop), so this returns at once.
  ~ReportSender() {
    for (auto& [message, request] : in_flight_) request.wait();
  }
  // Rank 0 is gone: what it did not take never completes; do not wait for it.
  void abandon() { in_flight_.clear(); }
  void send(const protocol::ReportMsg& m) {
    in_flight_.remove_if([](auto& sent) { return sent.second.test().has_value(); });
    auto& [message, request] = in_flight_.emplace_back(m, boost::mpi::request());
    request =
        world_.isend(0, protocol::kReport, reinterpret_cast<const char*>(&message), static_cast<int>(sizeof message));
  }

 private:
  const boost::mpi::communicator& world_;
  std::list<std::pair<protocol::ReportMsg, boost::mpi::request>> in_flight_;  // a list: buffers must not move
};

// A heartbeat after a computed date only when this long has passed since the
// last one: enough to prove liveness against --worker-timeout (>= 1 s). One per
// date (every ~5 ms) cost 12 % of worker time on 2 cores: on an oversubscribed
// node each blocking send yields the core while rank 0 sleeps between polls.
constexpr auto kHeartbeatInterval = std::chrono::milliseconds(250);

// How long the worker waited for each unit it holds, put into the unit's
// report when it is sent (the first unit's wait is start-up, not dispatch).
struct Waits {
  std::map<std::int32_t, double> by_unit;
  std::int32_t first_unit = -1;  // -1 until the first unit arrives
  void got(std::int32_t unit, double seconds) {
    by_unit[unit] = seconds;
    if (first_unit < 0) first_unit = unit;
  }
  void fill(UnitReport& r) {
    const auto it = by_unit.find(r.unit_id);
    if (it == by_unit.end()) return;
    (r.unit_id == first_unit ? r.seconds_waiting_first : r.seconds_waiting) = it->second;
    by_unit.erase(it);
  }
};

}  // namespace

WorkerEnd serve_units(const boost::mpi::communicator& world, const RunPlan& plan, UnitWork* work,
                      const std::string& cannot_work, double seconds_load, CoordinatorWatch& coordinator) {
  ReportSender reports(world);
  reports.send(protocol::encode_hello(work != nullptr, work ? "" : cannot_work, seconds_load, peak_rss_kb(),
                                      static_cast<int>(::getpid()), host_name()));
  Waits waits;
  const UnitWork::Done send_report = [&](UnitReport&& done) {
    waits.fill(done);
    done.peak_rss_kb = peak_rss_kb();
    reports.send(protocol::encode_report(done));
  };
  const auto discard = [&] {
    if (work) work->discard();
  };
  for (;;) {
    // With no next unit waiting, the held one is committed now: rank 0 sends
    // nothing more to a worker whose only unit is unreported.
    if (work && work->holding() && !world.iprobe(0, protocol::kAssign)) work->commit(send_report);
    const auto wait_start = std::chrono::steady_clock::now();
    if (!coordinator.wait_for(protocol::kAssign)) {
      discard();  // its temp file too: nobody will record it
      reports.abandon();
      return WorkerEnd::CoordinatorLost;
    }
    protocol::AssignMsg a{};
    world.recv(0, protocol::kAssign, reinterpret_cast<char*>(&a), static_cast<int>(sizeof a));
    if (a.stop) {
      // Rank 0 stops only a worker it holds no unit from (or one it declared
      // lost, whose units went elsewhere): an unreported shard is not wanted.
      discard();
      return a.stop == protocol::kStopExit ? WorkerEnd::ExitWithoutFinalize : WorkerEnd::Finalize;
    }
    if (!work) throw std::logic_error("rank 0 assigned a unit to a worker that said it cannot work");
    waits.got(a.unit_id, seconds_since(wait_start));
    const WorkUnit& unit = plan.units.at(static_cast<std::size_t>(a.unit_id));
    spdlog::debug("rank {} computing unit {} ({} dates)", world.rank(), unit.name(), unit.dates.size());
    protocol::ReportMsg beat{};
    beat.kind = protocol::ReportKind::Heartbeat;
    beat.unit_id = a.unit_id;
    // Which of the units it holds this worker is computing: if it dies now,
    // rank 0 counts the loss against this one, not the uncommitted one before it.
    reports.send(beat);
    auto last_beat = std::chrono::steady_clock::now();
    work->run(unit, [&] {
      const auto now = std::chrono::steady_clock::now();
      if (now - last_beat < kHeartbeatInterval) return;
      reports.send(beat);
      last_beat = now;
    }, send_report);
  }
}

}  // namespace nba
