#include "coordinator/run_command.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <chrono>
#include <filesystem>
#include <iostream>

#include "calendar/season_calendar.hpp"
#include "coordinator/dispatch_loop.hpp"
#include "core/errors.hpp"
#include "core/fingerprint.hpp"
#include "engine/phase4_engine.hpp"
#include "engine/run_finalizer.hpp"
#include "engine/unit_executor.hpp"
#include "phase3/table.hpp"
#include "store/input_store.hpp"
#include "worker/worker_loop.hpp"

namespace nba {

namespace {

std::optional<Day> parse_date_option(const std::optional<std::string>& v, const char* flag) {
  if (!v) return std::nullopt;
  auto d = parse_iso_date(*v);
  if (!d) throw UsageError(std::string(flag) + " must be a YYYY-MM-DD date, got '" + *v + "'");
  return d;
}

// Options that change computed values. The partition and rank count do not
// (decision 11), so they are deliberately not part of it.
std::string options_fingerprint() {
  Fingerprint fp;
  for (const auto& p : processor_names()) fp.add(p);
  fp.add_u64(kBootstrapDays);
  return fp.hex();
}

std::string make_run_id() {
  std::string t = utc_now_iso();
  std::erase(t, '-');
  std::erase(t, ':');
  return t + "-" + std::to_string(::getpid());
}

struct Planned {
  RunPlan plan;
  DateSelection selection;
  std::vector<std::int32_t> order;
};

Planned make_plan(const RunOptions& o, const Phase3Data& data) {
  Planned p;
  const SeasonCalendar calendar = build_season_calendar(data);
  DateSelectionOptions sel;
  sel.start = parse_date_option(o.start, "--start");
  sel.end = parse_date_option(o.end, "--end");
  sel.season = o.season;
  if (o.dates_file) sel.dates = read_dates_file(*o.dates_file);
  p.selection = select_dates(calendar, sel);
  const PartitionSpec spec = PartitionSpec::parse(o.partition);

  // Cost model: player rows on the date plus a constant for the team work.
  std::map<Day, double> rows_on;
  for (auto v : data.table(tables::kPlayerGames).values("game_date")) rows_on[static_cast<Day>(v)] += 1.0;
  p.plan.units = partition_dates(p.selection.compute, spec, calendar, [&](Day d) { return rows_on[d] + 30.0; });
  p.order = dispatch_order(p.plan.units);

  std::error_code ec;
  std::filesystem::create_directories(o.out, ec);
  if (ec || access(o.out.c_str(), W_OK) != 0)
    throw UsageError("output directory " + o.out + " cannot be created or is not writable");
  p.plan.input_path = std::filesystem::absolute(o.input).string();
  p.plan.out_dir = std::filesystem::absolute(o.out).string();
  p.plan.run_id = make_run_id();
  p.plan.code_version = NBA_CODE_VERSION;
  p.plan.input_fingerprint = to_hex64(data.fingerprint);
  p.plan.options_fingerprint = options_fingerprint();
  return p;
}

void log_progress(const UnitOutcome& o, std::size_t done, std::size_t total, const RunPlan& plan) {
  const WorkUnit& u = plan.units.at(static_cast<std::size_t>(o.report.unit_id));
  if (!o.report.ok) {
    spdlog::error("[{}/{}] unit {} FAILED on rank {}: {}", done, total, u.name(), o.rank, o.report.error);
    return;
  }
  std::string rows;
  for (const auto& [p, n] : o.report.rows) rows += p + "=" + std::to_string(n) + " ";
  spdlog::info("[{}/{}] unit {} ({} dates) rank {}: {}failures={} compute {:.3f}s write {:.3f}s", done, total,
               u.name(), u.dates.size(), o.rank, rows, o.report.failure_records, o.report.seconds_compute,
               o.report.seconds_write);
}

}  // namespace

int run_command(const RunOptions& options) {
  boost::mpi::environment env(boost::mpi::threading::single, true);
  boost::mpi::communicator world;
  const auto t0 = std::chrono::steady_clock::now();
  RunContext ctx;
  ctx.started_utc = utc_now_iso();
  ctx.ranks = world.size();
  ctx.partition = options.partition;

  std::optional<Phase3Data> data;
  std::vector<std::int32_t> order;
  int planning_exit = exit_code::kOk;
  if (world.rank() == 0) {
    try {
      data = read_input_store(options.input);
      Planned p = make_plan(options, *data);
      ctx.plan = std::move(p.plan);
      ctx.selection = std::move(p.selection);
      order = std::move(p.order);
      spdlog::info("run {}: {} dates to compute in {} units ({} bootstrap, {} without games), {} rank(s), partition {}",
                   ctx.plan.run_id, ctx.selection.compute.size(), ctx.plan.units.size(),
                   ctx.selection.bootstrap.size(), ctx.selection.no_games.size(), world.size(), options.partition);
    } catch (const InputError& e) {
      ctx.plan.abort_reason = e.what();
      planning_exit = exit_code::kUsageOrInput;
    } catch (const UsageError& e) {
      ctx.plan.abort_reason = e.what();
      planning_exit = exit_code::kUsageOrInput;
    } catch (const std::exception& e) {
      ctx.plan.abort_reason = e.what();
      planning_exit = exit_code::kInternal;
    }
  }
  // The one collective of the run: every rank learns the plan (or the abort).
  boost::mpi::broadcast(world, ctx.plan, 0);
  if (!ctx.plan.abort_reason.empty()) {
    if (world.rank() == 0) spdlog::error("{}", ctx.plan.abort_reason);
    return world.rank() == 0 ? planning_exit : exit_code::kOk;
  }
  if (world.rank() != 0) {
    run_worker(world, ctx.plan);
    return exit_code::kOk;
  }

  std::vector<UnitOutcome> outcomes;
  const std::size_t total = ctx.plan.units.size();
  if (world.size() == 1) {
    const Phase4Engine engine(*data);
    data.reset();
    for (auto id : order) {
      outcomes.push_back({execute_unit(engine, ctx.plan, ctx.plan.units.at(static_cast<std::size_t>(id))), 0});
      log_progress(outcomes.back(), outcomes.size(), total, ctx.plan);
    }
  } else {
    data.reset();  // workers hold the input; rank 0 only coordinates
    std::size_t done = 0;
    outcomes = dispatch_units(world, ctx.plan, order,
                              [&](const UnitOutcome& o) { log_progress(o, ++done, total, ctx.plan); });
  }
  std::sort(outcomes.begin(), outcomes.end(),
            [](const auto& a, const auto& b) { return a.report.unit_id < b.report.unit_id; });
  ctx.seconds_total = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const RunSummary summary = finalize_run(ctx, outcomes);
  print_coverage(std::cout, summary);
  if (!summary.zero_row_dates.empty())
    std::cout << "\nNOTE: " << summary.zero_row_dates.size()
              << " computed (processor, date) pairs produced 0 rows: every entity failed (see /failures in the "
                 "index, usually INSUFFICIENT_DATA early in a season).\n";
  std::cout << "\nOutput: " << ctx.plan.out_dir << "/index.h5 (" << summary.units_ok << " shards), manifest.json; "
            << ctx.seconds_total << " s\n";
  if (!summary.all_ok()) {
    std::cout << "\nFAILED units (" << summary.units_failed << "):\n";
    for (const auto& f : summary.failed_units) std::cout << "  " << f << "\n";
    return exit_code::kSomeFailed;
  }
  return exit_code::kOk;
}

}  // namespace nba
