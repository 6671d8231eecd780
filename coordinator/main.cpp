// nba-precompute: one executable, several subcommands (see README).
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <iostream>
#include <optional>

#include "coordinator/offline_commands.hpp"
#include "coordinator/run_command.hpp"
#include "coordinator/validate_command.hpp"
#include "core/errors.hpp"
#include "plan/work_plan.hpp"
#include "processors/processor_table.hpp"
#include "store/hdf5_file.hpp"

namespace {

// CLI::Range lets NaN through (every comparison with it is false), and a NaN
// worker timeout never declares a worker lost (issue 20, defect 5).
CLI::Validator finite_range(double lo, double hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) -> std::string {
        double v = 0;
        if (!CLI::detail::lexical_cast(text, v)) return "Value " + text + " is not a number";
        if (!std::isfinite(v) || v < lo || v > hi)
          return "Value " + text + " not in range [" + CLI::detail::to_string(lo) + " - " + CLI::detail::to_string(hi) + "]";
        return "";
      },
      "FINITE in [" + CLI::detail::to_string(lo) + " - " + CLI::detail::to_string(hi) + "]");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace nba;
  h5::no_library_cleanup_at_exit();
  CLI::App app{"nba-precompute: recompute Phase 4 precompute features into HDF5 shards over MPI"};
  app.require_subcommand(1);
  // Global options are taken after the subcommand too (`run ... --quiet`):
  // subcommands created below inherit this and pass what they do not know up.
  app.fallthrough();
  std::string log_level = "info";
  bool quiet = false;
  app.add_option("--log-level", log_level, "trace|debug|info|warn|error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));
  app.add_flag("--quiet", quiet, "only warnings and errors");
  std::string processor_choices, processor_list;  // "tdza | psza | ..." and "tdza,psza,..."
  for (const auto& p : processor_names()) {
    processor_choices += (processor_choices.empty() ? "" : " | ") + p;
    processor_list += (processor_list.empty() ? "" : ",") + p;
  }

  SynthCommandOptions synth;
  auto* s = app.add_subcommand("synth", "generate a deterministic synthetic league as Phase 3 CSV.gz tables");
  s->add_option("--out", synth.out_dir, "directory for the CSV.gz tables")->required();
  s->add_option("--seed", synth.seed, "random seed");
  s->add_option("--first-season", synth.first_season, "first season_year (2023 = 2023-24)");
  s->add_option("--seasons", synth.seasons, "number of seasons")->check(CLI::Range(1, 64));
  s->add_option("--roster-scale", synth.roster_scale, "players per team multiplier")->check(CLI::Range(0.5, 8.0));
  s->add_option("--store", synth.store, "also import the tables into this input store (.h5)");

  std::string from_dir, store;
  auto* imp = app.add_subcommand("import", "validate Phase 3 CSV/CSV.gz tables and write the HDF5 input store");
  imp->add_option("--from", from_dir, "directory holding <table>.csv[.gz] and schedule.csv[.gz]")->required();
  imp->add_option("--store", store, "input store to write (.h5)")->required();

  RunOptions run;
  run.partition = kDefaultPartition;
  auto* r = app.add_subcommand("run", "compute Phase 4 for the selected dates (under mpirun or as one process)");
  r->add_option("--input", run.input, "input store (.h5) written by import or synth")->required();
  r->add_option("--out", run.out, "output directory (shards/, index.h5, manifest.json)")->required();
  r->add_option("--start", run.start, "first date, YYYY-MM-DD (inclusive)");
  r->add_option("--end", run.end, "last date, YYYY-MM-DD (inclusive)");
  r->add_option("--season", run.season, "season_year, e.g. 2023 for 2023-24");
  r->add_option("--dates-file", run.dates_file, "file with one YYYY-MM-DD per line");
  r->add_option("--dates", run.dates, "comma-separated YYYY-MM-DD dates, e.g. 2024-01-10,2024-01-12 (adds to --dates-file)")
      ->delimiter(',');
  r->add_option("--partition", run.partition, "auto | season | year | month | week | days:N (default auto: days:56, 28, 14 or 7, "
                "the largest giving each worker at least 4 units)");
  r->add_flag("--force", run.force, "recompute every selected date (default: resume, computing only what is not up to date)");
  r->add_flag("--retry-failed", run.retry_failed, "compute only the selected dates whose last attempt failed");
  r->add_flag("--gaps", run.gaps, "compute every date that is not up to date (missing, failed, stale)");
  r->add_flag("--dry-run", run.dry_run, "print the plan and the Phase 3 preflight; change nothing");
  r->add_flag("--skip-preflight", run.skip_preflight,
              "run even when the Phase 3 preflight fails (each table on >= 95 % of the dates, PCF's context on >= 90 % "
              "of each date's players); recorded in the ledger and manifest");
  r->add_flag("--include-bootstrap", run.include_bootstrap,
              "also compute MLFS on bootstrap dates (the first 14 days of a season) from Phase 3 alone, as the "
              "original's MLFS driver does with this flag; the other processors skip them");
  r->add_option("--processors", run.processors,
                "comma-separated subset of " + processor_list + "; what they read is computed too")
      ->delimiter(',');
  r->add_option("--grace-seconds", run.grace_seconds,
                "after SIGTERM/SIGINT/SIGUSR1: how long units in flight may finish (default 120)")
      ->check(finite_range(0.0, 86400.0));
  r->add_option("--worker-timeout", run.worker_timeout_seconds,
                "seconds a worker may stay silent (it sends a heartbeat at most every 250 ms while computing) before it is "
                "declared lost and its unit requeued (default 120)")
      ->check(finite_range(1.0, 86400.0));
  r->add_option("--exit-code-file", run.exit_code_file,
                "write the run's exit code to this file at the end (mpirun --enable-recovery always exits 0)");

  std::string export_out, export_processor, export_format = "ndjson", export_output = "-";
  std::optional<std::string> export_start, export_end, export_schema;
  auto* ex = app.add_subcommand("export", "write one processor's rows as NDJSON for bq load (or CSV for inspection)");
  auto* ex_schema = ex->add_option("--schema", export_schema,
                                   "print the BigQuery schema (JSON) of " + processor_choices + ", the schema "
                                   "argument of bq load, and exit")
                        ->check(CLI::IsMember(processor_names()));
  ex->add_option("--out", export_out, "output directory of a run")->excludes(ex_schema);
  std::vector<std::string> exportable = processor_names();
  exportable.emplace_back("failures");
  ex->add_option("--processor", export_processor, processor_choices + " | failures")
      ->check(CLI::IsMember(exportable))
      ->excludes(ex_schema);
  ex->add_option("--start", export_start, "first date (inclusive)");
  ex->add_option("--end", export_end, "last date (inclusive)");
  ex->add_option("--format", export_format, "csv | ndjson (use ndjson for bq load into the original tables)")
      ->check(CLI::IsMember({"csv", "ndjson"}));
  ex->add_option("--output", export_output, "file to write (default: standard output)");

  std::string state_store, state_out, gaps_format = "text";
  auto* cov = app.add_subcommand("coverage", "coverage per season x processor of an output folder");
  cov->add_option("--input", state_store, "input store (.h5) the output should reflect")->required();
  cov->add_option("--out", state_out, "output directory")->required();
  auto* gp = app.add_subcommand("gaps", "list the dates that are missing, failed or stale (exit 3 when any)");
  gp->add_option("--input", state_store, "input store (.h5)")->required();
  gp->add_option("--out", state_out, "output directory")->required();
  gp->add_option("--format", gaps_format, "text | json")->check(CLI::IsMember({"text", "json"}));

  ValidateOptions validate;
  auto* va = app.add_subcommand("validate", "check an output folder against its Phase 3 input: rows per date, every player "
                                "a row or a failure record, duplicate keys, REQUIRED columns, MLFS ranges and variance "
                                "(exit 3 with findings)");
  va->add_option("--input", validate.input, "input store (.h5) the output was computed from")->required();
  va->add_option("--out", validate.out, "output directory of a run")->required();
  va->add_option("--start", validate.start, "first date (inclusive)");
  va->add_option("--end", validate.end, "last date (inclusive)");
  va->add_option("--format", validate.format, "text | json")->check(CLI::IsMember({"text", "json"}));

  std::string index_path;
  auto* dg = app.add_subcommand("digest", "print rows and a content hash per dataset of an index");
  dg->add_option("--index", index_path, "index.h5 of a run")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : exit_code::kUsageOrInput;
  }
  auto logger = spdlog::stderr_color_mt("nba");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
  spdlog::set_level(quiet ? spdlog::level::warn : spdlog::level::from_str(log_level));

  try {
    if (*s) return synth_command(synth);
    if (*imp) return import_command(from_dir, store);
    if (*r) return run_command(run);
    if (*dg) return digest_command(index_path);
    if (*cov) return coverage_command(state_store, state_out);
    if (*ex && export_schema) return export_schema_command(*export_schema, export_output);
    if (*ex) return export_command(export_out, export_processor, export_start, export_end, export_format, export_output);
    if (*gp) return gaps_command(state_store, state_out, gaps_format);
    if (*va) return validate_command(validate);
  } catch (const InputError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return exit_code::kUsageOrInput;
  } catch (const UsageError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return exit_code::kUsageOrInput;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return exit_code::kInternal;
  }
  return exit_code::kInternal;
}
