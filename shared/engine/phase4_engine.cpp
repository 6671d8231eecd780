#include "engine/phase4_engine.hpp"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <stdexcept>

#include "core/fault_injection.hpp"
#include "phase3/table.hpp"

namespace nba {

Phase4Engine::Phase4Engine(const Phase3Data& data)
    : calendar_(build_season_calendar(data)),
      team_defense_(build_team_defense_history(data)),
      player_games_(build_player_game_history(data)),
      context_inputs_(build_context_inputs(data)),
      source_hashes_(build_phase3_source_hashes(data)) {}

namespace {
void record_status(UnitOutput& out, const char* processor, Day date, std::size_t rows, std::size_t failures,
                   int entities) {
  // Every entity ends as a row or a failure record; anything else is a bug that
  // must stop the unit rather than lose entities silently.
  if (rows + failures != static_cast<std::size_t>(entities))
    throw std::logic_error(std::string(processor) + " " + format_iso_date(date) + ": rows + failures != entities");
  out.statuses.push_back({processor, date, rows > 0 ? date_status::kDone : date_status::kZeroRows,
                          static_cast<std::int64_t>(rows), static_cast<std::int64_t>(failures), entities});
}
}  // namespace

template <typename Row, typename Result>
void append(UnitOutput& out, const char* processor, Day date, std::vector<std::vector<Row>>& batches, Result& r) {
  record_status(out, processor, date, r.rows.size(), r.failures.size(), r.entities);
  // The date's vector is moved in whole, its rows stay where they are: every
  // processor has run, nothing reads r again.
  if (!r.rows.empty()) batches.push_back(std::move(r.rows));
  out.failures.insert(out.failures.end(), std::make_move_iterator(r.failures.begin()),
                      std::make_move_iterator(r.failures.end()));
}

// Dependency order (spec DAG): TDZA and PSZA read only Phase 3; PDC and PCF read
// the same date's PSZA (and TDZA) rows; MLFS reads all four. All from memory.
void Phase4Engine::compute_date(Day date, UnitOutput& out, const std::vector<std::string>& processors,
                               DateToDateMemo* memo) const {
  fault::before_date(format_iso_date(date));  // no-op unless a failure test asks
  auto on = [&](const char* p) {
    return processors.empty() || std::find(processors.begin(), processors.end(), p) != processors.end();
  };
  tdza::Result t;
  psza::Result z;
  pdc::Result c;
  pcf::Result f;
  mlfs::Result m;
  // Each processor runs under a stopwatch: the run's per-processor timers.
  auto timed = [&](const char* p, auto&& compute) {
    if (!on(p)) return;
    const auto t0 = std::chrono::steady_clock::now();
    compute();
    out.seconds_by_processor[p] += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  // source_<upstream>_hash picks (columns-parity.md 1.4 and the tables' sections).
  const Phase3SourceHashes& p3 = source_hashes_;
  timed("tdza", [&] {
    t = tdza::compute(team_defense_, date, p3.team_defense.between(october_first(season_year_of(date)), date));
  });
  timed("psza", [&] {
    z = psza::compute(player_games_, date, calendar_.opening_night(season_year_of(date)), memo ? &memo->psza : nullptr,
                      p3.player_games.before(date));
  });
  const std::string psza_hash = on("pdc") || on("pcf") ? smallest_data_hash(z.rows) : std::string();
  timed("pdc", [&] {
    c = pdc::compute(player_games_, context_inputs_, z.rows, date,
                     {p3.player_games.before(date), p3.team_offense.before(date), p3.player_context.on(date),
                      psza_hash});
  });
  timed("pcf", [&] {
    f = pcf::compute(player_games_, context_inputs_, z.rows, t.rows, date,
                     {p3.player_context.on(date), p3.team_context.on(date), psza_hash, smallest_data_hash(t.rows)});
  });
  timed("mlfs", [&] { m = mlfs::compute(player_games_, context_inputs_, {t.rows, z.rows, c.rows, f.rows}, date); });
  if (on("tdza")) append(out, "tdza", date, out.tdza_rows, t);
  if (on("psza")) append(out, "psza", date, out.psza_rows, z);
  if (on("pdc")) append(out, "pdc", date, out.pdc_rows, c);
  if (on("pcf")) append(out, "pcf", date, out.pcf_rows, f);
  if (on("mlfs")) append(out, "mlfs", date, out.mlfs_rows, m);
}

}  // namespace nba
