#include "coordinator/offline_commands.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <set>
#include <fmt/ranges.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "calendar/season_calendar.hpp"
#include "coordinator/run_command.hpp"
#include "core/elapsed.hpp"
#include "core/errors.hpp"
#include "core/fingerprint.hpp"
#include "state/output_state.hpp"
#include "plan/run_plan.hpp"
#include "ledger/run_ledger.hpp"
#include "output/run_index.hpp"
#include "output/bq_schema.hpp"
#include "output/table_export.hpp"
#include "plan/input_fingerprints.hpp"
#include "plan/store_writing.hpp"
#include "plan/planning_view.hpp"
#include "store/atomic_file.hpp"
#include "phase3/phase3_import.hpp"
#include "store/input_store.hpp"
#include "synth/phase3_writer.hpp"

namespace nba {

int synth_command(const SynthCommandOptions& o) {
  synth::SynthOptions so;
  so.seed = o.seed;
  so.first_season = o.first_season;
  so.seasons = o.seasons;
  so.roster_scale = o.roster_scale;
  const synth::League league = synth::generate_league(so);
  const auto counts = synth::write_phase3_csv(league, o.out_dir);
  spdlog::info("synthetic league (seed {}): {} seasons from {}, {} teams, {} players, {} games, {} player rows -> {}",
               o.seed, o.seasons, o.first_season, league.teams.size(), league.players.size(), counts.games,
               counts.player_rows, o.out_dir);
  if (!o.store.empty()) return import_command(o.out_dir, o.store);
  return 0;
}

int import_command(const std::string& from_dir, const std::string& store) {
  const auto t0 = std::chrono::steady_clock::now();
  check_input_directory(from_dir);
  // Checked before the import: a folder or an unwritable place found after
  // minutes of validation would waste them (issue 20, defect 9).
  check_output_file_path("--store", store, "the .h5 file to write", true);
  ImportResult r = import_phase3_dir(from_dir);
  for (const auto& w : r.warnings) spdlog::warn("{}", w);
  const std::string fingerprint = write_store_of(store, r.data);
  const double s = seconds_since(t0);
  for (const auto& t : r.data.tables) spdlog::info("  {:<30} {:>8} rows", t.name(), t.rows());
  spdlog::info("imported {} -> {} (fingerprint {}) in {:.2f}s", from_dir, store, fingerprint, s);
  return 0;
}

namespace {

// export and digest read through the index's virtual datasets, which show a
// damaged shard's bytes (or fill values for a lost one) without complaint:
// refuse, naming the shards and their dates, rather than print wrong values.
bool index_sources_intact(const std::string& index_path) {
  const auto damaged = damaged_index_sources(index_path);
  if (damaged.empty()) return true;
  const auto out_dir = std::filesystem::absolute(index_path).parent_path();
  std::optional<RunLedger> ledger;
  try {
    if (std::filesystem::exists(out_dir / "ledger.jsonl")) ledger = RunLedger::load(out_dir.string());
  } catch (const std::exception& e) {
    spdlog::warn("cannot read the ledger to name the dates: {}", e.what());
  }
  std::cerr << "error: " << index_path << " maps " << damaged.size()
            << " shard(s) that changed since it was built; nothing was read:\n";
  for (const auto& d : damaged) {
    std::set<std::string> dates;
    if (ledger)
      for (const auto& [key, r] : ledger->latest_all())
        if (r.shard == d.relative_path) dates.insert(r.date);
    std::cerr << "  " << d.relative_path << ": " << d.problem << "; dates: "
              << (dates.empty() ? std::string("unknown (no ledger record names it)") : fmt::format("{}", fmt::join(dates, " ")))
              << "\n";
  }
  std::cerr << "Run `nba-precompute run` on the same --input and --out to recompute those dates and rebuild the index.\n";
  return false;
}

}  // namespace

int digest_command(const std::string& index_path) {
  if (!index_sources_intact(index_path)) return exit_code::kSomeFailed;
  for (const auto& d : digest_index(index_path)) std::cout << d.dataset << " " << d.rows << " " << d.hash << "\n";
  return 0;
}

}  // namespace nba

namespace nba {

namespace {
// What coverage and gaps judge an output folder by: the planning view rank 0
// plans a run from (decision 47), without loading and hashing every table.
struct StateView {
  PlanningView planning;
  OutputState state;
  StateView(const std::string& store, const std::string& out_dir)
      : planning(read_planning_view(store)),
        state(check_out_dir(out_dir), NBA_CODE_VERSION, current_options_fingerprint(), planning.fingerprints) {}
  static std::string check_out_dir(const std::string& out_dir) {
    if (!std::filesystem::is_directory(out_dir)) throw UsageError("output directory " + out_dir + " does not exist");
    return std::filesystem::absolute(out_dir).string();
  }
};
}  // namespace

int coverage_command(const std::string& store, const std::string& out_dir) {
  const StateView v(store, out_dir);
  print_coverage(std::cout, coverage(v.state, v.planning.calendar));
  return 0;
}

int gaps_command(const std::string& store, const std::string& out_dir, const std::string& format) {
  const StateView v(store, out_dir);
  const auto gaps = find_gaps(v.state, v.planning.calendar);
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& g : gaps) {
      nlohmann::json j = {{"date", format_iso_date(g.date)},
                          {"season", season_label(season_year_of(g.date))},
                          {"condition", condition_name(g.condition)},
                          {"processors", g.processors}};
      if (!g.error.empty()) j["error"] = g.error;
      out.push_back(j);
    }
    std::cout << out.dump(1) << "\n";
  } else {
    for (const auto& g : gaps) {
      std::cout << format_iso_date(g.date) << "  " << condition_name(g.condition);
      for (const auto& p : g.processors) std::cout << " " << p;
      if (!g.error.empty()) std::cout << "  (" << g.error << ")";
      std::cout << "\n";
    }
    std::cout << gaps.size() << " gap date(s)\n";
  }
  return gaps.empty() ? exit_code::kOk : exit_code::kSomeFailed;
}

}  // namespace nba

namespace nba {

int export_schema_command(const std::string& processor, const std::string& output) {
  const std::string schema = bq_schema_json(*bq_table_of(processor));
  if (output == "-") std::cout << schema;
  else write_text_atomically(output, schema);
  return 0;
}

int export_command(const std::string& out_dir, const std::string& processor, const std::optional<std::string>& start,
                   const std::optional<std::string>& end, const std::string& format, const std::string& output) {
  if (out_dir.empty() || processor.empty())
    throw UsageError("export needs --out and --processor (or --schema <table> to print a table's schema)");
  for (const auto& d : {start, end})
    if (d && !parse_iso_date(*d)) throw UsageError("--start/--end must be YYYY-MM-DD dates, got '" + *d + "'");
  if (start && end && *start > *end) throw UsageError("--start " + *start + " is after --end " + *end);
  const auto fmt = format == "csv" ? ExportFormat::Csv : ExportFormat::Ndjson;
  const std::string index = (std::filesystem::path(out_dir) / "index.h5").string();
  if (!index_sources_intact(index)) return exit_code::kSomeFailed;
  if (output == "-") {
    const auto n = export_table(index, processor, start, end, fmt, std::cout);
    spdlog::info("exported {} {} rows", n, processor);
    return 0;
  }
  std::ostringstream buf;  // written atomically: a failed export leaves no partial file
  const auto n = export_table(index, processor, start, end, fmt, buf);
  write_text_atomically(output, buf.str());
  spdlog::info("exported {} {} rows to {}", n, processor, output);
  return 0;
}

}  // namespace nba
