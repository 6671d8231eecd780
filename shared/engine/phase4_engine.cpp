#include "engine/phase4_engine.hpp"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <stdexcept>

#include "core/elapsed.hpp"
#include "core/fault_injection.hpp"
#include "phase3/table.hpp"

namespace nba {

Phase4Engine::Phase4Engine(const Phase3Data& data)
    : calendar_(build_season_calendar(data)),
      team_defense_(build_team_defense_history(data)),
      player_games_(build_player_game_history(data)),
      context_inputs_(build_context_inputs(data)),
      market_inputs_(mlfs::build_market_inputs(data)),
      source_hashes_(build_phase3_source_hashes(data)) {}

namespace {

void record_status(UnitOutput& out, ProcessorId processor, Day date, std::size_t rows, std::size_t failures,
                   int entities) {
  const std::string name(kProcessors[processor].name);
  // Every entity ends as a row or a failure record; anything else is a bug that
  // must stop the unit rather than lose entities silently.
  if (rows + failures != static_cast<std::size_t>(entities))
    throw std::logic_error(name + " " + format_iso_date(date) + ": rows + failures != entities");
  out.statuses.push_back({name, date, rows > 0 ? date_status::kDone : date_status::kZeroRows,
                          static_cast<std::int64_t>(rows), static_cast<std::int64_t>(failures), entities});
}

template <ProcessorId id, typename Result>
void append(UnitOutput& out, Day date, Result& r) {
  record_status(out, id, date, r.rows.size(), r.failures.size(), r.entities);
  // The date's vector is moved in whole, its rows stay where they are: every
  // processor has run, nothing reads r again.
  if (!r.rows.empty()) std::get<id>(out.rows).push_back(std::move(r.rows));
  out.failures.insert(out.failures.end(), std::make_move_iterator(r.failures.begin()),
                      std::make_move_iterator(r.failures.end()));
}

}  // namespace

// Dependency order (spec DAG): TDZA and PSZA read only Phase 3; PDC and PCF read
// the same date's PSZA (and TDZA) rows; MLFS reads all four. All from memory.
void Phase4Engine::compute_date(Day date, UnitOutput& out, const std::vector<std::string>& processors,
                               DateToDateMemo* memo) const {
  fault::before_date(format_iso_date(date));  // no-op unless a failure test asks
  auto on = [&](ProcessorId id) {
    return processors.empty() ||
           std::find(processors.begin(), processors.end(), kProcessors[id].name) != processors.end();
  };
  tdza::Result t;
  psza::Result z;
  pdc::Result c;
  pcf::Result f;
  mlfs::Result m;
  // Each processor runs under a stopwatch: the run's per-processor timers.
  auto timed = [&](ProcessorId id, auto&& compute) {
    if (!on(id)) return;
    const auto t0 = std::chrono::steady_clock::now();
    compute();
    out.seconds_by_processor[std::string(kProcessors[id].name)] += seconds_since(t0);
  };
  // source_<upstream>_hash picks (columns-parity.md 1.4 and the tables' sections).
  const Phase3SourceHashes& p3 = source_hashes_;
  timed(kTdza, [&] {
    t = tdza::compute(team_defense_, date, p3.team_defense.between(october_first(season_year_of(date)), date));
  });
  timed(kPsza, [&] {
    z = psza::compute(player_games_, date, calendar_.opening_night(season_year_of(date)), memo ? &memo->psza : nullptr,
                      p3.player_games.before(date));
  });
  const std::string psza_hash = on(kPdc) || on(kPcf) ? smallest_data_hash(z.rows) : std::string();
  timed(kPdc, [&] {
    c = pdc::compute(player_games_, context_inputs_, z.rows, date,
                     {p3.player_games.before(date), p3.team_offense.before(date), p3.player_context.on(date),
                      psza_hash});
  });
  timed(kPcf, [&] {
    f = pcf::compute(player_games_, context_inputs_, z.rows, t.rows, date,
                     {p3.player_context.on(date), p3.team_context.on(date), psza_hash, smallest_data_hash(t.rows)});
  });
  timed(kMlfs, [&] { m = mlfs::compute(player_games_, context_inputs_, market_inputs_, {t.rows, z.rows, c.rows, f.rows}, date); });
  if (on(kTdza)) append<kTdza>(out, date, t);
  if (on(kPsza)) append<kPsza>(out, date, z);
  if (on(kPdc)) append<kPdc>(out, date, c);
  if (on(kPcf)) append<kPcf>(out, date, f);
  if (on(kMlfs)) append<kMlfs>(out, date, m);
}

}  // namespace nba
