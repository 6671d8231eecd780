#include "coordinator/run_planning.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <sstream>
#include <tuple>
#include <utility>

#include "coordinator/run_preflight.hpp"

#include "core/errors.hpp"
#include "core/system_info.hpp"
#include "plan/planning_view.hpp"
#include "plan/work_plan.hpp"
#include "processors/processor_table.hpp"
#include "state/unit_recorder.hpp"
#include "store/atomic_file.hpp"
#include "store/input_store.hpp"

namespace nba {

namespace fs = std::filesystem;

namespace {

std::string make_run_id() {
  std::string t = utc_now_iso();
  std::erase(t, '-');
  std::erase(t, ':');
  return t + "-" + std::to_string(::getpid());
}

}  // namespace

void plan_run(const RunOptions& o, int workers, RunPlan& plan, Rank0Run& c, const std::function<void()>& keep_alive) {
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
  DateSelectionOptions sel;
  c.from = sel.start = parse_date_option(o.start, "--start");
  c.to = sel.end = parse_date_option(o.end, "--end");
  sel.season = o.season;
  if (o.dates_file || !o.dates.empty()) {  // the two lists add up
    sel.dates = o.dates.empty() ? std::vector<Day>{} : parse_dates_list(o.dates);
    if (o.dates_file) std::ranges::copy(read_dates_file(*o.dates_file), std::back_inserter(*sel.dates));
  }
  c.selection = select_dates(*c.calendar, sel);
  plan.processors = dependency_closure(o.processors);
  const bool bootstrap_on =
      o.include_bootstrap && std::ranges::find(plan.processors, kBootstrapProcessor) != plan.processors.end();
  if (o.include_bootstrap && !bootstrap_on)
    throw UsageError("--include-bootstrap computes MLFS on bootstrap dates; --processors leaves MLFS out");
  // Before the lock and any write: a run that will not start changes nothing.
  c.preflight = phase3_preflight_of(o.input, c.selection, plan.processors);
  plan.preflight_skipped = o.skip_preflight;
  if (!c.preflight.ok() && !o.dry_run) {
    std::ostringstream report;
    print_preflight(report, c.preflight);
    if (!o.skip_preflight)
      throw UsageError("Phase 3 preflight failed: the input lacks rows the selected dates need "
                       "(--skip-preflight runs anyway; run --dry-run to see this again)\n" + report.str());
    spdlog::warn("Phase 3 preflight failed; running anyway (--skip-preflight, recorded in the ledger and manifest)\n{}",
                 report.str());
  }
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
  if (bootstrap_on) {  // MLFS alone, judged by its own records
    for (Day d : c.selection.bootstrap) {
      const Condition cond = c.state->condition(kBootstrapProcessor, d);
      if (o.force || (o.retry_failed ? cond == Condition::Failed : cond != Condition::Fresh)) {
        c.to_compute.push_back(d);
        plan.bootstrap_dates.push_back(d);
      }
    }
    std::sort(c.to_compute.begin(), c.to_compute.end());
  }
  spdlog::info("selection: {} dates with games ({} bootstrap{}, {} requested without games); "
               "{} up to date, {} stale (inputs/options/code changed), {} failed before, {} missing",
               c.selection.compute.size() + c.selection.bootstrap.size(), c.selection.bootstrap.size(),
               bootstrap_on ? fmt::format(", MLFS computes {} of them", plan.bootstrap_dates.size()) : std::string(),
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

std::optional<std::string> record_skipped_dates(const RunPlan& plan, Rank0Run& c, bool include_bootstrap) {
  try {
    // With --include-bootstrap, MLFS's records of bootstrap dates are its own
    // (computed, or left as they were): only the other processors are skipped.
    std::vector<std::string> skipped_on_bootstrap;
    for (const auto& p : processor_names())
      if (!include_bootstrap || p != kBootstrapProcessor) skipped_on_bootstrap.push_back(p);
    using Names = const std::vector<std::string>*;
    for (auto [dates, status, processors] :
         {std::tuple{&c.selection.bootstrap, ledger_status::kSkippedBootstrap, Names{&skipped_on_bootstrap}},
          std::tuple{&c.selection.no_games, ledger_status::kNoGames, Names{&processor_names()}}}) {
      std::vector<Day> changed;
      for (Day d : *dates) {
        const LedgerRecord* r = c.state->ledger().latest(processor_names().front(), format_iso_date(d));
        if (!r || r->status != status) changed.push_back(d);
      }
      c.state->ledger().append(skipped_records(plan, changed, status, *c.fingerprints, *processors));
    }
  } catch (const std::exception& e) {
    return e.what();
  }
  return std::nullopt;
}

}  // namespace nba
