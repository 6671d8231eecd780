#include "worker/worker_loop.hpp"

#include <boost/mpi/request.hpp>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <chrono>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <list>
#include <memory>

#include "core/fault_injection.hpp"
#include "core/fingerprint.hpp"
#include "core/system_info.hpp"
#include "engine/phase4_engine.hpp"
#include "engine/unit_executor.hpp"
#include "phase3/table.hpp"
#include "store/input_store.hpp"
#include "worker/protocol.hpp"

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

protocol::ReportMsg to_message(const UnitReport& r) {
  protocol::ReportMsg m{};
  m.kind = r.ok ? protocol::ReportKind::Done : protocol::ReportKind::Failed;
  m.unit_id = r.unit_id;
  std::size_t i = 0;
  for (const auto& p : processor_names()) m.rows[i++] = r.rows.count(p) ? r.rows.at(p) : 0;
  m.failure_records = r.failure_records;
  m.seconds_compute = r.seconds_compute;
  m.seconds_write = r.seconds_write;
  i = 0;
  for (const auto& p : processor_names())
    m.seconds_by_processor[i++] = r.seconds_by_processor.count(p) ? r.seconds_by_processor.at(p) : 0.0;
  m.seconds_waiting = r.seconds_waiting;
  m.seconds_waiting_first = r.seconds_waiting_first;
  m.peak_rss_kb = r.peak_rss_kb;
  m.storage_error = r.storage_error ? 1 : 0;
  m.set_error(r.error);
  return m;
}

// Every host must see the same, writable output folder (hostfiles/README.md):
// a worker that cannot create a file there says so instead of failing per unit.
void check_output_writable(const std::string& out_dir, int rank) {
  const std::string host = host_name();
  const std::string probe = out_dir + "/.write-probe-" + host + "-" + std::to_string(rank);
  std::FILE* f = std::fopen(probe.c_str(), "wb");
  if (!f)
    throw std::runtime_error(std::string("output directory ") + out_dir + " is not writable from host " + host + ": " +
                             std::strerror(errno) + " (it must be a shared folder reachable from every host)");
  std::fclose(f);
  std::remove(probe.c_str());
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// A heartbeat after a computed date only when this long has passed since the
// last one: enough to prove liveness against --worker-timeout (>= 1 s). One per
// date (every ~5 ms) cost 12 % of worker time on 2 cores: on an oversubscribed
// node each blocking send yields the core while rank 0 sleeps between polls.
constexpr auto kHeartbeatInterval = std::chrono::milliseconds(250);

}  // namespace

PreparedInput prepare_input(const std::string& input_path) {
  const auto start = std::chrono::steady_clock::now();
  PreparedInput in;
  try {
    in.input_path = resolve_input_path(input_path);
    const Phase3Data data = read_input_store(in.input_path);
    in.fingerprint = to_hex64(data.fingerprint);
    in.engine = std::make_unique<Phase4Engine>(data);
  } catch (const std::exception& e) {
    in.error = e.what();
  }
  in.seconds = seconds_since(start);
  return in;
}

WorkerEnd run_worker(const boost::mpi::communicator& world, const RunPlan& plan, PreparedInput prepared,
                     CoordinatorWatch& coordinator) {
  protocol::ReportMsg hello{};
  std::unique_ptr<Phase4Engine> engine;
  try {
    if (prepared.input_path != plan.input_path) prepared = prepare_input(plan.input_path);
    if (!prepared.error.empty()) throw std::runtime_error(prepared.error);
    if (prepared.fingerprint != plan.input_fingerprint)
      throw std::runtime_error("input store " + plan.input_path + " on this host differs from rank 0's (fingerprint " +
                               prepared.fingerprint + " vs " + plan.input_fingerprint + ")");
    check_output_writable(plan.out_dir, world.rank());
    fault::before_worker_ready(world.rank());
    engine = std::move(prepared.engine);
    hello.kind = protocol::ReportKind::Ready;
  } catch (const std::exception& e) {
    hello.kind = protocol::ReportKind::Fatal;
    hello.set_error("rank " + std::to_string(world.rank()) + ": " + e.what());
  }
  hello.unit_id = -1;
  hello.seconds_load = prepared.seconds;
  hello.peak_rss_kb = peak_rss_kb();
  hello.pid = static_cast<std::int32_t>(::getpid());
  std::strncpy(hello.host, host_name().c_str(), sizeof hello.host - 1);
  ReportSender reports(world);
  reports.send(hello);
  bool first_unit = true;
  DeferredCommit deferred([&](UnitReport&& done) {
    done.peak_rss_kb = peak_rss_kb();
    reports.send(to_message(done));
  });
  for (;;) {
    // With no next unit waiting, the held one is committed now: rank 0 sends
    // nothing more to a worker whose only unit is unreported.
    if (deferred.holding() && !world.iprobe(0, protocol::kAssign)) deferred.commit();
    const auto wait_start = std::chrono::steady_clock::now();
    if (!coordinator.wait_for(protocol::kAssign)) {
      deferred.discard();  // its temp file too: nobody will record it
      reports.abandon();
      return WorkerEnd::CoordinatorLost;
    }
    protocol::AssignMsg a{};
    world.recv(0, protocol::kAssign, reinterpret_cast<char*>(&a), static_cast<int>(sizeof a));
    const double waited = seconds_since(wait_start);
    if (a.stop) {
      // Rank 0 stops only a worker it holds no unit from (or one it declared
      // lost, whose units went elsewhere): an unreported shard is not wanted.
      deferred.discard();
      return a.stop == protocol::kStopExit ? WorkerEnd::ExitWithoutFinalize : WorkerEnd::Finalize;
    }
    const WorkUnit& unit = plan.units.at(static_cast<std::size_t>(a.unit_id));
    spdlog::debug("rank {} computing unit {} ({} dates)", world.rank(), unit.name(), unit.dates.size());
    protocol::ReportMsg beat{};
    beat.kind = protocol::ReportKind::Heartbeat;
    beat.unit_id = a.unit_id;
    // Which of the units it holds this worker is computing: if it dies now,
    // rank 0 counts the loss against this one, not the uncommitted one before it.
    reports.send(beat);
    auto last_beat = std::chrono::steady_clock::now();
    const auto heartbeat = [&](Day) {
      const auto now = std::chrono::steady_clock::now();
      if (now - last_beat < kHeartbeatInterval) return;
      reports.send(beat);
      last_beat = now;
    };
    ComputedUnit computed = compute_unit(*engine, plan, unit, heartbeat);
    deferred.commit();
    UncommittedUnit written = write_unit(plan, unit, std::move(computed));
    (first_unit ? written.report.seconds_waiting_first : written.report.seconds_waiting) = waited;
    first_unit = false;
    deferred.hold(std::move(written));
  }
}

}  // namespace nba
