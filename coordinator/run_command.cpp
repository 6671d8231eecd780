#include "coordinator/run_command.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>

#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <algorithm>
#include <chrono>
#include <optional>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "calendar/season_calendar.hpp"
#include "coordinator/dispatch_loop.hpp"
#include "coordinator/progress_line.hpp"
#include "coordinator/run_manifest.hpp"
#include "coordinator/run_timers.hpp"
#include "coordinator/run_preflight.hpp"
#include "coordinator/stop_request.hpp"
#include "core/errors.hpp"
#include "core/fault_injection.hpp"
#include "core/fingerprint.hpp"
#include "core/system_info.hpp"
#include "engine/output_state.hpp"
#include "engine/phase4_engine.hpp"
#include "engine/unit_executor.hpp"
#include "engine/unit_recorder.hpp"
#include "phase3/table.hpp"
#include "plan/planning_view.hpp"
#include "store/atomic_file.hpp"
#include "store/input_store.hpp"
#include "store/output_lock.hpp"
#include "store/page_cache.hpp"
#include "worker/protocol.hpp"
#include "worker/worker_loop.hpp"

namespace nba {

namespace fs = std::filesystem;

namespace {

std::optional<Day> parse_date_option(const std::optional<std::string>& v, const char* flag) {
  if (!v) return std::nullopt;
  auto d = parse_iso_date(*v);
  if (!d) throw UsageError(std::string(flag) + " must be a YYYY-MM-DD date, got '" + *v + "'");
  return d;
}

std::string make_run_id() {
  std::string t = utc_now_iso();
  std::erase(t, '-');
  std::erase(t, ':');
  return t + "-" + std::to_string(::getpid());
}

// Everything rank 0 knows and the workers do not need.
struct Coordinator {
  std::optional<Phase3Data> data;
  std::unique_ptr<SeasonCalendar> calendar;
  std::unique_ptr<InputFingerprints> fingerprints;
  std::unique_ptr<OutputState> state;
  DateSelection selection;
  std::vector<Day> to_compute;
  std::vector<std::int32_t> order;
  std::optional<Day> from, to;
  std::string partition;  // as used: auto resolved to its days:N
  std::unique_ptr<OutputLock> lock;  // held from planning to exit
};

// `workers`: the ranks that compute (the auto partition sizes units for them).
// `keep_alive` is called while planning works through the dates (it checks
// shards, which on a large output takes a while): workers waiting for the plan
// must keep hearing from rank 0.
void plan_run(const RunOptions& o, int workers, RunPlan& plan, Coordinator& c, const std::function<void()>& keep_alive) {
  if (static_cast<int>(o.force) + static_cast<int>(o.retry_failed) + static_cast<int>(o.gaps) > 1)
    throw UsageError("--force, --retry-failed and --gaps exclude each other");
  // Checked before planning: found when the run ended, the code was lost (issue 20, defect 13).
  if (o.exit_code_file) check_output_file_path("--exit-code-file", *o.exit_code_file, "a file", false);
  // Planning reads the schedule, the box scores' dates and the per-day hashes
  // only (decision 47): the tables are loaded by the ranks that compute, so
  // rank 0 of an MPI run no longer spends a worker's load time (and memory)
  // beside two loading workers on the same cores.
  PlanningView planning = read_planning_view(o.input);
  c.calendar = std::make_unique<SeasonCalendar>(std::move(planning.calendar));
  c.fingerprints = std::make_unique<InputFingerprints>(std::move(planning.fingerprints));
  if (o.dry_run) c.data = read_input_store(o.input);  // the preflight counts every table's dates
  DateSelectionOptions sel;
  c.from = sel.start = parse_date_option(o.start, "--start");
  c.to = sel.end = parse_date_option(o.end, "--end");
  sel.season = o.season;
  if (o.dates_file) sel.dates = read_dates_file(*o.dates_file);
  c.selection = select_dates(*c.calendar, sel);
  const PartitionSpec requested = PartitionSpec::parse(o.partition);

  std::error_code ec;
  fs::create_directories(o.out, ec);
  if (ec || access(o.out.c_str(), W_OK) != 0)
    throw UsageError("output directory " + o.out + " cannot be created or is not writable");
  plan.input_path = resolve_input_path(o.input);
  plan.out_dir = fs::absolute(o.out).string();
  plan.run_id = make_run_id();
  plan.code_version = NBA_CODE_VERSION;
  plan.input_fingerprint = planning.input_fingerprint_hex;
  plan.options_fingerprint = current_options_fingerprint();
  plan.processors = dependency_closure(o.processors);
  // Taken before the ledger is read: what another run is writing cannot be planned from.
  if (!o.dry_run) {
    c.lock = std::make_unique<OutputLock>(plan.out_dir, plan.run_id);
    // Under the lock no other run writes here, and this one has not started.
    for (const auto& path : remove_abandoned_temp_files(plan.out_dir))
      spdlog::warn("removed {}, left by a run that was killed before committing it", path);
  }
  c.state = std::make_unique<OutputState>(plan.out_dir, plan.code_version, plan.options_fingerprint, *c.fingerprints);
  if (c.state->ledger().torn_lines_ignored())
    spdlog::warn("ledger: ignored a torn last line (an earlier run was interrupted while writing it)");

  // Resume: compute what is not fresh; --force everything; --retry-failed only failures.
  int fresh = 0, stale = 0, failed = 0, missing = 0;
  for (Day d : c.selection.compute) {
    keep_alive();
    const Condition cond = c.state->condition(d, plan.processors);
    fresh += cond == Condition::Fresh, stale += cond == Condition::Stale;
    failed += cond == Condition::Failed, missing += cond == Condition::Missing;
    if (o.force || (o.retry_failed ? cond == Condition::Failed : cond != Condition::Fresh)) c.to_compute.push_back(d);
  }
  spdlog::info("selection: {} dates with games ({} bootstrap, {} requested without games); "
               "{} up to date, {} stale (inputs/options/code changed), {} failed before, {} missing",
               c.selection.compute.size() + c.selection.bootstrap.size(), c.selection.bootstrap.size(),
               c.selection.no_games.size(), fresh, stale, failed, missing);

  const auto rows_on = [&](Day d) {
    const auto it = planning.box_scores_per_day.find(d);
    return it == planning.box_scores_per_day.end() ? 0.0 : static_cast<double>(it->second);
  };
  const PartitionSpec spec = resolve_partition(requested, c.to_compute, *c.calendar, workers);
  c.partition = requested.kind == PartitionSpec::Kind::Auto ? "auto (" + spec.to_string() + ")" : spec.to_string();
  plan.units = partition_dates(c.to_compute, spec, *c.calendar, [&](Day d) { return rows_on(d) + 30.0; });
  c.order = dispatch_order(plan.units);
}

// A run log that cannot be created (full disk) is no reason not to run: the
// same lines still go to standard error.
void add_run_log(const std::string& out_dir, const std::string& run_id) {
  const auto path = fs::path(out_dir) / "logs" / (run_id + ".log");
  try {
    fs::create_directories(path.parent_path());
    auto sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(path.string());
    sink->set_level(spdlog::level::debug);
    spdlog::default_logger()->sinks().push_back(sink);
  } catch (const std::exception& e) {
    spdlog::warn("no run log file {}: {}", path.string(), e.what());
  }
}

// Bootstrap and no-game dates are recorded (never gaps), once per status change.
// Returns the error when the ledger cannot be written.
std::optional<std::string> record_skipped_dates(const RunPlan& plan, Coordinator& c) {
  try {
    for (auto [dates, status] : {std::pair{&c.selection.bootstrap, ledger_status::kSkippedBootstrap},
                                 std::pair{&c.selection.no_games, ledger_status::kNoGames}}) {
      std::vector<Day> changed;
      for (Day d : *dates) {
        const LedgerRecord* r = c.state->ledger().latest(processor_names().front(), format_iso_date(d));
        if (!r || r->status != status) changed.push_back(d);
      }
      c.state->ledger().append(skipped_records(plan, changed, status, *c.fingerprints));
    }
  } catch (const std::exception& e) {
    return e.what();
  }
  return std::nullopt;
}

// "computed N dates in U units" when everything planned was done; otherwise
// what was done of what was planned, and what was not (issue 20, defect 10).
void print_run_summary(std::ostream& os, const std::string& run_id, const WorkDone& w, double seconds) {
  const std::size_t dates = w.dates_done + w.dates_failed, units = w.units_done + w.units_failed;
  os << "\nRun " << run_id << ": computed " << dates;
  if (dates == w.dates_planned) os << " dates in " << units << " units";
  else os << " of " << w.dates_planned << " planned dates in " << units << " of " << w.units_planned << " units";
  os << " in " << fmt::format("{:.2f}", seconds) << " s";
  if (w.dates_failed) os << "; " << w.dates_failed << " dates failed";
  if (w.dates_not_done()) os << "; " << w.dates_not_done() << " dates not done (" << w.units_not_started
                             << " units not started)";
  os << ".\n";
}

// A worker whose rank 0 died (it would otherwise wait for it forever under
// `mpirun --enable-recovery`): say so and end without MPI_Finalize, which
// would wait for the dead rank too.
[[noreturn]] void exit_coordinator_lost(const boost::mpi::communicator& world, const CoordinatorWatch& watch) {
  spdlog::error("rank {} on {}: no word from the coordinator (rank 0) for {:.0f}s: it is gone; stopping. "
                "Everything it recorded stays; rerun the same command to resume.",
                world.rank(), host_name(), watch.timeout_seconds());
  spdlog::default_logger()->flush();
  std::_Exit(exit_code::kStopped);
}

void write_exit_code_file(const RunOptions& options, int code) {
  if (!options.exit_code_file) return;
  try {
    write_text_atomically(*options.exit_code_file, std::to_string(code) + "\n");
  } catch (const std::exception& e) {
    spdlog::error("cannot write the exit code file: {}", e.what());
  }
}

// Prints how the run ended (stopped, failed dates) and returns the exit code.
int report_outcome(const DispatchResult& r, const RunPlan& plan, const RunOptions& options) {
  for (const auto& l : r.lost)
    std::cout << "LOST worker rank " << l.rank << " (" << (l.host.empty() ? "host unknown" : l.host) << ", pid "
              << l.pid << "): silent for " << options.worker_timeout_seconds << " s"
              << (l.unit_id >= 0 ? "; its unit " + plan.units.at(static_cast<std::size_t>(l.unit_id)).name() +
                                       " went to another worker"
                                 : "")
              << (l.killed ? "; killed" : "") << ".\n";
  if (r.storage_error) {
    std::cout << "\nSTOPPED: the output could not be written: " << *r.storage_error << "\n"
              << r.not_started << " units not started. Nothing partial is visible and everything recorded stays; "
              << "free space (or fix the folder) and rerun the same command to resume.\n";
    return exit_code::kStorage;
  }
  if (stop_requested() && (r.not_started > 0 || r.grace_expired)) {
    std::cout << "\nSTOPPED by signal " << stop_signal() << ": " << r.not_started << " units not started"
              << (r.grace_expired ? ", units still running when the grace period ended were abandoned" : "")
              << ". Everything finished is recorded; rerun the same command to resume.\n";
    return exit_code::kStopped;
  }
  std::vector<std::string> failed_dates;
  for (const auto& o : r.outcomes)
    if (!o.report.ok)
      for (Day d : plan.units.at(static_cast<std::size_t>(o.report.unit_id)).dates)
        failed_dates.push_back(format_iso_date(d) + "  " + o.report.error);
  if (!failed_dates.empty()) {
    std::cout << "\nFAILED dates (" << failed_dates.size() << "); rerun the same command to retry them:\n";
    for (const auto& f : failed_dates) std::cout << "  " << f << "\n";
    return exit_code::kSomeFailed;
  }
  return exit_code::kOk;
}

}  // namespace

int run_command(const RunOptions& options) {
  boost::mpi::environment env(boost::mpi::threading::single, true);
  boost::mpi::communicator world;
  const auto t0 = std::chrono::steady_clock::now();
  const std::string started = utc_now_iso();
  // The ranks that compute units: the workers, or rank 0 itself when alone.
  const int workers = std::max(1, world.size() - 1);
  RunPlan plan;
  Coordinator c;
  int planning_exit = exit_code::kOk;
  PreparedInput prepared;
  if (world.rank() != 0) {
    // Workers load the input while rank 0 plans (both take a few tenths of a
    // second on the real data); rank 0 alone handles stop signals.
    ignore_stop_signals_in_worker();
    prepared = prepare_input(options.input);
  }
  if (world.rank() == 0) {
    try {
      AliveSender alive(world);
      plan_run(options, workers, plan, c, [&] { alive.tick_all(); });
      // A one-process run computes here: it loads the tables when there is
      // something to compute (a rerun with every date fresh does not pay for it).
      if (world.size() == 1 && !options.dry_run && !c.order.empty()) {
        c.data = read_input_store(plan.input_path);
        if (to_hex64(c.data->fingerprint) != plan.input_fingerprint)
          throw InputError(plan.input_path, 0, "", "input store changed while the run was planned");
      }
      if (options.dry_run) {
        print_dry_run(std::cout, plan, c.selection, c.to_compute, *c.data, c.state->ledger(), world.size());
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
  }
  // Rank 0's own start-up bookkeeping comes before sending the plan, while the
  // workers are still loading the input (decision 39): done after it, the
  // workers reported ready and waited for it (about 30 ms each, counted as
  // dispatch wait). A ledger that cannot even take these records: hand out
  // nothing (workers are told to stop as they report ready) and report it as a
  // storage failure.
  std::optional<std::string> ledger_error;
  if (world.rank() == 0 && plan.abort_reason.empty()) {
    add_run_log(plan.out_dir, plan.run_id);
    spdlog::info("run {}: {} dates in {} units, {} rank(s), partition {}, processors {}, output {}", plan.run_id,
                 c.to_compute.size(), plan.units.size(), world.size(), c.partition,
                 fmt::format("{}", fmt::join(plan.processors, ",")), plan.out_dir);
    ledger_error = record_skipped_dates(plan, c);
    if (ledger_error) c.order.clear();
  }
  const double plan_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // Every rank learns the plan (or the abort); rank 0 waits without spinning,
  // and so do the workers, who give up on a rank 0 silent for the timeout.
  std::optional<CoordinatorWatch> watch;
  if (world.rank() == 0) {
    send_plan(world, plan);
  } else {
    watch.emplace(world, options.worker_timeout_seconds);
    if (!watch->wait_for(protocol::kPlan)) exit_coordinator_lost(world, *watch);
    world.recv(0, protocol::kPlan, plan);
  }
  if (!plan.abort_reason.empty()) {
    if (world.rank() == 0 && planning_exit != exit_code::kOk) spdlog::error("{}", plan.abort_reason);
    if (world.rank() == 0) write_exit_code_file(options, planning_exit);
    return world.rank() == 0 ? planning_exit : exit_code::kOk;
  }
  if (world.rank() != 0) {
    const WorkerEnd end = run_worker(world, plan, std::move(prepared), *watch);
    if (end == WorkerEnd::CoordinatorLost) exit_coordinator_lost(world, *watch);
    if (end == WorkerEnd::ExitWithoutFinalize) {
      spdlog::default_logger()->flush();
      std::_Exit(exit_code::kOk);
    }
    return exit_code::kOk;
  }
  install_coordinator_stop_handlers();

  ManifestFacts facts{c.partition, world.size(), started, 0, {}, {}, {}, {}};
  facts.hosts[0] = host_name();
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
    // Built only when there is something to compute (c.data is loaded then only).
    std::optional<Phase4Engine> engine;
    if (!c.order.empty()) {
      engine.emplace(*c.data);
      c.data.reset();  // the engine keeps its own views; the tables would only hold memory
    }
    // As a worker does (worker_loop.cpp): a unit's shard is committed after the
    // next unit is computed, so its disk flush overlaps that computation.
    DeferredCommit deferred([&](UnitReport&& report) {
      r.outcomes.push_back({std::move(report), 0});
      record(r.outcomes.back());
      if (r.outcomes.back().report.storage_error) r.storage_error = r.outcomes.back().report.error;
    });
    for (std::size_t k = 0; k < c.order.size(); ++k) {
      if (stop_requested() || r.storage_error) {  // finish the unit in progress, start no other
        r.not_started = c.order.size() - k;
        break;
      }
      const WorkUnit& unit = plan.units.at(static_cast<std::size_t>(c.order[k]));
      ComputedUnit computed = compute_unit(*engine, plan, unit);
      deferred.commit();
      deferred.hold(write_unit(plan, unit, std::move(computed)));
    }
    deferred.commit();
  } else {
    r = dispatch_units(world, plan, c.order, record, {options.grace_seconds, options.worker_timeout_seconds});
    facts.hosts.insert(r.hosts.begin(), r.hosts.end());
    for (const auto& [rank, host] : r.hosts) spdlog::debug("rank {} runs on {}", rank, host);
  }
  const double units_wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - units_start).count();
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
    timers.index = std::chrono::duration<double>(std::chrono::steady_clock::now() - index_start).count();
    facts.seconds = timers.total = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    facts.timers = timers_json(timers);
    write_manifest(plan, r.outcomes, facts);
  } catch (const std::exception& e) {
    spdlog::error("cannot write the index or manifest: {}", e.what());
    if (!r.storage_error) r.storage_error = e.what();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

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
  if (r.grace_expired) env.abort(code);
  // After a lost rank MPI_Finalize could wait for it forever (the survivors
  // were told the same).
  if (!r.lost.empty()) std::_Exit(code);
  return code;
}

}  // namespace nba
