#include "farm/dispatcher.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <deque>
#include <fstream>
#include <unordered_set>

#include "core/system_info.hpp"
#include "farm/season_affinity.hpp"
#include "farm/coordinator_link.hpp"
#include "farm/poll_sleeping.hpp"
#include "farm/protocol.hpp"

namespace nba {

namespace {

using Clock = std::chrono::steady_clock;

// The process with this pid is still one of ours (same executable name), so a
// recycled pid is never killed by mistake.
bool is_our_process(int pid) {
  std::ifstream mine("/proc/self/comm"), theirs("/proc/" + std::to_string(pid) + "/comm");
  std::string a, b;
  return pid > 0 && std::getline(mine, a) && std::getline(theirs, b) && a == b;
}

// Returns nothing at `deadline`, or as soon as a stop is requested when
// `return_on_stop` (so the grace period starts at once). Keeps the live
// workers told that rank 0 is alive while it waits.
template <typename KeepAlive>
std::optional<boost::mpi::status> wait_for_report(const boost::mpi::communicator& world, Clock::time_point deadline,
                                                  const StopSignalFn* return_on_stop, KeepAlive keep_alive) {
  std::optional<boost::mpi::status> st;
  poll_sleeping(
      [&] {
        keep_alive();
        if (const auto probed = world.iprobe(boost::mpi::any_source, protocol::kReport)) st = *probed;
        return st.has_value();
      },
      [&] { return Clock::now() >= deadline || (return_on_stop && (*return_on_stop)() != 0); });
  return st;
}

// Ready: loaded the input and takes work. Whether it is busy is whether it holds
// units. A ready worker holding none waits while nothing is left to hand out but
// units are still in flight; one of those may yet be requeued to it (a lost
// worker's), so it is told to stop only once nothing is in flight.
enum class WorkerState { Starting, Ready, Stopped, Lost };

// Units a worker holds at once: the one it computes and the next one, already
// in its receive queue. When it finishes a unit it starts the next at once
// instead of waiting for rank 0, which may be busy checking another worker's
// shard (that wait was 2 % of unit time with one unit each; bench/REPORT.md).
constexpr std::size_t kUnitsPerWorker = 2;

struct WorkerSlot {
  WorkerState state = WorkerState::Starting;
  bool usable = true;  // false: it could not load the input (Fatal), or was lost; never gets work
  std::deque<std::int32_t> units;  // assigned and not yet reported, in the order it computes them
  // The one it said it started last (a heartbeat at the start of each unit).
  // Not always units.front(): a worker reports a unit only after computing the
  // next, so that the unit's disk flush overlaps the computation (worker_loop.cpp).
  std::int32_t computing = -1;
  bool busy() const { return !units.empty(); }
  bool idle() const { return state == WorkerState::Ready && units.empty(); }
  Clock::time_point last_heard;
  int pid = 0;
  std::string host;
  std::int32_t season = -1;  // of the last unit given: the input slice it holds (decision 57)
};

class Dispatcher {
 public:
  Dispatcher(const boost::mpi::communicator& world, const RunPlan& plan, const std::vector<std::int32_t>& order,
             const ProgressFn& progress, const DispatchOptions& options)
      : world_(world), plan_(plan), progress_(progress), options_(options), queue_(order.begin(), order.end()),
        workers_(static_cast<std::size_t>(world.size())), my_host_(host_name()), alive_(world) {
    const auto now = Clock::now();
    for (int r = 1; r < world.size(); ++r) slot(r).last_heard = now;
  }

  DispatchResult run() {
    while (count([](const WorkerSlot& w) { return w.state != WorkerState::Stopped && w.state != WorkerState::Lost; }) > 0) {
      begin_halt_if_needed();
      const auto st = wait_for_report(world_, next_deadline(), halt_deadline_ ? nullptr : &options_.stop_signal,
                                      [this] { keep_alive(); });
      if (!st) {
        if (halt_deadline_ && Clock::now() >= *halt_deadline_) {
          result_.grace_expired = true;
          return std::move(result_);
        }
        declare_silent_workers_lost();
        continue;
      }
      handle_message(st->source());
    }
    // Units nobody could take (every worker failed or was lost) are failures, not gaps.
    for (auto id : queue_) fail_unit(id, "not computed: no usable worker rank left");
    if (usable_workers() == 0 && result_.lost.empty()) spdlog::error("no worker rank could load the input or write the output; nothing was computed");
    return std::move(result_);
  }

 private:
  WorkerSlot& slot(int rank) { return workers_.at(static_cast<std::size_t>(rank)); }
  template <class Pred>
  int count(Pred pred) const {
    int n = 0;
    for (int r = 1; r < world_.size(); ++r) n += pred(workers_.at(static_cast<std::size_t>(r)));
    return n;
  }
  int usable_workers() const {
    return count([](const WorkerSlot& w) { return w.usable; });
  }
  bool stop_requested() const { return options_.stop_signal() != 0; }
  bool halting() const { return stop_requested() || result_.storage_error.has_value(); }

  void keep_alive() {
    if (!alive_.due()) return;  // called at every poll: build the list only when it is sent
    std::vector<bool> to(workers_.size(), false);
    for (int r = 1; r < world_.size(); ++r)
      to[static_cast<std::size_t>(r)] = slot(r).state != WorkerState::Lost && slot(r).state != WorkerState::Stopped;
    alive_.tick(to);
  }

  // A stop signal or a storage failure: hand out nothing more, let units in
  // flight finish within the grace period.
  void begin_halt_if_needed() {
    if (!halting() || halt_deadline_) return;
    halt_deadline_ = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                        std::chrono::duration<double>(options_.grace_seconds));
    result_.not_started += queue_.size();
    queue_.clear();
    assign_or_release_idle_workers();
    if (stop_requested())
      spdlog::warn("stop requested (signal {}): no new units; waiting up to {:.0f}s for units in flight",
                   options_.stop_signal(), options_.grace_seconds);
    else
      spdlog::error("output storage failed ({}): no new units; waiting up to {:.0f}s for units in flight",
                    *result_.storage_error, options_.grace_seconds);
  }

  Clock::time_point next_deadline() {
    auto deadline = halt_deadline_ ? *halt_deadline_ : Clock::time_point::max();
    const auto timeout = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(options_.worker_timeout_seconds));
    for (int r = 1; r < world_.size(); ++r) {
      const WorkerSlot& w = slot(r);
      if (w.state == WorkerState::Starting || w.busy())
        deadline = std::min(deadline, w.last_heard + timeout);
    }
    return deadline;
  }

  void declare_silent_workers_lost() {
    const auto now = Clock::now();
    const auto timeout = std::chrono::duration<double>(options_.worker_timeout_seconds);
    for (int r = 1; r < world_.size(); ++r) {
      WorkerSlot& w = slot(r);
      if ((w.state == WorkerState::Starting || w.busy()) && now - w.last_heard >= timeout)
        declare_lost(r);
    }
  }

  void declare_lost(int rank) {
    WorkerSlot& w = slot(rank);
    // Only the unit it was computing can have caused the loss; the others it
    // held (unstarted, or computed but not yet committed) go back to the queue
    // without counting against them.
    const bool started = std::find(w.units.begin(), w.units.end(), w.computing) != w.units.end();
    const std::int32_t unit = started ? w.computing : w.units.empty() ? -1 : w.units.front();
    for (std::size_t i = w.units.size(); i > 0; --i) {
      if (w.units[i - 1] == unit) continue;
      if (halting()) ++result_.not_started;
      else queue_.push_front(w.units[i - 1]);
    }
    w.units.clear();
    w.state = WorkerState::Lost;
    w.usable = false;
    LostWorker lost{rank, w.host, w.pid, unit, false};
    // A hung process on this host would keep mpirun from ever exiting; end it.
    if (options_.kill_lost_workers && !w.host.empty() && w.host == my_host_ && is_our_process(w.pid))
      lost.killed = ::kill(w.pid, SIGKILL) == 0;
    const std::string unit_name = unit >= 0 ? plan_.units.at(static_cast<std::size_t>(unit)).name() : "";
    spdlog::error("worker rank {} ({}, pid {}) silent for {:.0f}s: declared lost{}{}", rank,
                  w.host.empty() ? "host unknown" : w.host, w.pid, options_.worker_timeout_seconds,
                  lost.killed ? ", killed" : "", unit >= 0 ? ", it held unit " + unit_name : "");
    result_.lost.push_back(lost);
    if (unit < 0) return;
    const int losses = ++losses_of_unit_[unit];
    if (losses >= 2) {
      fail_unit(unit, "unit " + unit_name + ": " + std::to_string(losses) +
                          " workers were lost while computing it; not retried again in this run");
    } else if (halting()) {
      ++result_.not_started;
    } else {
      spdlog::warn("unit {} requeued", unit_name);
      queue_.push_front(unit);
    }
    assign_or_release_idle_workers();
  }

  bool units_in_flight() const {
    for (int r = 1; r < world_.size(); ++r)
      if (workers_.at(static_cast<std::size_t>(r)).busy()) return true;
    return false;
  }

  // Hands queued units to workers, first one to each worker without any, then
  // the next one to each; once nothing is queued or in flight, tells every idle
  // worker to stop.
  void assign_or_release_idle_workers() {
    const auto usable = static_cast<std::size_t>(usable_workers());  // giving units changes no worker's usability
    for (std::size_t held = 0; held < kUnitsPerWorker; ++held)
      for (int r = 1; r < world_.size(); ++r) {
        WorkerSlot& w = slot(r);
        // A second unit waits in a worker's queue only while every other worker
        // could still get one too: at the end of the run, a unit queued behind a
        // long one kept a worker busy while another had nothing left to take.
        const bool may_queue = held == 0 || queue_.size() > usable;
        if (w.state == WorkerState::Ready && w.usable && w.units.size() == held && !queue_.empty() && !halting() &&
            may_queue)
          give_unit(r);
      }
    if (!queue_.empty() && !halting() && usable > 0) return;
    if (units_in_flight()) return;
    for (int r = 1; r < world_.size(); ++r)
      if (slot(r).idle()) stop_worker(r);
  }

  void give_unit(int rank) {
    WorkerSlot& w = slot(rank);
    if (w.units.empty()) w.last_heard = Clock::now();  // an idle worker's deadline runs from the assignment
    std::unordered_set<std::int32_t> held;  // the seasons the other workers hold (a set: clusters have thousands)
    for (int r = 1; r < world_.size(); ++r)
      if (r != rank && slot(r).usable && slot(r).season >= 0) held.insert(slot(r).season);
    const auto next = next_unit_for(queue_, plan_.units, w.season, held);
    w.units.push_back(*next);
    queue_.erase(next);
    w.season = plan_.units.at(static_cast<std::size_t>(w.units.back())).season;
    send_assign(rank, {w.units.back(), 0});
  }

  void stop_worker(int rank) {
    // After a loss, MPI_Finalize could wait for the lost process: the
    // survivors are told to exit without it.
    send_assign(rank, {-1, result_.lost.empty() ? protocol::kStopFinalize : protocol::kStopExit});
    slot(rank).state = WorkerState::Stopped;
  }

  void fail_unit(std::int32_t unit, const std::string& error) {
    UnitReport r;
    r.unit_id = unit;
    r.error = error;
    result_.outcomes.push_back({r, -1});
    progress_(result_.outcomes.back());
  }

  void send_assign(int rank, protocol::AssignMsg a) {
    world_.send(rank, protocol::kAssign, reinterpret_cast<const char*>(&a), static_cast<int>(sizeof a));
  }

  void handle_message(int rank) {
    protocol::ReportMsg m{};
    world_.recv(rank, protocol::kReport, reinterpret_cast<char*>(&m), static_cast<int>(sizeof m));
    WorkerSlot& w = slot(rank);
    if (w.state == WorkerState::Lost) {
      // It was only slow, not dead: discard what it says (its unit went to
      // another worker) and let it exit once it asks for work.
      if (m.kind != protocol::ReportKind::Heartbeat) {
        spdlog::warn("worker rank {} answered after it was declared lost; its report is discarded", rank);
        send_assign(rank, {-1, protocol::kStopExit});
        w.state = WorkerState::Stopped;
      }
      return;
    }
    w.last_heard = Clock::now();
    if (m.kind == protocol::ReportKind::Heartbeat) {
      w.computing = m.unit_id;
      return;
    }
    result_.ranks[rank].peak_rss_kb = std::max(result_.ranks[rank].peak_rss_kb, m.peak_rss_kb);
    if (m.kind == protocol::ReportKind::Ready || m.kind == protocol::ReportKind::Fatal) {
      w.host = protocol::host_of(m);
      w.pid = m.pid;
      result_.hosts[rank] = w.host;
      result_.ranks[rank].seconds_load = m.seconds_load;
      w.state = WorkerState::Ready;  // a Fatal one is ready only to be told to stop
      if (m.kind == protocol::ReportKind::Fatal) {
        spdlog::error("worker rank {} cannot work: {}", rank, protocol::error_of(m));
        w.usable = false;
      }
      assign_or_release_idle_workers();
      return;
    }
    // A finished unit: the worker gets its next unit first, then rank 0 checks
    // and records this one (shard CRC, ledger fsync) while the worker computes.
    result_.outcomes.push_back({protocol::decode_report(m, plan_.processors), rank});
    halt_on_storage_error(result_.outcomes.back().report);  // the shard could not be written
    const auto held = std::find(w.units.begin(), w.units.end(), m.unit_id);
    if (held == w.units.end())
      spdlog::error("worker rank {} reported unit {} it was not given", rank, m.unit_id);
    else
      w.units.erase(held);
    assign_or_release_idle_workers();
    const auto t0 = Clock::now();
    progress_(result_.outcomes.back());
    result_.seconds_recording += std::chrono::duration<double>(Clock::now() - t0).count();
    halt_on_storage_error(result_.outcomes.back().report);  // nor, perhaps, the ledger
  }

  void halt_on_storage_error(const UnitReport& report) {
    if (!report.storage_error || result_.storage_error) return;
    result_.storage_error = report.error;
    begin_halt_if_needed();
  }

  const boost::mpi::communicator& world_;
  const RunPlan& plan_;
  const ProgressFn& progress_;
  const DispatchOptions options_;
  std::deque<std::int32_t> queue_;
  std::vector<WorkerSlot> workers_;  // by rank; [0] unused
  std::string my_host_;
  std::map<std::int32_t, int> losses_of_unit_;
  std::optional<Clock::time_point> halt_deadline_;
  AliveSender alive_;
  DispatchResult result_;
};

}  // namespace

DispatchResult dispatch_units(const boost::mpi::communicator& world, const RunPlan& plan,
                              const std::vector<std::int32_t>& order, const ProgressFn& progress,
                              const DispatchOptions& options) {
  return Dispatcher(world, plan, order, progress, options).run();
}

}  // namespace nba
