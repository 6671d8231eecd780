#include "coordinator/dispatch_loop.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <algorithm>
#include <deque>
#include <optional>
#include <thread>

#include "engine/unit_output.hpp"
#include "coordinator/stop_request.hpp"
#include "worker/protocol.hpp"

namespace nba {

namespace {

UnitReport to_report(const protocol::ReportMsg& m, const std::vector<std::string>& processors) {
  UnitReport r;
  r.unit_id = m.unit_id;
  r.ok = m.kind == protocol::ReportKind::Done;
  std::size_t i = 0;
  for (const auto& p : processor_names()) {
    const std::int64_t rows = m.rows[i++];
    if (std::find(processors.begin(), processors.end(), p) != processors.end()) r.rows[p] = rows;
  }
  r.failure_records = m.failure_records;
  r.seconds_compute = m.seconds_compute;
  r.seconds_write = m.seconds_write;
  r.error = std::string(m.error, strnlen(m.error, sizeof m.error));
  return r;
}

// Polls instead of blocking: Open MPI's blocking receive spins a core, which on
// an oversubscribed node would be taken from the workers. Back-off stays <= 2 ms,
// far below a unit's run time.
std::optional<boost::mpi::status> wait_for_report(const boost::mpi::communicator& world,
                                                  std::chrono::steady_clock::time_point deadline) {
  auto backoff = std::chrono::microseconds(20);
  for (;;) {
    if (auto st = world.iprobe(boost::mpi::any_source, protocol::kReport)) return *st;
    // Give the caller a chance to start the grace period as soon as a stop is asked.
    if (std::chrono::steady_clock::now() > deadline ||
        (deadline == std::chrono::steady_clock::time_point::max() && stop_requested()))
      return std::nullopt;
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, std::chrono::microseconds(2000));
  }
}

}  // namespace

DispatchResult dispatch_units(const boost::mpi::communicator& world, const RunPlan& plan,
                              const std::vector<std::int32_t>& order, const ProgressFn& progress, double grace_seconds) {
  using clock = std::chrono::steady_clock;
  std::deque<std::int32_t> queue(order.begin(), order.end());
  DispatchResult result;
  int live_workers = world.size() - 1;
  int usable_workers = live_workers;
  std::optional<clock::time_point> stop_deadline;
  while (live_workers > 0) {
    if (stop_requested() && !stop_deadline) {
      stop_deadline = clock::now() + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(grace_seconds));
      result.not_started = queue.size();
      queue.clear();
      spdlog::warn("stop requested (signal {}): no new units; waiting up to {:.0f}s for units in flight",
                   stop_signal(), grace_seconds);
    }
    const auto st = wait_for_report(world, stop_deadline ? *stop_deadline : clock::time_point::max());
    if (!st) {
      if (!stop_deadline) continue;  // a stop was just requested: set the grace period first
      result.grace_expired = true;
      return result;
    }
    protocol::ReportMsg m{};
    world.recv(st->source(), protocol::kReport, reinterpret_cast<char*>(&m), static_cast<int>(sizeof m));
    if (m.kind == protocol::ReportKind::Ready || m.kind == protocol::ReportKind::Fatal)
      result.hosts[st->source()] = std::string(m.host, strnlen(m.host, sizeof m.host));
    if (m.kind == protocol::ReportKind::Fatal) {
      spdlog::error("worker rank {} cannot work: {}", st->source(), m.error);
      --usable_workers;
    } else if (m.kind != protocol::ReportKind::Ready) {
      result.outcomes.push_back({to_report(m, plan.processors), st->source()});
      progress(result.outcomes.back());
    }
    protocol::AssignMsg a{-1, 1};
    if (m.kind != protocol::ReportKind::Fatal && !queue.empty() && !stop_requested()) {
      a = {queue.front(), 0};
      queue.pop_front();
    }
    world.send(st->source(), protocol::kAssign, reinterpret_cast<const char*>(&a), static_cast<int>(sizeof a));
    if (a.stop) --live_workers;
  }
  // Units nobody could take (every worker failed to start) are failures, not gaps.
  for (auto id : queue) {
    UnitReport r;
    r.unit_id = id;
    r.error = "not computed: no usable worker rank";
    result.outcomes.push_back({r, -1});
  }
  if (usable_workers == 0) spdlog::error("no worker rank could load the input or write the output; nothing was computed");
  return result;
}

}  // namespace nba
