#include "engine/run_finalizer.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/unit_output.hpp"
#include "output/run_index.hpp"
#include "output/shard_file.hpp"
#include "store/atomic_file.hpp"
#include "store/hdf5_file.hpp"

namespace nba {

namespace fs = std::filesystem;

std::string utc_now_iso() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {

struct StatusRow {
  std::string processor, date, status;
  std::int64_t rows, failures;
};

std::vector<StatusRow> read_date_statuses(const std::string& shard_path) {
  h5::Handle f = h5::open_file_readonly(shard_path);
  h5::Handle g = h5::open_group(f.id(), "date_status");
  const auto proc = h5::read_fixed_strings(g.id(), "processor");
  const auto date = h5::read_fixed_strings(g.id(), "analysis_date");
  const auto status = h5::read_fixed_strings(g.id(), "status");
  const auto rows = h5::read_i64(g.id(), "rows");
  const auto fails = h5::read_i64(g.id(), "failures");
  std::vector<StatusRow> out;
  for (std::size_t i = 0; i < proc.size(); ++i) out.push_back({proc[i], date[i], status[i], rows[i], fails[i]});
  return out;
}

// A shard is accepted only if it opens, is structurally sound, and holds exactly
// what its worker reported for the unit it claims to be.
void validate_shard(const RunPlan& plan, const WorkUnit& unit, UnitOutcome& o, ShardSummary& summary) {
  const std::string path = (fs::path(plan.out_dir) / shard_relative_path(unit)).string();
  try {
    summary = read_shard_summary(path);
    if (summary.meta.unit_id != unit.id || summary.meta.first_date != format_iso_date(unit.dates.front()) ||
        summary.meta.last_date != format_iso_date(unit.dates.back()))
      throw std::runtime_error("shard identity does not match the unit");
    if (summary.meta.input_fingerprint != plan.input_fingerprint ||
        summary.meta.options_fingerprint != plan.options_fingerprint)
      throw std::runtime_error("shard was computed from different inputs or options");
    for (const auto& [proc, rows] : o.report.rows)
      if (summary.table_rows.at(proc) != rows)
        throw std::runtime_error(proc + " rows in shard (" + std::to_string(summary.table_rows.at(proc)) +
                                 ") differ from the worker's report (" + std::to_string(rows) + ")");
  } catch (const std::exception& e) {
    o.report.ok = false;
    o.report.error = "shard validation failed for " + path + ": " + e.what();
  }
}

}  // namespace

RunSummary finalize_run(const RunContext& ctx, std::vector<UnitOutcome>& outcomes) {
  const RunPlan& plan = ctx.plan;
  RunSummary summary;
  std::map<int, SeasonCoverage> seasons;
  auto season = [&](int s) -> SeasonCoverage& {
    auto& c = seasons[s];
    c.season = s;
    return c;
  };
  for (Day d : ctx.selection.bootstrap) {
    season(season_year_of(d)).game_dates++;
    season(season_year_of(d)).bootstrap++;
  }

  std::vector<IndexedShard> indexed;
  nlohmann::json units = nlohmann::json::array();
  nlohmann::json dates = nlohmann::json::object();
  for (Day d : ctx.selection.bootstrap) dates[format_iso_date(d)] = {{"status", "skipped_bootstrap"}};
  for (Day d : ctx.selection.no_games) dates[format_iso_date(d)] = {{"status", "no_games"}};

  for (auto& o : outcomes) {
    const WorkUnit& unit = plan.units.at(static_cast<std::size_t>(o.report.unit_id));
    ShardSummary shard;
    if (o.report.ok) validate_shard(plan, unit, o, shard);
    SeasonCoverage& cov = season(unit.season);
    cov.game_dates += static_cast<int>(unit.dates.size());
    nlohmann::json u = {{"id", unit.id},
                        {"name", unit.name()},
                        {"season", season_label(unit.season)},
                        {"dates", unit.dates.size()},
                        {"rank", o.rank},
                        {"status", o.report.ok ? "done" : "failed"},
                        {"seconds_compute", o.report.seconds_compute},
                        {"seconds_write", o.report.seconds_write},
                        {"rows", o.report.rows},
                        {"failure_records", o.report.failure_records}};
    if (o.report.ok) {
      ++summary.units_ok;
      u["shard"] = shard_relative_path(unit);
      indexed.push_back({shard_relative_path(unit), shard});
      cov.computed += static_cast<int>(unit.dates.size());
      for (const auto& s : read_date_statuses((fs::path(plan.out_dir) / shard_relative_path(unit)).string())) {
        auto& entry = dates[s.date];
        entry["status"] = "computed";
        entry[s.processor] = {{"status", s.status}, {"rows", s.rows}, {"failures", s.failures}};
        cov.rows[s.processor] += s.rows;
        cov.failures[s.processor] += s.failures;
        if (s.status == date_status::kDone) cov.done[s.processor]++;
        else {
          cov.zero_rows[s.processor]++;
          summary.zero_row_dates.push_back(s.processor + " " + s.date);
        }
      }
    } else {
      ++summary.units_failed;
      u["error"] = o.report.error;
      summary.failed_units.push_back(unit.name() + ": " + o.report.error);
      cov.failed += static_cast<int>(unit.dates.size());
      for (Day d : unit.dates) dates[format_iso_date(d)] = {{"status", "failed"}, {"error", o.report.error}};
    }
    units.push_back(u);
  }
  std::sort(indexed.begin(), indexed.end(),
            [](const auto& a, const auto& b) { return a.summary.meta.first_date < b.summary.meta.first_date; });

  write_run_index(plan.out_dir, indexed,
                  {{"run_id", plan.run_id},
                   {"code_version", plan.code_version},
                   {"input_fingerprint", plan.input_fingerprint},
                   {"options_fingerprint", plan.options_fingerprint}});

  nlohmann::json manifest = {{"format_version", 1},
                             {"run_id", plan.run_id},
                             {"code_version", plan.code_version},
                             {"input", plan.input_path},
                             {"input_fingerprint", plan.input_fingerprint},
                             {"options_fingerprint", plan.options_fingerprint},
                             {"partition", ctx.partition},
                             {"ranks", ctx.ranks},
                             {"started_utc", ctx.started_utc},
                             {"finished_utc", utc_now_iso()},
                             {"seconds_total", ctx.seconds_total},
                             {"units_ok", summary.units_ok},
                             {"units_failed", summary.units_failed},
                             {"units", units},
                             {"dates", dates}};
  write_text_atomically((fs::path(plan.out_dir) / "manifest.json").string(), manifest.dump(1) + "\n");

  for (auto& [s, c] : seasons) summary.seasons.push_back(c);
  return summary;
}

void print_coverage(std::ostream& os, const RunSummary& summary) {
  os << "\nCoverage per season (dates with games; bootstrap = first 14 days after opening night)\n";
  for (const auto& proc : processor_names()) {
    os << std::left << std::setw(9) << "season" << std::right << std::setw(7) << "dates" << std::setw(11)
       << "bootstrap" << std::setw(10) << "computed" << std::setw(8) << "failed" << std::setw(10)
       << (proc + ":done") << std::setw(11) << "zero-rows" << std::setw(10) << "rows" << std::setw(11)
       << "failures" << "\n";
    SeasonCoverage total;
    for (const auto& c : summary.seasons) {
      auto done = c.done.count(proc) ? c.done.at(proc) : 0;
      auto zero = c.zero_rows.count(proc) ? c.zero_rows.at(proc) : 0;
      auto rows = c.rows.count(proc) ? c.rows.at(proc) : 0;
      auto fails = c.failures.count(proc) ? c.failures.at(proc) : 0;
      os << std::left << std::setw(9) << season_label(c.season) << std::right << std::setw(7) << c.game_dates
         << std::setw(11) << c.bootstrap << std::setw(10) << c.computed << std::setw(8) << c.failed << std::setw(10)
         << done << std::setw(11) << zero << std::setw(10) << rows << std::setw(11) << fails << "\n";
      total.game_dates += c.game_dates, total.bootstrap += c.bootstrap, total.computed += c.computed;
      total.failed += c.failed, total.done[proc] += done, total.zero_rows[proc] += zero, total.rows[proc] += rows;
      total.failures[proc] += fails;
    }
    os << std::left << std::setw(9) << "total" << std::right << std::setw(7) << total.game_dates << std::setw(11)
       << total.bootstrap << std::setw(10) << total.computed << std::setw(8) << total.failed << std::setw(10)
       << total.done[proc] << std::setw(11) << total.zero_rows[proc] << std::setw(10) << total.rows[proc]
       << std::setw(11) << total.failures[proc] << "\n";
  }
}

}  // namespace nba
