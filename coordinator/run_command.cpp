#include "coordinator/run_command.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>

#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "calendar/season_calendar.hpp"
#include "coordinator/dispatch_loop.hpp"
#include "coordinator/run_preflight.hpp"
#include "coordinator/stop_request.hpp"
#include "core/errors.hpp"
#include "core/fingerprint.hpp"
#include "engine/output_state.hpp"
#include "engine/phase4_engine.hpp"
#include "engine/unit_executor.hpp"
#include "engine/unit_recorder.hpp"
#include "phase3/table.hpp"
#include "store/atomic_file.hpp"
#include "store/input_store.hpp"
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
};

void plan_run(const RunOptions& o, RunPlan& plan, Coordinator& c) {
  if (static_cast<int>(o.force) + static_cast<int>(o.retry_failed) + static_cast<int>(o.gaps) > 1)
    throw UsageError("--force, --retry-failed and --gaps exclude each other");
  c.data = read_input_store(o.input);
  c.calendar = std::make_unique<SeasonCalendar>(build_season_calendar(*c.data));
  c.fingerprints = std::make_unique<InputFingerprints>(*c.data);
  DateSelectionOptions sel;
  c.from = sel.start = parse_date_option(o.start, "--start");
  c.to = sel.end = parse_date_option(o.end, "--end");
  sel.season = o.season;
  if (o.dates_file) sel.dates = read_dates_file(*o.dates_file);
  c.selection = select_dates(*c.calendar, sel);
  const PartitionSpec spec = PartitionSpec::parse(o.partition);

  std::error_code ec;
  fs::create_directories(o.out, ec);
  if (ec || access(o.out.c_str(), W_OK) != 0)
    throw UsageError("output directory " + o.out + " cannot be created or is not writable");
  plan.input_path = fs::absolute(o.input).string();
  plan.out_dir = fs::absolute(o.out).string();
  plan.run_id = make_run_id();
  plan.code_version = NBA_CODE_VERSION;
  plan.input_fingerprint = to_hex64(c.data->fingerprint);
  plan.options_fingerprint = current_options_fingerprint();
  plan.processors = dependency_closure(o.processors);
  c.state = std::make_unique<OutputState>(plan.out_dir, plan.code_version, plan.options_fingerprint, *c.fingerprints);
  if (c.state->ledger().torn_lines_ignored())
    spdlog::warn("ledger: ignored a torn last line (an earlier run was interrupted while writing it)");

  // Resume: compute what is not fresh; --force everything; --retry-failed only failures.
  int fresh = 0, stale = 0, failed = 0, missing = 0;
  for (Day d : c.selection.compute) {
    const Condition cond = c.state->condition(d, plan.processors);
    fresh += cond == Condition::Fresh, stale += cond == Condition::Stale;
    failed += cond == Condition::Failed, missing += cond == Condition::Missing;
    if (o.force || (o.retry_failed ? cond == Condition::Failed : cond != Condition::Fresh)) c.to_compute.push_back(d);
  }
  spdlog::info("selection: {} dates with games ({} bootstrap, {} requested without games); "
               "{} up to date, {} stale (inputs/options/code changed), {} failed before, {} missing",
               c.selection.compute.size() + c.selection.bootstrap.size(), c.selection.bootstrap.size(),
               c.selection.no_games.size(), fresh, stale, failed, missing);

  std::map<Day, double> rows_on;
  for (auto v : c.data->table(tables::kPlayerGames).values("game_date")) rows_on[static_cast<Day>(v)] += 1.0;
  plan.units = partition_dates(c.to_compute, spec, *c.calendar, [&](Day d) { return rows_on[d] + 30.0; });
  c.order = dispatch_order(plan.units);
}

// Progress: one updating line on a terminal, periodic log lines otherwise.
class Progress {
 public:
  Progress(std::size_t units, std::size_t dates)
      : units_(units), dates_(dates), tty_(isatty(STDERR_FILENO) && spdlog::get_level() <= spdlog::level::info),
        start_(std::chrono::steady_clock::now()) {}
  void unit_done(const WorkUnit& u, const UnitOutcome& o) {
    ++units_done_;
    dates_done_ += u.dates.size();
    if (!o.report.ok) ++failures_;
    for (const auto& [p, n] : o.report.rows) rows_ += n;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(dates_done_) / elapsed : 0;
    const double eta = rate > 0 ? static_cast<double>(dates_ - dates_done_) / rate : 0;
    if (!o.report.ok) spdlog::error("unit {} FAILED on rank {}: {}", u.name(), o.rank, o.report.error);
    const std::string line = fmt::format("[{}/{} units, {}/{} dates] {} rows, {:.1f} dates/s, ETA {:.0f}s, {} failed",
                                         units_done_, units_, dates_done_, dates_, rows_, rate, eta, failures_);
    if (tty_) {
      std::cerr << "\r" << line << std::flush;
      if (units_done_ == units_) std::cerr << "\n";
    } else if (units_done_ == units_ || elapsed - last_log_ >= 5.0 || !o.report.ok) {
      spdlog::info("{}", line);
      last_log_ = elapsed;
    }
    spdlog::debug("unit {} ({} dates) rank {}: compute {:.3f}s write {:.3f}s", u.name(), u.dates.size(), o.rank,
                  o.report.seconds_compute, o.report.seconds_write);
  }

 private:
  std::size_t units_, dates_, units_done_ = 0, dates_done_ = 0, failures_ = 0;
  std::int64_t rows_ = 0;
  bool tty_;
  std::chrono::steady_clock::time_point start_;
  double last_log_ = 0;
};

void write_manifest(const RunPlan& plan, const RunOptions& o, int ranks, const std::vector<UnitOutcome>& outcomes,
                    const std::map<int, std::string>& hosts, const std::string& started, double seconds) {
  nlohmann::json units = nlohmann::json::array();
  for (const auto& oc : outcomes) {
    const WorkUnit& u = plan.units.at(static_cast<std::size_t>(oc.report.unit_id));
    nlohmann::json j = {{"id", u.id},           {"name", u.name()}, {"dates", u.dates.size()},
                        {"rank", oc.rank},      {"status", oc.report.ok ? "done" : "failed"},
                        {"rows", oc.report.rows}, {"seconds_compute", oc.report.seconds_compute},
                        {"seconds_write", oc.report.seconds_write}};
    if (oc.report.ok) j["shard"] = shard_relative_path(u);
    else j["error"] = oc.report.error;
    units.push_back(j);
  }
  const nlohmann::json m = {{"format_version", 2},        {"run_id", plan.run_id},
                            {"code_version", plan.code_version}, {"input", plan.input_path},
                            {"input_fingerprint", plan.input_fingerprint},
                            {"options_fingerprint", plan.options_fingerprint},
                            {"partition", o.partition},   {"ranks", ranks},
                            {"started_utc", started},     {"finished_utc", utc_now_iso()},
                            {"hosts", [&] {
                               nlohmann::json h = nlohmann::json::object();
                               for (const auto& [rank, host] : hosts) h[std::to_string(rank)] = host;
                               return h;
                             }()},
                            {"seconds_total", seconds},   {"units", units}};
  write_text_atomically((fs::path(plan.out_dir) / "manifest.json").string(), m.dump(1) + "\n");
}

void add_run_log(const std::string& out_dir, const std::string& run_id) {
  const auto path = fs::path(out_dir) / "logs" / (run_id + ".log");
  fs::create_directories(path.parent_path());
  auto sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(path.string());
  sink->set_level(spdlog::level::debug);
  spdlog::default_logger()->sinks().push_back(sink);
}

}  // namespace

int run_command(const RunOptions& options) {
  boost::mpi::environment env(boost::mpi::threading::single, true);
  boost::mpi::communicator world;
  const auto t0 = std::chrono::steady_clock::now();
  const std::string started = utc_now_iso();
  RunPlan plan;
  Coordinator c;
  int planning_exit = exit_code::kOk;
  if (world.rank() == 0) {
    try {
      plan_run(options, plan, c);
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
  // The one collective of the run: every rank learns the plan (or the abort).
  boost::mpi::broadcast(world, plan, 0);
  if (!plan.abort_reason.empty()) {
    if (world.rank() == 0 && planning_exit != exit_code::kOk) spdlog::error("{}", plan.abort_reason);
    return world.rank() == 0 ? planning_exit : exit_code::kOk;
  }
  if (world.rank() != 0) {
    ignore_stop_signals_in_worker();
    run_worker(world, plan);
    return exit_code::kOk;
  }
  install_coordinator_stop_handlers();

  add_run_log(plan.out_dir, plan.run_id);
  spdlog::info("run {}: {} dates in {} units, {} rank(s), partition {}, processors {}, output {}", plan.run_id,
               c.to_compute.size(), plan.units.size(), world.size(), options.partition,
               fmt::format("{}", fmt::join(plan.processors, ",")), plan.out_dir);
  // Bootstrap and no-game dates are recorded (never gaps), once per status change.
  for (auto [dates, status] : {std::pair{&c.selection.bootstrap, ledger_status::kSkippedBootstrap},
                               std::pair{&c.selection.no_games, ledger_status::kNoGames}}) {
    std::vector<Day> changed;
    for (Day d : *dates) {
      const LedgerRecord* r = c.state->ledger().latest(processor_names().front(), format_iso_date(d));
      if (!r || r->status != status) changed.push_back(d);
    }
    c.state->ledger().append(skipped_records(plan, changed, status, *c.fingerprints));
  }

  std::vector<UnitOutcome> outcomes;
  std::size_t not_started = 0;
  bool grace_expired = false;
  std::map<int, std::string> hosts;
  {
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    hosts[0] = host;
  }
  Progress progress(plan.units.size(), c.to_compute.size());
  // Each finished unit is validated and recorded at once: a coordinator killed
  // later loses nothing already computed.
  // Fault injection for the crash tests only: SIGKILL this coordinator right
  // after the N-th unit was recorded (NBA_FAULT_KILL_COORDINATOR_AFTER_UNITS=N).
  const char* kill_after_env = std::getenv("NBA_FAULT_KILL_COORDINATOR_AFTER_UNITS");
  const long kill_after = kill_after_env ? std::atol(kill_after_env) : -1;
  long recorded = 0;
  auto record = [&](UnitOutcome& o) {
    const WorkUnit& u = plan.units.at(static_cast<std::size_t>(o.report.unit_id));
    c.state->ledger().append(ledger_records_for(plan, u, o, *c.fingerprints));
    progress.unit_done(u, o);
    if (++recorded == kill_after) ::raise(SIGKILL);
  };
  if (world.size() == 1) {
    const Phase4Engine engine(*c.data);
    for (std::size_t k = 0; k < c.order.size(); ++k) {
      if (stop_requested()) {  // finish the unit in progress, start no other
        not_started = c.order.size() - k;
        break;
      }
      outcomes.push_back({execute_unit(engine, plan, plan.units.at(static_cast<std::size_t>(c.order[k]))), 0});
      record(outcomes.back());
    }
  } else {
    DispatchResult r = dispatch_units(world, plan, c.order, record, options.grace_seconds);
    outcomes = std::move(r.outcomes);
    not_started = r.not_started;
    grace_expired = r.grace_expired;
    hosts.insert(r.hosts.begin(), r.hosts.end());
    for (const auto& [rank, host] : r.hosts) spdlog::debug("rank {} runs on {}", rank, host);
  }
  std::sort(outcomes.begin(), outcomes.end(),
            [](const auto& a, const auto& b) { return a.report.unit_id < b.report.unit_id; });

  const std::size_t indexed = c.state->rebuild_index({{"run_id", plan.run_id},
                                                       {"code_version", plan.code_version},
                                                       {"input_fingerprint", plan.input_fingerprint},
                                                       {"options_fingerprint", plan.options_fingerprint}});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  write_manifest(plan, options, world.size(), outcomes, hosts, started, seconds);

  std::cout << "\n";
  print_coverage(std::cout, coverage(*c.state, *c.calendar, c.from, c.to));
  std::cout << "\nRun " << plan.run_id << ": computed " << c.to_compute.size() << " dates in " << plan.units.size()
            << " units in " << fmt::format("{:.2f}", seconds) << " s; index " << plan.out_dir << "/index.h5 covers "
            << indexed << " dates.\n";
  if (stop_requested() && (not_started > 0 || grace_expired)) {
    std::cout << "\nSTOPPED by signal " << stop_signal() << ": " << not_started << " units not started"
              << (grace_expired ? ", units still running when the grace period ended were abandoned" : "")
              << ". Everything finished is recorded; rerun the same command to resume.\n";
    std::cout.flush();
    // Workers still computing cannot be waited for any longer: end the job now.
    if (grace_expired) env.abort(exit_code::kStopped);
    return exit_code::kStopped;
  }
  std::vector<std::string> failed_dates;
  for (const auto& o : outcomes)
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

}  // namespace nba
