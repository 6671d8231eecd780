#include "coordinator/rank0.hpp"

#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <boost/mpi/environment.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "coordinator/progress_line.hpp"
#include "coordinator/run_manifest.hpp"
#include "coordinator/run_outcome.hpp"
#include "coordinator/run_planning.hpp"
#include "coordinator/run_preflight.hpp"
#include "coordinator/run_timers.hpp"
#include "core/elapsed.hpp"
#include "core/errors.hpp"
#include "core/fault_injection.hpp"
#include "core/fingerprint.hpp"
#include "core/system_info.hpp"
#include "farm/coordinator_link.hpp"
#include "farm/dispatcher.hpp"
#include "farm/local_loop.hpp"
#include "farm/protocol.hpp"
#include "farm/stop_request.hpp"
#include "state/unit_recorder.hpp"
#include "store/input_store.hpp"
#include "store/page_cache.hpp"
#include "worker/shard_unit_work.hpp"

namespace nba {

namespace {

// The units of a one-process run, computed here as a worker would.
DispatchResult compute_here(const RunPlan& plan, Rank0Run& c, const ProgressFn& record) {
  // Opened only when there is something to compute; each season's slice is read as its first unit comes.
  if (c.order.empty()) return {};
  SeasonEngines engines([&](int season) { return c.store->read_for_season(season); });
  ShardUnitWork work(engines, plan);
  return run_units_here(plan, c.order, work, record, stop_signal);
}

}  // namespace

int run_rank0(const boost::mpi::communicator& world, const RunOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string started = utc_now_iso();
  // The ranks that compute units: the workers, or rank 0 itself when alone.
  const int workers = std::max(1, world.size() - 1);
  RunPlan plan;
  Rank0Run c;
  int planning_exit = exit_code::kOk;
  try {
    AliveSender alive(world);
    plan_run(options, workers, plan, c, [&] { alive.tick_all(); });
    // A one-process run computes here: it opens the store when there is
    // something to compute (a rerun with every date fresh does not pay for it).
    if (world.size() == 1 && !options.dry_run && !c.order.empty()) {
      c.store = std::make_unique<InputStore>(plan.input_path);
      if (c.store->fingerprint_hex() != plan.input_fingerprint)
        throw InputError(plan.input_path, 0, "", "input store changed while the run was planned");
    }
    if (options.dry_run) {
      print_dry_run(std::cout, plan, c.selection, c.to_compute, c.preflight, c.state->ledger(), world.size());
      plan.abort_reason = "dry-run";
    }
  } catch (const InputError& e) {
    plan.abort_reason = e.what();
    planning_exit = exit_code::kUsageOrInput;
  } catch (const UsageError& e) {
    plan.abort_reason = e.what();
    planning_exit = exit_code::kUsageOrInput;
  } catch (const std::exception& e) {
    plan.abort_reason = e.what();
    planning_exit = exit_code::kInternal;
  }
  // Rank 0's own start-up bookkeeping comes before sending the plan, while the
  // workers are still loading the input (decision 39): done after it, the
  // workers reported ready and waited for it (about 30 ms each, counted as
  // dispatch wait). A ledger that cannot even take these records: hand out
  // nothing (workers are told to stop as they report ready) and report it as a
  // storage failure.
  std::optional<std::string> ledger_error;
  if (plan.abort_reason.empty()) {
    add_run_log(plan.out_dir, plan.run_id);
    spdlog::info("run {}: {} dates in {} units, {} rank(s), partition {}, processors {}, output {}", plan.run_id,
                 c.to_compute.size(), plan.units.size(), world.size(), c.partition,
                 fmt::format("{}", fmt::join(plan.processors, ",")), plan.out_dir);
    ledger_error = record_skipped_dates(plan, c, options.include_bootstrap);
    if (ledger_error) c.order.clear();
  }
  const double plan_seconds = seconds_since(t0);
  // Every worker learns the plan (or the abort); rank 0 waits without spinning.
  protocol::send_plan(world, plan);
  if (!plan.abort_reason.empty()) {
    if (planning_exit != exit_code::kOk) spdlog::error("{}", plan.abort_reason);
    write_exit_code_file(options, planning_exit);
    return planning_exit;
  }
  install_coordinator_stop_handlers();

  ManifestFacts facts{c.partition, world.size(), started, 0, {}, {}, {}, {}};
  facts.hosts[0] = host_name();
  facts.preflight_ok = c.preflight.ok();
  ProgressLine progress(plan.units.size(), c.to_compute.size());
  // Each finished unit is validated and recorded at once: a coordinator killed
  // later loses nothing already computed. A ledger that cannot be written (disk
  // full) is a storage failure: the run stops handing out work.
  // Checked shards leave the page cache beyond the newest 512 MB (store/page_cache.hpp).
  WrittenFileCache shard_cache(std::uint64_t{512} << 20);
  auto record = [&](UnitOutcome& o) {
    const WorkUnit& u = plan.units.at(static_cast<std::size_t>(o.report.unit_id));
    try {
      const std::string shard = shard_relative_path(u);
      c.state->record(shard, ledger_records_for(plan, u, o, *c.fingerprints));
      if (o.report.ok) shard_cache.admit((std::filesystem::path(plan.out_dir) / shard).string());
    } catch (const std::exception& e) {
      o.report.ok = false;
      o.report.storage_error = true;
      o.report.error = std::string("unit ") + u.name() + " computed but not recorded: " + e.what();
    }
    progress.unit_done(u, o);
    fault::after_unit_recorded();
  };
  DispatchResult r;
  const auto units_start = std::chrono::steady_clock::now();
  if (world.size() == 1) {
    r = compute_here(plan, c, record);
  } else {
    r = dispatch_units(world, plan, c.order, record, {options.grace_seconds, options.worker_timeout_seconds});
    facts.hosts.insert(r.hosts.begin(), r.hosts.end());
    for (const auto& [rank, host] : r.hosts) spdlog::debug("rank {} runs on {}", rank, host);
  }
  const double units_wall = seconds_since(units_start);
  facts.lost = r.lost;
  if (ledger_error) {
    r.storage_error = *ledger_error;
    r.not_started = plan.units.size();
  }
  facts.work = count_work_done(plan, r.outcomes, r.not_started);
  RunTimers timers = summarize_timers(r, facts.work.dates_done + facts.work.dates_failed, workers, plan_seconds,
                                      units_wall);
  std::sort(r.outcomes.begin(), r.outcomes.end(),
            [](const auto& a, const auto& b) { return a.report.unit_id < b.report.unit_id; });

  // The index and manifest are rebuilt even after a storage failure (what was
  // recorded stays usable); if they cannot be written either, the old ones stay.
  std::size_t indexed = 0;
  try {
    const auto index_start = std::chrono::steady_clock::now();
    indexed = c.state->rebuild_index({{"run_id", plan.run_id},
                                      {"code_version", plan.code_version},
                                      {"input_fingerprint", plan.input_fingerprint},
                                      {"options_fingerprint", plan.options_fingerprint}});
    timers.index = seconds_since(index_start);
    facts.seconds = timers.total = seconds_since(t0);
    facts.timers = timers_json(timers);
    write_manifest(plan, r.outcomes, facts);
  } catch (const std::exception& e) {
    spdlog::error("cannot write the index or manifest: {}", e.what());
    if (!r.storage_error) r.storage_error = e.what();
  }
  const double seconds = seconds_since(t0);

  std::cout << "\n";
  print_coverage(std::cout, coverage(*c.state, *c.calendar, c.from, c.to));
  print_run_summary(std::cout, plan.run_id, facts.work, seconds);
  std::cout << "Index " << plan.out_dir << "/index.h5 covers " << indexed << " dates.\n";
  print_timers(std::cout, timers);
  const int code = report_outcome(r, plan, options);
  write_exit_code_file(options, code);
  std::cout.flush();
  spdlog::default_logger()->flush();
  // Workers still computing cannot be waited for any longer: end the job now.
  if (r.grace_expired) boost::mpi::environment::abort(code);
  // After a lost rank MPI_Finalize could wait for it forever (the survivors
  // were told the same).
  if (!r.lost.empty()) std::_Exit(code);
  return code;
}

}  // namespace nba
